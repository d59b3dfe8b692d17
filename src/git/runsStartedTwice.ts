import * as fs from 'node:fs';
import * as path from 'node:path';
import { syncRefused } from './gitErrors';
import type { BranchState, SyncGit, TreeChange } from './syncGit';
import type { Layout } from '../core/repository/layout';
import { runFilePaths, runIdOfPath } from '../core/sync/syncPaths';
import { renameCommitMessage, runsToRename, type RunRename } from '../core/sync/runsStartedTwice';
import type { RunTexts } from '../core/sync/runTexts';

export interface MovedRuns {
  /** Our side after the move (the commit that moved them), or ours unchanged. */
  tip: string;
  renames: RunRename[];
}

/**
 * Before a merge: runs that both sides started under the same id since they parted are told apart
 * by their start event; ours move to a free id in a commit of their own, and the branch, index and
 * work tree follow it as a branch switch would. Nothing moves when no run was started twice.
 */
export async function moveRunsStartedTwice(git: SyncGit, layout: Layout, state: BranchState, ours: string, theirs: string, shown: string): Promise<MovedRuns> {
  const base = await git.mergeBase(ours, theirs);
  if (base === undefined) return { tip: ours, renames: [] };
  const oursAdded = startedRuns(layout, await git.changes(base, ours));
  if (oursAdded.length === 0) return { tip: ours, renames: [] };
  const theirsAdded = new Set(startedRuns(layout, await git.changes(base, theirs)));
  const both = oursAdded.filter((runId) => theirsAdded.has(runId));
  if (both.length === 0) return { tip: ours, renames: [] };
  const [ourTexts, theirTexts] = await Promise.all([readRuns(git, layout, both, ours), readRuns(git, layout, both, theirs)]);
  const taken = await takenIds(git, layout, both, [ours, theirs]);
  const renames = runsToRename(
    both.map((runId, i) => ({ runId, ours: ourTexts[i] ?? {}, theirs: theirTexts[i] ?? {} })),
    (runId) => taken.has(runId) || fs.existsSync(layout.runDir(runId)),
  );
  if (renames.length === 0) return { tip: ours, renames: [] };
  const moves = renames.map((rename) => ({ from: layout.relative(layout.runDir(rename.from)), to: layout.relative(layout.runDir(rename.to)) }));
  const tree = await git.treeWithMovedFolders(state, ours, moves);
  const tip = await git.commitTree(tree, [ours], renameCommitMessage(renames));
  await git.refreshIndex();
  const refused = await git.moveWorkTree(ours, tip);
  if (refused !== undefined) {
    const names = renames.map((rename) => rename.from).join(', ');
    throw syncRefused(
      `${shown} has another run under the id ${names}, so yours must move to a free id, but you have changes in its folder that are not committed. ` +
        `Nothing was pushed and your checkout is as it was. Sync without naming runs (or commit those changes), then sync again.`,
      refused.output,
    );
  }
  await git.moveBranch(state.branch, tip, ours, `git-playbooks sync: move runs started twice (${renames.map((rename) => `${rename.from} -> ${rename.to}`).join(', ')})`);
  return { tip, renames };
}

/**
 * Puts the branch, index and work tree back where they were before the move (a later step refused).
 * False when git refuses to move the files back (something was written into the run's old folder
 * meanwhile): the branch then stays with the files, at the move's commit.
 */
export async function undoMove(git: SyncGit, state: BranchState, moved: MovedRuns, ours: string): Promise<boolean> {
  if (moved.tip === ours) return true;
  await git.refreshIndex();
  if ((await git.moveWorkTree(moved.tip, ours)) !== undefined) return false;
  await git.moveBranch(state.branch, ours, moved.tip, 'git-playbooks sync: refused, run move undone');
  return true;
}

/** The runs whose run.yaml a side added. */
function startedRuns(layout: Layout, changes: readonly TreeChange[]): string[] {
  return changes.flatMap((change) => {
    if (!change.added || path.posix.basename(change.path) !== 'run.yaml') return [];
    const runId = runIdOfPath(layout, change.path);
    return runId !== undefined && runFilePaths(layout, runId).run === change.path ? [runId] : [];
  });
}

/**
 * The run ids on every given commit in the folders where these runs and their next ids live: a
 * run still flat (a clone not migrated yet) moves into its month folder, where runDir places a new id.
 */
async function takenIds(git: SyncGit, layout: Layout, runIds: readonly string[], commits: readonly string[]): Promise<Set<string>> {
  const folders = [...new Set(runIds.flatMap((runId) => [runId, `${runId}-2`].map((id) => path.posix.dirname(layout.relative(layout.runDir(id))))))];
  const lists = await Promise.all(commits.flatMap((commit) => folders.map((folder) => git.folderNames(commit, folder))));
  return new Set(lists.flat());
}

/** Each run's run.yaml and timeline.yaml in a commit (absent files left out). */
export async function readRuns(git: SyncGit, layout: Layout, runIds: readonly string[], commit: string): Promise<RunTexts[]> {
  const specs = runIds.flatMap((runId) => {
    const paths = runFilePaths(layout, runId);
    return [{ commit, path: paths.run }, { commit, path: paths.timeline }];
  });
  const texts = await git.readBlobs(specs);
  return runIds.map((_, i) => {
    const [run, timeline] = [texts[2 * i], texts[2 * i + 1]];
    return { ...(run !== undefined ? { run } : {}), ...(timeline !== undefined ? { timeline } : {}) };
  });
}
