import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Re-saves a file as an editor set to "UTF-8 with BOM" and CRLF would. */
function toBomCrlf(file: string): void {
  const text = fs.readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n');
  fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from(text, 'utf8')]));
}

function assertBomCrlf(file: string): void {
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.subarray(0, 3).equals(BOM), `${path.basename(file)} lost its byte-order mark`);
  const text = bytes.toString('utf8');
  const bare = text.split('\n').slice(0, -1).findIndex((line) => !line.endsWith('\r'));
  assert.equal(bare, -1, `${path.basename(file)} line ${bare + 1} ends with LF only`);
  assert.ok(text.endsWith('\r\n'));
}

describe('tool edits of a file saved with a byte-order mark and CRLF', function () {
  this.timeout(30_000);

  it('keep both in run.yaml and retrospective.md (owner, task state and assignee, metric)', async () => {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env)).last;
    const runFile = path.join(root, runPath(runId, 'run.yaml'));
    toBomCrlf(runFile);

    await cliOk(root, ['run', 'owner', runId, 'bob', '--as', 'alice'], env);
    // An assignee the item did not have adds a line; a state replaces a value.
    await cliOk(root, ['run', 'task', runId, '1.2', '--state', 'in_progress', '--assign', 'carol', '--as', 'alice'], env);
    assertBomCrlf(runFile);
    const show = JSON.parse((await cliOk(root, ['run', 'show', runId, '--format', 'json'], env)).stdout) as { owner: string; checklists: Array<{ items: Array<{ assignee?: string; state: string }> }> };
    assert.equal(show.owner, 'bob');
    assert.deepEqual(show.checklists[0]?.items[1], { ...show.checklists[0]?.items[1], assignee: 'carol', state: 'in_progress' });

    await cliOk(root, ['run', 'finish', runId, '--as', 'bob'], env);
    assertBomCrlf(runFile);
    const retroFile = path.join(root, runPath(runId, 'retrospective.md'));
    toBomCrlf(retroFile);
    await cliOk(root, ['retro', 'metric', runId, 'tickets', '12', '--as', 'bob'], env);
    assertBomCrlf(retroFile);

    const validate = await cli(root, ['validate'], env);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stderr, /No problems\./);
  });

  it('keep both in timeline.yaml when a note is added and when one is deleted', async () => {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env)).last;
    const timelineFile = path.join(root, runPath(runId, 'timeline.yaml'));
    toBomCrlf(timelineFile);

    const kept = (await cliOk(root, ['run', 'note', runId, '--summary', 'Replica lag back to normal', '--as', 'alice'], env)).last;
    const deleted = (await cliOk(root, ['run', 'note', runId, '--summary', 'Wrong run, ignore', '--as', 'alice'], env)).last;
    assertBomCrlf(timelineFile);
    await cliOk(root, ['run', 'delete-event', runId, deleted], env);
    assertBomCrlf(timelineFile);

    const timeline = fs.readFileSync(timelineFile, 'utf8');
    assert.ok(timeline.includes(kept) && !timeline.includes(deleted), timeline);
    const validate = await cli(root, ['validate'], env);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stderr, /No problems\./);
  });

  it('keep CRLF in a timeline emptied by hand to `events: []`', async () => {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env)).last;
    const timelineFile = path.join(root, runPath(runId, 'timeline.yaml'));
    fs.writeFileSync(timelineFile, fs.readFileSync(timelineFile, 'utf8').replace(/^events:[\s\S]*$/m, 'events: []\n'));
    toBomCrlf(timelineFile);

    const note = (await cliOk(root, ['run', 'note', runId, '--summary', 'Replica lag back to normal', '--as', 'alice'], env)).last;
    assertBomCrlf(timelineFile);
    const shown = (await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout;
    assert.ok(shown.includes(note), shown);
    const validate = await cli(root, ['validate'], env);
    assert.equal(validate.code, 0, validate.stdout);
  });
});
