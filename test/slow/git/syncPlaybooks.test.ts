import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { teamWithRun, type Clone } from '../../helpers/syncClones';
import { readFile, writeFile } from '../../helpers/tempRepo';
import { Layout } from '../../../src/core/repository/layout';
import { GitRefusal } from '../../../src/git/gitErrors';
import { syncPlaybooks, type SyncOptions, type SyncOutcome } from '../../../src/git/syncPlaybooks';
import { runPath } from '../../helpers/runPaths';

const NOW = '2026-11-30T10:30:00Z';

function sync(clone: Clone, options: Partial<SyncOptions> = {}): Promise<SyncOutcome> {
  return syncPlaybooks(clone.root, new Layout(clone.root), { actor: 'tester', now: new Date(NOW), gitEnv: clone.env, ...options });
}

async function note(clone: Clone, runId: string, summary: string, at = NOW): Promise<void> {
  await cliOk(clone.root, ['run', 'note', runId, '--summary', summary], { ...clone.env, GIT_PLAYBOOKS_NOW: at });
}

/** Everything a refused sync must leave alone: branch, index, work tree, and what the remote has. */
function snapshot(clone: Clone, remote: string): Record<string, string> {
  return {
    head: clone.git(['rev-parse', 'HEAD']),
    status: clone.git(['status', '--porcelain', '--untracked-files=all']),
    staged: clone.git(['diff', '--cached', '--binary']),
    unstaged: clone.git(['diff', '--binary']),
    remote: clone.git(['ls-remote', remote, 'refs/heads/main']),
  };
}

async function refusal(promise: Promise<unknown>): Promise<GitRefusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitRefusal) return error;
    throw error;
  }
  assert.fail('sync was not refused');
}

