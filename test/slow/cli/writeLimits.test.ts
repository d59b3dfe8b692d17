import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { assertRefused, repoWithRun } from '../../helpers/runFixture';
import { readFile, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { formatProblem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { problemsForText } from '../../../src/core/validation/documentProblems';
import { runFoldersIn, runPath } from '../../helpers/runPaths';

/** Values a file cannot hold (past the read limit, not in the calendar, not exact as a number) are refused. */
describe('CLI refuses values past what a file can hold exactly', function () {
  this.timeout(60_000);

  it('refuses a note that would grow the timeline past the read limit, counting bytes exactly', async () => {
    const { root, runId, env } = await repoWithRun();
    const file = path.join(root, `${runPath(runId)}/timeline.yaml`);
    // Fill the timeline with valid notes to 100 bytes under the 5 MB read limit.
    const line = (index: number, details: string): string =>
      `  - {id: "e${String(index).padStart(7, '0')}-aaaaaa", at: "2026-11-24T10:00:00Z", type: note, actor: "bob", summary: "s", details: ${JSON.stringify(details)}}\n`;
    let text = fs.readFileSync(file, 'utf8');
    for (let index = 0; ; index += 1) {
      const room = 5 * 1024 * 1024 - 100 - Buffer.byteLength(text + line(index, ''));
      text += line(index, 'd'.repeat(Math.min(room, 20_000)));
      if (room <= 20_000) break;
    }
    fs.writeFileSync(file, text);
    const before = fs.readFileSync(file, 'utf8');
    const result = await cli(root, ['run', 'note', runId, '--summary', 'one more', '--details', 'x'.repeat(200)], env);
    assertRefused(result, /^error: the timeline of "[^"]+" would grow to 5,24\d,\d{3} bytes, past the 5,242,880 bytes \(5 MB\) a file can have and still be read; nothing was written$/);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assertRefused(await cli(root, ['run', 'owner', runId, `${'o'.repeat(150)}`], env), /would grow to/);
    assert.match(readFile(root, `${runPath(runId)}/run.yaml`), /owner: alice/);
    await cliOk(root, ['timeline', runId], env);
  });

  it('says exactly how far over the limit a file is', async () => {
    const { root, runId, env } = await repoWithRun();
    const file = path.join(root, `${runPath(runId)}/timeline.yaml`);
    fs.appendFileSync(file, `# ${'p'.repeat(5_242_995 - fs.statSync(file).size - 3)}\n`);
    assert.equal(fs.statSync(file).size, 5_242_995);
    const result = await cli(root, ['timeline', runId], env);
    assert.match(result.stderr, /file is 5,242,995 bytes; files over 5,242,880 bytes \(5 MB\) are refused/);
  });

  it('refuses --at on a day the calendar does not have, and times too long ago', async () => {
    const { root, runId, env } = await repoWithRun();
    assertRefused(await cli(root, ['run', 'note', runId, '--summary', 'x', '--at', '2026-02-30T10:00:00Z'], env), /^error: "2026-02-30T10:00:00Z": there is no 2026-02-30 in the calendar$/);
    assertRefused(await cli(root, ['run', 'note', runId, '--summary', 'x', '--at', '2025-04-31T10:00'], env), /there is no 2025-04-31 in the calendar/);
    assertRefused(await cli(root, ['run', 'note', runId, '--summary', 'x', '--at', '999999999w ago'], env), /^error: "999999999w ago" is too long ago/);
    await cliOk(root, ['run', 'note', runId, '--summary', 'x', '--at', '2024-02-29T10:00:00Z'], env);
  });

  it('refuses metric values that cannot be stored exactly, naming the limit', async () => {
    const { root, runId, env } = await repoWithRun();
    const retro = `${runPath(runId)}/retrospective.md`;
    const before = readFile(root, retro);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'credits', '99999999999999999999.99'], env), /^error: Credits: "99999999999999999999\.99" has more than 15 digits; larger or more precise amounts cannot be stored exactly$/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'time-to-mitigate', '999999999w'], env), /^error: Time to mitigate: "999999999w" is longer than 104249991d 8h 59m, the longest duration that can be stored$/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'time-to-mitigate', 'PT9007199254741S'], env), /the longest duration that can be stored/);
    assertRefused(await cli(root, ['retro', 'metric', runId, 'tickets', '9007199254740993'], env), /^error: Tickets: "9007199254740993" is larger than 9007199254740991, the largest whole number that can be stored exactly$/);
    assert.equal(readFile(root, retro), before);
    await cliOk(root, ['retro', 'metric', runId, 'credits', '999999999999.99'], env);
    assert.match(readFile(root, retro), /credits: 999999999999\.99/);
    await cliOk(root, ['retro', 'metric', runId, 'time-to-mitigate', '104249991d'], env);
    assert.match((await cliOk(root, ['validate'], env)).stderr, /No problems\./);
  });

  it('says a URL may not contain spaces', async () => {
    const { root, runId, env } = await repoWithRun();
    const result = await cli(root, ['run', 'note', runId, '--summary', 'x', '--link', 'https://ok.example/a b'], env);
    assertRefused(result, /^error: link "https:\/\/ok\.example\/a b" is a URL with a space or line break in it, which a URL may not have; write a space as %20$/);
    assertRefused(await cli(root, ['run', 'note', runId, '--summary', 'x', '--link', 'https://ok.example/a\nb'], env), /^error: the link must be a single line$/);
  });

  it('refuses to start a run whose playbook puts a due time past any date', async () => {
    const { root, env } = await repoWithRun();
    writeFile(root, 'playbooks/far.yaml', SAMPLE_PLAYBOOK.replace('due: 15m', 'due: 999999999w'));
    const result = await cli(root, ['run', 'start', 'far', '--name', 'Far', '--as', 'alice'], env);
    // The playbook is invalid (validate says so too), so the refusal points at the due line.
    assertRefused(result, /^error: playbooks\/far\.yaml:11:14: due 999999999w after the start is past any date a run can store; shorten it$/);
    assert.equal([...runFoldersIn(path.join(root, 'playbooks/runs')).keys()].filter((name) => name.startsWith('2026-11-24-far')).length, 0);
    // A due fine today but not from a (clock-set) start at the end of year 9999 names the task.
    writeFile(root, 'playbooks/near.yaml', SAMPLE_PLAYBOOK.replace('due: 15m', 'due: 4w'));
    const late = await cli(root, ['run', 'start', 'near', '--name', 'Late', '--as', 'alice'], { ...env, GIT_PLAYBOOKS_NOW: '9999-12-20T00:00:00Z' });
    assertRefused(late, /^error: task "Page the DBA on call" is due 4w after the start, past any date a run can store; shorten its due in the playbook$/);
  });

  it('validate and the Problems panel report a playbook due past any date, at its due line', async () => {
    const { root, env } = await repoWithRun();
    const text = SAMPLE_PLAYBOOK.replace('due: 15m', 'due: 999999999w');
    writeFile(root, 'playbooks/far.yaml', text);
    const expected = 'playbooks/far.yaml:11:14: due 999999999w after the start is past any date a run can store; shorten it';
    const result = await cli(root, ['validate'], env);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n'), [expected]);
    const repo = PlaybooksRepository.at(root);
    assert.deepEqual((problemsForText(repo, path.join(root, 'playbooks/far.yaml'), text) ?? []).map(formatProblem), [expected]);
  });
});

