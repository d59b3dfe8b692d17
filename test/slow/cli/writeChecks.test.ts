import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { assertRefused, repoWithRun, runFiles } from '../../helpers/runFixture';
import { git, readFile, writeFile } from '../../helpers/tempRepo';
import { runFoldersIn, runPath } from '../../helpers/runPaths';

/** The CLI never writes what it cannot read back: bad input is refused before any file changes. */
describe('CLI writes only what it can read back', function () {
  this.timeout(60_000);
  const long = 'x'.repeat(201);

  it('refuses names longer than the schema allows or with a line break, naming the field, and changes nothing', async () => {
    const { root, runId, env } = await repoWithRun();
    const before = runFiles(root, runId);
    const cases: Array<[string[], RegExp]> = [
      [['run', 'participants', runId, '--add', long], /^error: a participant is longer than 200 characters$/],
      [['run', 'participants', runId, '--add', 'bob\ncarol'], /^error: a participant must be a single line$/],
      [['run', 'owner', runId, long], /^error: the owner is longer than 200 characters$/],
      [['run', 'task', runId, '1.1', '--assign', `bob${'\r'}eve`], /^error: the assignee must be a single line$/],
      [['run', 'task', runId, '1.1', '--assign', long], /^error: the assignee is longer than 200 characters$/],
      [['run', 'note', runId, '--summary', 'hi', '--as', long], /^error: the name of the person acting \(--as or git user.name\) is longer than 200 characters$/],
      [['run', 'note', runId, '--summary', 'hi', '--as', 'a\nb'], /must be a single line$/],
      [['run', 'note', runId, '--summary', 's'.repeat(1001)], /^error: the summary is longer than 1000 characters; put the rest in the details \(--details "…"\)$/],
      [['run', 'note', runId, '--summary', 'hi', '--details', 'd'.repeat(20_001)], /^error: the details text is longer than 20000 characters$/],
      [['run', 'update', runId, '--message', 'm'.repeat(20_001)], /^error: the status update is longer than 20000 characters$/],
      [['run', 'note', runId, '--summary', 'hi', '--link', `https://example.com/${'a'.repeat(2000)}`], /^error: the link is longer than 2000 characters$/],
    ];
    for (const [args, message] of cases) assertRefused(await cli(root, args, env), message);
    const start = await cli(root, ['run', 'start', 'db-incident', '--name', 'n'.repeat(201), '--as', 'alice'], env);
    assertRefused(start, /^error: the run name is longer than 200 characters$/);
    assertRefused(await cli(root, ['run', 'start', 'db-incident', '--name', 'ok', '--owner', long, '--as', 'alice'], env), /^error: the owner is longer than 200 characters$/);
    assert.equal(runFiles(root, runId), before);
    assert.deepEqual([...runFoldersIn(path.join(root, 'playbooks/runs')).keys()], [runId]);
    assert.match((await cliOk(root, ['validate'], env)).stderr, /No problems\./);
  });

  it('refuses a skip reason longer than the retrospective keeps', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId, '--as', 'alice'], env);
    assertRefused(await cli(root, ['retro', 'skip', runId, '--reason', 'r'.repeat(5001), '--as', 'alice'], env), /^error: the reason is longer than 5000 characters$/);
    assert.equal(readFile(root, `${runPath(runId)}/retrospective.md`).includes('skipped'), false);
  });

  it('commits a skip whose reason holds control characters (git cannot take a NUL in a message)', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId, '--as', 'alice'], env);
    await cliOk(root, ['retro', 'skip', runId, '--reason', 'paged\u0000twice\u0007', '--as', 'alice'], env);
    assert.match(git(root, ['log', '-1', '--format=%B']), /Reason: paged\ufffdtwice\ufffd/);
    assert.match((await cliOk(root, ['validate'], env)).stderr, /No problems\./);
  });

  it('keeps the timeline readable when long names make a long summary', async () => {
    const { root, runId, env } = await repoWithRun();
    const people = ['a', 'b', 'c', 'd', 'e', 'f'].map((letter) => letter.repeat(200));
    await cliOk(root, ['run', 'participants', runId, ...people.flatMap((person) => ['--add', person])], env);
    const events = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ summary: string }>;
    assert.equal([...(events[events.length - 1]?.summary ?? '')].length, 1000);
    assert.match((await cliOk(root, ['validate'], env)).stderr, /No problems\./);
  });

  it('names a list entry in words when a file breaks a rule', async () => {
    const { root, runId, env } = await repoWithRun();
    const file = `${runPath(runId)}/run.yaml`;
    writeFile(root, file, readFile(root, file).replace(/participants:\n(\s+)- alice\n/, `participants:\n$1- alice\n$1- ${long}\n`));
    const result = await cli(root, ['validate'], env);
    assert.match(result.stdout, /run\.yaml:\d+:\d+: entry 2 of "participants" is longer than 200 characters/);
  });

  it("refuses --as '' instead of acting as someone else", async () => {
    const { root, runId, env } = await repoWithRun();
    const before = runFiles(root, runId);
    for (const args of [['run', 'note', runId, '--summary', 'x'], ['run', 'delete-event', runId, 'e0'], ['run', 'show', runId]]) {
      assertRefused(await cli(root, [...args, '--as', ''], env), /^error: --as needs a name; leave it out to act as your git user\.name$/);
      assertRefused(await cli(root, [...args, '--as', '  '], env), /--as needs a name/);
    }
    assert.equal(runFiles(root, runId), before);
  });
});
