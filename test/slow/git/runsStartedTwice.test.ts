import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliOk } from '../../helpers/cli';
import { teamWithRun, type Clone } from '../../helpers/syncClones';
import { readFile, writeFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';
import { Layout } from '../../../src/core/repository/layout';
import { GitRefusal } from '../../../src/git/gitErrors';
import { syncPlaybooks, type RunRename, type SyncOutcome } from '../../../src/git/syncPlaybooks';

const DAY = '2026-12-03';
const RUN_ID = `${DAY}-cache-down`;

function sync(clone: Clone, onRunsMoved?: (renames: readonly RunRename[]) => void): Promise<SyncOutcome> {
  return syncPlaybooks(clone.root, new Layout(clone.root), { actor: 'tester', now: new Date(`${DAY}T12:00:00Z`), gitEnv: clone.env, ...(onRunsMoved ? { onRunsMoved } : {}) });
}

async function startCacheDown(clone: Clone, who: string, time: string): Promise<void> {
  const env = { ...clone.env, GIT_PLAYBOOKS_NOW: `${DAY}T${time}Z` };
  assert.equal((await cliOk(clone.root, ['--as', who, 'run', 'start', 'db-incident', '--name', 'Cache down'], env)).last, RUN_ID);
  await cliOk(clone.root, ['--as', who, 'run', 'note', RUN_ID, '--summary', `${who} is on it`], env);
}

const playbooksTree = (clone: Clone): string => clone.git(['ls-tree', '-r', 'HEAD', '--', 'playbooks']);

describe('sync: a run started on two clones under the same id', function () {
  this.timeout(60_000);

  it('keeps both runs: the one already pushed keeps its id, ours moves to the next free one with its history, and both clones agree', async () => {
    const { remote, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    await startCacheDown(bob, 'bob', '09:00:00');
    await sync(bob);
    await startCacheDown(alice, 'alice', '09:00:05');
    // A file of the run whose name holds a tab moves with it (git lists it unquoted with -z).
    writeFile(alice.root, runPath(RUN_ID, 'graph\tof errors.txt'), 'attached\n');
    writeFile(alice.root, 'src/staged.ts', 'staged, unrelated\n');
    alice.git(['add', 'src/staged.ts']);
    const staged = alice.git(['diff', '--cached', '--binary']);

    const outcome = await sync(alice);

    assert.deepEqual(outcome.renamedRuns, [{ from: RUN_ID, to: `${RUN_ID}-2`, name: 'Cache down', startedBy: 'bob' }]);
    assert.equal(outcome.summary[0], `${RUN_ID}: bob also started a run "Cache down" under this id; yours is now ${RUN_ID}-2`);
    assert.equal(outcome.pushedCommits, true);
    const bobsRun = readFile(alice.root, runPath(RUN_ID, 'run.yaml'));
    const alicesRun = readFile(alice.root, runPath(`${RUN_ID}-2`, 'run.yaml'));
    assert.match(bobsRun, /^owner: bob$/m);
    assert.match(alicesRun, /^owner: alice$/m);
    // Each timeline holds its own run's events only: one start, one note.
    const bobsTimeline = readFile(alice.root, runPath(RUN_ID, 'timeline.yaml'));
    const alicesTimeline = readFile(alice.root, runPath(`${RUN_ID}-2`, 'timeline.yaml'));
    assert.equal(bobsTimeline.match(/run_started/g)?.length, 1);
    assert.match(bobsTimeline, /bob is on it/);
    assert.doesNotMatch(bobsTimeline, /alice is on it/);
    assert.equal(alicesTimeline.match(/run_started/g)?.length, 1);
    assert.match(alicesTimeline, /alice is on it/);
    assert.equal(readFile(alice.root, runPath(`${RUN_ID}-2`, 'graph\tof errors.txt')), 'attached\n');
    assert.equal(fs.existsSync(path.join(alice.root, runPath(RUN_ID, 'graph\tof errors.txt'))), false);
    assert.equal(alice.git(['diff', '--cached', '--binary']), staged, 'the unrelated staged file stays staged');
    assert.equal(alice.git(['status', '--porcelain', '--', 'playbooks']), '', 'the checkout follows the move');
    // The move is a commit of its own: git log --follow finds where Alice started her run.
    const history = alice.git(['log', '--follow', '--format=%s', '--', runPath(`${RUN_ID}-2`, 'run.yaml')]);
    assert.match(history, /^Move run .* to .*-2\n.*Cache down/m);
    await cliOk(alice.root, ['validate'], alice.env);

    await sync(bob);
    assert.equal(playbooksTree(bob), playbooksTree(alice));
    assert.equal(bob.git(['rev-parse', 'HEAD']).trim(), alice.git(['ls-remote', remote, 'refs/heads/main']).split('\t')[0]);
  });

  it('puts the run back where it was when the merge after the move is refused: nothing pushed, nothing changed', async () => {
    const { remote, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    await startCacheDown(bob, 'bob', '09:00:00');
    writeFile(bob.root, 'src/app.ts', 'export const answer = 7;\n');
    bob.git(['commit', '-q', '-am', 'Bob changes the code']);
    await sync(bob);
    await startCacheDown(alice, 'alice', '09:00:05');
    writeFile(alice.root, 'src/app.ts', 'export const answer = 8;\n');
    alice.git(['commit', '-q', '-am', 'Alice changes the code']);
    const before = { head: alice.git(['rev-parse', 'HEAD']), status: alice.git(['status', '--porcelain', '--untracked-files=all']), remote: alice.git(['ls-remote', remote, 'refs/heads/main']) };

    let refused: unknown;
    try {
      await sync(alice);
    } catch (error) {
      refused = error;
    }

    assert.ok(refused instanceof GitRefusal, String(refused));
    assert.match(refused.message, /changed src\/app\.ts in ways git cannot merge/);
    const after = { head: alice.git(['rev-parse', 'HEAD']), status: alice.git(['status', '--porcelain', '--untracked-files=all']), remote: alice.git(['ls-remote', remote, 'refs/heads/main']) };
    assert.deepEqual(after, before);
    assert.match(readFile(alice.root, runPath(RUN_ID, 'timeline.yaml')), /alice is on it/);
  });

  it('a push refused after the move keeps the move, says so, and tells whoever shows the run', async () => {
    const { remote, first: alice, clone } = await teamWithRun();
    const bob = clone('Bob');
    await startCacheDown(bob, 'bob', '09:00:00');
    await sync(bob);
    // From now on the remote refuses every push (a server hook, a protected branch).
    fs.writeFileSync(path.join(remote, 'hooks', 'pre-receive'), '#!/bin/sh\necho "pushes are closed for the migration" >&2\nexit 1\n', { mode: 0o755 });
    await startCacheDown(alice, 'alice', '09:00:05');
    const told: RunRename[] = [];

    let refused: unknown;
    try {
      await sync(alice, (renames) => told.push(...renames));
    } catch (error) {
      refused = error;
    }

    assert.ok(refused instanceof GitRefusal, String(refused));
    assert.match(refused.message, /pushes are closed for the migration/);
    assert.match(refused.message, new RegExp(`${RUN_ID}: bob also started a run "Cache down" under this id; yours is now ${RUN_ID}-2`));
    assert.deepEqual(told.map((rename) => [rename.from, rename.to]), [[RUN_ID, `${RUN_ID}-2`]]);
    assert.match(readFile(alice.root, runPath(`${RUN_ID}-2`, 'run.yaml')), /^owner: alice$/m, 'the move stays, with the merge, on the branch');
    assert.match(readFile(alice.root, runPath(RUN_ID, 'run.yaml')), /^owner: bob$/m);
    assert.equal(alice.git(['status', '--porcelain', '--', 'playbooks']), '');
  });
});