describe('sync', function () {
  this.timeout(60_000);

  it('pushes only the playbooks folder\'s changes; unrelated staged and modified files stay exactly as they were', async () => {
    const { remote, runId, first: alice } = await teamWithRun();
    await note(alice, runId, 'Failover started');
    writeFile(alice.root, 'src/new.ts', 'staged, new\n');
    writeFile(alice.root, 'src/app.ts', 'export const answer = 43;\n');
    alice.git(['add', 'src/new.ts', 'src/app.ts']);
    writeFile(alice.root, 'src/app.ts', 'export const answer = 44; // and modified after staging\n');
    const staged = alice.git(['diff', '--cached', '--binary']);
    const unstaged = alice.git(['diff', '--binary', '--', 'src']);
    const status = alice.git(['status', '--porcelain']).split('\n').filter((line) => !line.includes('playbooks/')).join('\n');

    const outcome = await sync(alice);

    assert.ok(outcome.committed);
    assert.deepEqual(outcome.committedFiles, [`${runPath(runId)}/timeline.yaml`]);
    assert.equal(outcome.pushed, true);
    assert.equal(outcome.pushedCommits, true);
    assert.equal(alice.git(['ls-remote', remote, 'refs/heads/main']).split('\t')[0], outcome.committed);
    assert.deepEqual(alice.git(['show', '--name-only', '--format=', outcome.committed]).trim().split('\n'), [`${runPath(runId)}/timeline.yaml`]);
    assert.match(alice.git(['log', '-1', '--format=%B']), new RegExp(`^DB down: Failover started\\n[\\s\\S]*\\nPlaybook-Run: ${runId}\\n$`));
    assert.equal(alice.git(['diff', '--cached', '--binary']), staged, 'staged work stays staged, byte for byte');
    assert.equal(alice.git(['diff', '--binary', '--', 'src']), unstaged, 'modified files stay modified');
    assert.equal(alice.git(['status', '--porcelain']), status, 'the playbooks folder is clean, the rest as it was');
  });

  it('brings in another clone\'s events and says what came in', async () => {
    const { runId, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    await note(bob, runId, 'Replica lag is 40 s', '2026-11-30T10:05:00Z');
    await cliOk(bob.root, ['run', 'owner', runId, 'carol'], { ...bob.env, GIT_PLAYBOOKS_NOW: '2026-11-30T10:06:00Z' });
    assert.equal((await sync(bob)).pushedCommits, true);
    await note(alice, runId, 'Paging the DBA', '2026-11-30T10:07:00Z');

    const outcome = await sync(alice);

    assert.deepEqual(outcome.summary, [`${runId}: 2 events from Bob; owner is now carol`]);
    assert.deepEqual(outcome.incoming.map((change) => [change.runId, change.runName, change.ownerNow, change.events.map((event) => `${event.type} by ${event.actor}`)]), [
      [runId, 'DB down', 'carol', ['note by Bob', 'owner_changed by Bob']],
    ]);
    // Both notes are in both clones' timelines (merge=union), and the remote has the merge.
    assert.equal(outcome.pushedCommits, true);
    assert.equal(alice.git(['rev-list', '--parents', '-1', 'HEAD']).trim().split(' ').length, 3, 'a merge commit');
    const timeline = readFile(alice.root, `${runPath(runId)}/timeline.yaml`);
    assert.match(timeline, /Replica lag is 40 s/);
    assert.match(timeline, /Paging the DBA/);
    assert.match(readFile(alice.root, `${runPath(runId)}/run.yaml`), /^owner: carol$/m);
    assert.equal(alice.git(['status', '--porcelain']), '');

    const back = await sync(bob);
    assert.deepEqual(back.summary, [`${runId}: 1 event from Alice`]);
    assert.equal(back.pushedCommits, false, 'a fast-forward: nothing to push');
    assert.equal(readFile(bob.root, `${runPath(runId)}/timeline.yaml`), timeline);
  });

  it('says it is up to date when there is nothing to commit, fetch or push', async () => {
    const { first: alice } = await teamWithRun();
    const result = await cliOk(alice.root, ['sync'], alice.env);
    assert.equal(result.stdout, 'already up to date with origin/main');
  });

  it('commits only the named runs\' folders', async () => {
    const { runId, first: alice } = await teamWithRun();
    const other = (await cliOk(alice.root, ['run', 'start', 'db-incident', '--name', 'Disk full'], { ...alice.env, GIT_PLAYBOOKS_NOW: NOW })).last;
    await note(alice, runId, 'Only this run');
    const outcome = await sync(alice, { runs: [runId] });
    assert.deepEqual(outcome.committedFiles, [`${runPath(runId)}/timeline.yaml`]);
    assert.match(alice.git(['status', '--porcelain', '--untracked-files=all']), new RegExp(`^\\?\\? ${runPath(other)}/run.yaml$`, 'm'));
    const refused = await cli(alice.root, ['sync', 'no-such-run'], alice.env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error: no run "no-such-run"/);
  });


  it('finds every kind of change: a new run folder, a new file where sync already looked, a deletion, a file the user staged; never a leftover', async () => {
    const { runId, first: alice } = await teamWithRun();
    const dir = runPath(runId);
    const newRun = (await cliOk(alice.root, ['run', 'start', 'db-incident', '--name', 'Disk full'], { ...alice.env, GIT_PLAYBOOKS_NOW: NOW })).last;
    const fresh = runPath(newRun);
    writeFile(alice.root, `${fresh}/.lock`, 'held by an interrupted write\n');
    writeFile(alice.root, `${fresh}/.staging-ab12/run.yaml`, 'staged copy\n');
    const first = await sync(alice);
    assert.deepEqual(first.committedFiles, ['retrospective.md', 'run.yaml', 'timeline.yaml'].map((file) => `${fresh}/${file}`));
    // The second sync's status may answer from the untracked cache the first one left: a file
    // added to a folder it already looked at must still be found, a deleted one too.
    writeFile(alice.root, `${dir}/notes.md`, '# Notes\n');
    fs.rmSync(path.join(alice.root, runPath(newRun), 'timeline.yaml'));
    await note(alice, runId, 'Staged by hand');
    alice.git(['add', `${dir}/timeline.yaml`]);
    writeFile(alice.root, `${dir}/run.yaml.4242.tmp`, 'half written\n');
    const second = await sync(alice);
    assert.deepEqual(second.committedFiles, [`${dir}/notes.md`, `${dir}/timeline.yaml`, `${fresh}/timeline.yaml`].sort());
    assert.deepEqual(alice.git(['show', '--name-status', '--format=', 'HEAD']).trim().split('\n').sort(), [`A\t${dir}/notes.md`, `M\t${dir}/timeline.yaml`, `D\t${runPath(newRun)}/timeline.yaml`].sort());
    const leftovers = [`${dir}/run.yaml.4242.tmp`, `${fresh}/.lock`, `${fresh}/.staging-ab12/run.yaml`];
    assert.deepEqual(alice.git(['ls-tree', '-r', '--name-only', 'HEAD', '--', ...leftovers]), '', 'no leftover is committed');
    assert.ok(leftovers.every((file) => fs.existsSync(path.join(alice.root, file))), 'and none is deleted');
  });

  it('leaves the untracked cache in the index for the next status, unless the user set core.untrackedCache', async () => {
    const { runId, first: alice } = await teamWithRun();
    const hasCache = (): boolean => fs.readFileSync(path.join(alice.root, '.git', 'index')).includes('UNTR');
    assert.equal(hasCache(), false);
    await note(alice, runId, 'First');
    await sync(alice);
    assert.equal(hasCache(), true, 'sync turned it on (as feature.manyFiles would)');
    alice.git(['config', 'core.untrackedCache', 'false']);
    alice.git(['status', '--porcelain']); // git drops the cache when the user turned it off
    await note(alice, runId, 'Second');
    await sync(alice);
    assert.equal(hasCache(), false, 'the user\'s false is kept');
  });

  it('refuses a detached HEAD and a branch without upstream (saying how to set one), with one line each', async () => {
    const { first: alice } = await teamWithRun();
    alice.git(['checkout', '-q', '--detach']);
    const detached = await cli(alice.root, ['sync'], alice.env);
    assert.equal(detached.code, 1);
    assert.match(detached.stderr, /^error: You are not on a branch \(detached HEAD\)/);
    assert.equal(detached.stderr.split('\n').length, 1);

    alice.git(['checkout', '-q', '-b', 'topic']);
    const noUpstream = await cli(alice.root, ['sync'], alice.env);
    assert.equal(noUpstream.code, 1);
    assert.match(noUpstream.stderr, /has no upstream.*git push -u origin topic.*git branch --set-upstream-to=origin\/topic/);
    assert.equal(noUpstream.stderr.split('\n').length, 1);
  });

  it('refuses when incoming changes would overwrite a locally modified file: nothing pushed, nothing changed', async () => {
    const { remote, runId, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    writeFile(bob.root, 'src/app.ts', 'export const answer = 7;\n');
    bob.git(['commit', '-q', '-am', 'change the code']);
    bob.git(['push', '-q']);
    writeFile(alice.root, 'src/app.ts', 'export const answer = 42; // local work\n');
    writeFile(alice.root, 'src/staged.ts', 'staged\n');
    alice.git(['add', 'src/staged.ts']);
    await note(alice, runId, 'Waiting');
    const before = snapshot(alice, remote);

    const error = await refusal(sync(alice));

    assert.equal(error.code, 'sync_refused');
    assert.match(error.message, /would overwrite src\/app\.ts, which you changed/);
    assert.deepEqual(snapshot(alice, remote), before);
  });

  it('refuses a conflict outside the playbooks folder, saying to pull; a conflict in prose is committed with markers', async () => {
    const { remote, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    writeFile(bob.root, 'src/app.ts', 'export const answer = 7;\n');
    writeFile(bob.root, 'playbooks/README.md', 'Bob\'s words\n');
    bob.git(['commit', '-q', '-am', 'Bob edits']);
    bob.git(['push', '-q']);
    writeFile(alice.root, 'src/app.ts', 'export const answer = 8;\n');
    alice.git(['commit', '-q', '-am', 'Alice edits the code']);
    writeFile(alice.root, 'playbooks/README.md', 'Alice\'s words\n');
    const before = snapshot(alice, remote);

    const error = await refusal(sync(alice));
    assert.match(error.message, /changed src\/app\.ts in ways git cannot merge.*git pull/);
    assert.deepEqual(snapshot(alice, remote), before);

    // A conflict in a playbook's YAML is refused too: markers there would break it for everyone.
    alice.git(['reset', '-q', '--hard', 'HEAD~1']);
    const playbook = readFile(alice.root, 'playbooks/db-incident.yaml');
    writeFile(alice.root, 'playbooks/db-incident.yaml', playbook.replace(/^title: .*$/m, 'title: Alice\'s title'));
    alice.git(['commit', '-q', '-am', 'Alice renames the playbook']);
    bob.git(['pull', '-q']);
    writeFile(bob.root, 'playbooks/db-incident.yaml', playbook.replace(/^title: .*$/m, 'title: Bob\'s title'));
    bob.git(['commit', '-q', '-am', 'Bob renames the playbook']);
    bob.git(['push', '-q']);
    writeFile(alice.root, 'playbooks/README.md', 'Alice\'s words\n');
    const yamlBefore = snapshot(alice, remote);
    assert.match((await refusal(sync(alice))).message, /changed playbooks\/db-incident\.yaml in ways git cannot merge/);
    assert.deepEqual(snapshot(alice, remote), yamlBefore);

    // Without those, the prose conflict alone merges, markers and all.
    alice.git(['reset', '-q', '--hard', 'HEAD~1']);
    writeFile(alice.root, 'playbooks/README.md', 'Alice\'s words\n');
    const outcome = await sync(alice);
    assert.deepEqual(outcome.conflicts, ['playbooks/README.md']);
    assert.match(readFile(alice.root, 'playbooks/README.md'), /^<<<<<<< [\s\S]*Alice's words[\s\S]*=======\nBob's words\n>>>>>>> /m);
    assert.equal(outcome.pushedCommits, true);
  });

  it('works for a workspace folder below the repository\'s top level (paths stay repository-relative)', async () => {
    const { remote, first: alice } = await teamWithRun();
    writeFile(alice.root, 'ops/playbooks/README.md', 'Playbooks of the ops team\n');
    const outcome = await syncPlaybooks(alice.root, new Layout(path.join(alice.root, 'ops')), { actor: 'tester', now: new Date(NOW), gitEnv: alice.env });
    assert.deepEqual(outcome.committedFiles, ['ops/playbooks/README.md']);
    assert.equal(alice.git(['ls-remote', remote, 'refs/heads/main']).split('\t')[0], outcome.committed);
  });

  it('with offline: queue, keeps the local commit when the remote cannot be reached; without it, says so', async () => {
    const { runId, first: alice } = await teamWithRun();
    const moved = path.join(path.dirname(alice.root), 'gone.git');
    alice.git(['remote', 'set-url', 'origin', moved]);
    await note(alice, runId, 'Offline note');
    const outcome = await sync(alice, { offline: 'queue' });
    assert.equal(outcome.offline, true);
    assert.equal(outcome.pushed, false);
    assert.ok(outcome.committed);
    assert.equal(alice.git(['rev-parse', 'HEAD']).trim(), outcome.committed);

    const error = await refusal(sync(alice));
    assert.equal(error.code, 'remote_unreachable');
    assert.ok(!fs.existsSync(moved));
  });
});
