import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRefusal, noRemote, noUpstream, pushRejected, syncRefused } from './gitErrors';
import type { GitEnv } from './gitRunner';
import { ensureMergeDrivers } from './mergeDrivers';
import { SyncGit, type BranchState, type PushResult, type StagedTree } from './syncGit';
import { Layout } from '../core/repository/layout';
import { groupByRun, isInsideFolder, isProse, runFilePaths, syncScope } from '../core/sync/syncPaths';
import { incomingRunChanges, incomingSummary, localCommitMessage, mergeCommitMessage, type IncomingRunChange } from '../core/sync/syncPlan';
import type { RunTexts } from '../core/sync/runTexts';
import { movedRunOrigins, renameSummary, type RunRename } from '../core/sync/runsStartedTwice';
import { moveRunsStartedTwice, readRuns, undoMove } from './runsStartedTwice';

export type { IncomingRunChange } from '../core/sync/syncPlan';
export type { RunRename } from '../core/sync/runsStartedTwice';

export interface SyncOptions {
  /** Default: the branch's upstream remote. */
  remote?: string;
  /** Limit the local commit to these run ids (default: the whole playbooks folder). */
  runs?: readonly string[];
  /** Who commits (named in the message); the git identity comes from git config. */
  actor: string;
  now: Date;
  /** Push races: fetch + integrate + push are tried up to this many times (default 5). */
  maxAttempts?: number;
  /** When the remote cannot be reached: keep the local commit and report offline instead of throwing. */
  offline?: 'queue';
  /**
   * Told as soon as our runs moved to free ids and the merge that needed it is in, even when the sync
   * then fails (a refused push): whoever shows a moved run must follow it.
   */
  onRunsMoved?: (renames: readonly RunRename[]) => void;
  /** Extra environment for git (HOME, GIT_CONFIG_GLOBAL: how tests and the CLI isolate git's configuration). */
  gitEnv?: GitEnv;
}

export interface SyncOutcome {
  /** The local commit made of pending playbooks-folder changes, if any. */
  committed: string | undefined;
  /** The files that commit holds, repository-relative. */
  committedFiles: string[];
  /** The remote now has everything local. */
  pushed: boolean;
  /** This sync pushed commits (false when the remote already had everything). */
  pushedCommits: boolean;
  /** The remote could not be reached (only with offline: 'queue'); local commits wait. */
  offline: boolean;
  attempts: number;
  incoming: IncomingRunChange[];
  /** Printable lines, e.g. "2026-11-30-db-failover: 2 events from bob; owner is now carol". */
  summary: string[];
  /** Our runs moved to a free id because the remote has another run under theirs (started on two clones). */
  renamedRuns: RunRename[];
  /** Repository-relative playbooks files left with git's conflict markers (prose). */
  conflicts: string[];
  /** Where it synced with, e.g. "origin/main". */
  remoteBranch: string;
}

const DEFAULT_ATTEMPTS = 5;

/**
 * Commits the playbooks folder's pending changes (only those files), fetches, integrates what came
 * in and pushes; a push that loses a race is retried. The user's unrelated staged and modified files
 * stay exactly as they were. Refusals (GitRefusal): detached HEAD, no upstream, an incoming change
 * that would overwrite a local change, a conflict outside the playbooks folder; a refused sync has
 * pushed nothing and left the branch, the index and the work tree as they were.
 */
export async function syncPlaybooks(root: string, layout: Layout, options: SyncOptions): Promise<SyncOutcome> {
  const git = SyncGit.open(root, options.gitEnv);
  const repoLayout = rootedAt(layout, root);
  const scope = syncScope(repoLayout, options.runs, (runId) => fs.existsSync(repoLayout.runDir(runId)));
  const { state, target, staged, message, restoreIndex } = await prepareLocalCommit(git, repoLayout, scope, options);
  let local: { sha: string; files: string[] } | undefined;
  // Push first when the remote, as last fetched, is behind: accepted, it proves nothing came in and
  // saves a fetch. The first push sends the new commit while the branch and index move to it.
  let earlyPush: Promise<PushResult> | undefined;
  try {
    const tree = await staged?.tree;
    if (staged !== undefined && tree !== undefined && tree !== state.headTree) {
      const sha = await git.commitTree(tree, [state.head], message);
      if (!(await remoteMayHaveMore(git, state, target, true))) earlyPush = git.push(target.remote, sha, target.ref);
      await git.moveBranch(state.branch, sha, state.head, 'git-playbooks sync: commit playbooks changes');
      // The user's index agrees with the commit for exactly these files (git status shows them clean).
      if (!staged.installAsIndex()) await git.setIndexEntries(await git.changes(state.head, sha), '0'.repeat(state.head.length));
      local = { sha, files: staged.files };
    }
  } catch (error) {
    await earlyPush?.catch(() => undefined);
    throw error;
  } finally {
    staged?.dispose();
  }
  const outcome: SyncOutcome = { committed: local?.sha, committedFiles: local?.files ?? [], pushed: false, pushedCommits: false, offline: false, attempts: 0, incoming: [], renamedRuns: [], summary: [], conflicts: [], remoteBranch: target.shown };
  const start = local?.sha ?? state.head;
  let ours = start;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_ATTEMPTS);
  let fetchFirst = earlyPush === undefined && (local !== undefined || (await remoteMayHaveMore(git, state, target, false)));
  let integrated = false;
  // Clones do not copy .git/config: the drivers (run.yaml: last writer wins) must be there before
  // the first merge-tree; once per sync, however many races are retried.
  const mergeDriversReady = once(() => ensureMergeDrivers(git.root));
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    outcome.attempts = attempt;
    if (fetchFirst) {
      const fetched = await git.fetch(target.remote, target.ref, target.tracking);
      if (fetched.kind === 'unreachable') return offline(outcome, options, target.remote, fetched.detail, local !== undefined);
      const theirs = fetched.tip;
      if (theirs !== undefined && theirs !== ours && !(await git.isAncestor(theirs, ours))) {
        try {
          ours = await integrate(git, repoLayout, state, { ours, theirs, shown: target.shown }, outcome, options, mergeDriversReady);
        } catch (error) {
          // Refused before anything came in: the local commit is undone too, so all is as it was
          // (unless a run move could not be undone: the branch then stays with the files).
          if (!integrated && local !== undefined && !(error instanceof Error && movesKept.has(error))) {
            await git.moveBranch(state.branch, state.head, local.sha, 'git-playbooks sync: refused, commit undone');
            restoreIndex();
          }
          throw error;
        }
        integrated = true;
      }
      if (theirs === ours) {
        outcome.pushed = true;
        break;
      }
    }
    const pushed = attempt === 1 && earlyPush !== undefined ? await earlyPush : await git.push(target.remote, `refs/heads/${state.branch}`, target.ref);
    if (pushed.kind === 'pushed') {
      Object.assign(outcome, { pushed: true, pushedCommits: true });
      break;
    }
    if (pushed.kind === 'unreachable') return offline(outcome, options, target.remote, pushed.detail, true);
    if (pushed.kind === 'rejected') throw keptLocally(pushRejected(target.remote, state.branch, pushed.reason, pushed.detail), ours, outcome.renamedRuns);
    fetchFirst = true;
    if (attempt < maxAttempts) await backoff(attempt);
  }
  if (!outcome.pushed) {
    throw keptLocally(syncRefused(`${target.shown} kept receiving other pushes: ${maxAttempts} attempts to push lost the race.`), ours, outcome.renamedRuns);
  }
  await describeIncoming(git, repoLayout, start, ours, outcome);
  return outcome;
}

interface PreparedCommit {
  state: BranchState;
  target: SyncTarget;
  /** The pending files on HEAD's tree, in a temporary index (none pending: undefined). */
  staged: StagedTree | undefined;
  message: string;
  /** Puts the user's index back as it was before sync (the commit is undone on a refusal). */
  restoreIndex: () => void;
}

/**
 * Everything the local commit needs, asked of git side by side (each git process costs its
 * start-up): the branch, the changed files, the tree they make and the message about their events.
 */
async function prepareLocalCommit(git: SyncGit, layout: Layout, scope: readonly string[], options: SyncOptions): Promise<PreparedCommit> {
  const where = await git.location();
  // The index as it was, to put back if the first integration is refused after the local commit.
  const indexFile = path.join(where.gitDir, 'index');
  const indexBefore = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : undefined;
  const restoreIndex = (): void => (indexBefore === undefined ? fs.rmSync(indexFile, { force: true }) : fs.writeFileSync(indexFile, indexBefore));
  // Finding the changes is the longest step before the commit: it starts first, the branch beside it.
  const branchingOnce = once(() => git.branchState(where));
  const staging = git.stageFolders(where, () => branchingOnce().then((state) => state.head), scope);
  const branching = branchingOnce();
  // The message while the tree is written; the texts before are the branch's (its commit is asked beside).
  const messaging = staging.then(async (staged) => {
    const { runIds, otherFiles } = groupByRun(layout, staged?.files ?? []);
    const before = await readRuns(git, layout, runIds, `refs/heads/${where.branch}`);
    return localCommitMessage(runIds.map((runId, i) => ({ runId, before: before[i] ?? {}, after: workTreeTexts(git.root, layout, runId) })), otherFiles, options.actor);
  });
  try {
    const [state, staged, message] = await inOrder([branching, staging, messaging]);
    return { state, target: await syncTarget(git, state, options.remote), staged, message, restoreIndex };
  } catch (error) {
    (await staging.catch(() => undefined))?.dispose();
    throw error;
  }
}

/** A promise started on the first call, the same one after. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= start());
}

/** Waits for every promise; the first failure in the given order wins (the branch's refusal before a status error). */
async function inOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** The layout with paths relative to the repository's top level (a workspace folder may be a sub-folder). */
function rootedAt(layout: Layout, root: string): Layout {
  const top = fs.realpathSync.native(root);
  const own = fs.realpathSync.native(layout.root);
  if (top === own) return layout.root === root ? layout : new Layout(root, layout.folder);
  const prefix = path.relative(top, own);
  if (prefix.startsWith('..') || path.isAbsolute(prefix)) throw syncRefused(`The playbooks folder ${layout.playbooksDir} is not inside the git repository at ${root}.`);
  return new Layout(root, `${prefix.split(path.sep).join('/')}/${layout.folder}`);
}

interface SyncTarget {
  remote: string;
  ref: string;
  tracking: string;
  /** "origin/main" */
  shown: string;
}

async function syncTarget(git: SyncGit, state: BranchState, remoteOption: string | undefined): Promise<SyncTarget> {
  const upstream = state.upstream;
  if (upstream !== undefined && (remoteOption === undefined || remoteOption === upstream.remote)) {
    return { remote: upstream.remote, ref: upstream.ref, tracking: upstream.tracking, shown: `${upstream.remote}/${upstream.ref.replace(/^refs\/heads\//, '')}` };
  }
  if (remoteOption === undefined) throw noUpstream(state.branch, undefined);
  if (!(await git.remoteExists(remoteOption))) throw noRemote(remoteOption);
  // Another remote than the upstream's: its branch of the same name as the upstream's (or this branch's).
  const ref = upstream?.ref ?? `refs/heads/${state.branch}`;
  const name = ref.replace(/^refs\/heads\//, '');
  return { remote: remoteOption, ref, tracking: `refs/remotes/${remoteOption}/${name}`, shown: `${remoteOption}/${name}` };
}

/**
 * Whether to fetch before pushing: when the remote, as last fetched, has commits we do not or
 * nothing we lack. Otherwise push first: accepted, it proves nothing came in, and saves a fetch.
 */
async function remoteMayHaveMore(git: SyncGit, state: BranchState, target: SyncTarget, committed: boolean): Promise<boolean> {
  if (state.upstream?.tracking === target.tracking) {
    const track = state.upstream.track;
    return track === '<' || track === '<>' || (track === '=' && !committed);
  }
  const known = await git.resolve(target.tracking);
  return known !== undefined && (known === state.head ? !committed : await git.isAncestor(state.head, known));
}

function workTreeTexts(root: string, layout: Layout, runId: string): RunTexts {
  const paths = runFilePaths(layout, runId);
  const read = (file: string): string | undefined => {
    try {
      return fs.readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  const texts: RunTexts = {};
  const run = read(paths.run);
  const timeline = read(paths.timeline);
  if (run !== undefined) texts.run = run;
  if (timeline !== undefined) texts.timeline = timeline;
  return texts;
}

/** Refusals after which a run move stays (git would not move its files back): nothing else is undone. */
const movesKept = new WeakSet<Error>();

/**
 * Brings `theirs` in: a fast-forward, or a merge computed by merge-tree (merge drivers run) and
 * committed with both parents. Before a merge, our runs that share an id with a different run of
 * theirs move to a free id (runsStartedTwice.ts). The index and work tree then move as a branch
 * switch moves them; git refuses when that would overwrite a local change, and nothing has moved then.
 */
async function integrate(git: SyncGit, layout: Layout, state: BranchState, sides: { ours: string; theirs: string; shown: string }, outcome: SyncOutcome, options: SyncOptions, mergeDriversReady: () => Promise<unknown>): Promise<string> {
  const { ours, theirs, shown } = sides;
  const fastForward = await git.isAncestor(ours, theirs);
  const moved = fastForward ? { tip: ours, renames: [] } : await moveRunsStartedTwice(git, layout, state, ours, theirs, shown);
  const tell = (): void => {
    if (moved.renames.length === 0) return;
    outcome.renamedRuns.push(...moved.renames);
    options.onRunsMoved?.(moved.renames);
  };
  let tip: string;
  try {
    tip = await mergeInto(git, layout, state, { ours: moved.tip, theirs, fastForward, shown }, outcome, mergeDriversReady);
  } catch (error) {
    if (await undoMove(git, state, moved, ours)) throw error;
    tell();
    const kept = keptLocally(error instanceof GitRefusal ? error : syncRefused(String(error)), moved.tip, moved.renames);
    movesKept.add(kept);
    throw kept;
  }
  tell();
  return tip;
}

async function mergeInto(git: SyncGit, layout: Layout, state: BranchState, sides: { ours: string; theirs: string; fastForward: boolean; shown: string }, outcome: SyncOutcome, mergeDriversReady: () => Promise<unknown>): Promise<string> {
  const { ours, theirs, shown } = sides;
  let merged = theirs;
  if (!sides.fastForward) {
    await mergeDriversReady();
    const { tree, conflicts } = await git.mergeTrees(ours, theirs, { GIT_PLAYBOOKS_OURS: ours, GIT_PLAYBOOKS_THEIRS: theirs });
    // Prose (Markdown) in the playbooks folder keeps git's markers for a person to edit; markers in
    // YAML would leave a run or playbook unreadable for everyone the push reaches, and code is not ours.
    const outside = conflicts.filter((file) => !isInsideFolder(layout, file) || !isProse(file));
    if (outside.length > 0) {
      throw syncRefused(
        `Your branch and ${shown} changed ${outside.join(', ')} in ways git cannot merge. Nothing was pushed and your checkout is as it was. ` +
          `Run "git pull", resolve the conflict and commit, then sync again.`,
      );
    }
    outcome.conflicts = [...new Set([...outcome.conflicts, ...conflicts])].sort();
    const runIds = groupByRun(layout, (await git.changes(ours, theirs)).map((change) => change.path)).runIds;
    merged = await git.commitTree(tree, [ours, theirs], mergeCommitMessage(shown, state.branch, runIds));
  }
  await git.refreshIndex();
  const refused = await git.moveWorkTree(ours, merged);
  if (refused !== undefined) {
    const files = refused.paths.length > 0 ? refused.paths.join(', ') : 'files you changed';
    throw syncRefused(
      `Changes from ${shown} would overwrite ${files}, which you changed or created and did not commit. Nothing was pushed and your checkout is as it was. ` +
        'Commit, stash or move those changes aside, then sync again.',
      refused.output,
    );
  }
  await git.moveBranch(state.branch, merged, ours, `git-playbooks sync: ${merged === theirs ? 'fast-forward to' : 'merge'} ${shown}`);
  return merged;
}

/** What came in between our commit and the synced tip: per run, and the other files. */
async function describeIncoming(git: SyncGit, layout: Layout, from: string, to: string, outcome: SyncOutcome): Promise<void> {
  if (from === to) return;
  const changed = (await git.changes(from, to)).map((change) => change.path);
  const { runIds, otherFiles } = groupByRun(layout, changed);
  // A moved run of ours is compared with itself where it was; the id it left holds someone else's new run.
  const { origin, vacated } = movedRunOrigins(outcome.renamedRuns);
  const [before, after] = await Promise.all([readRuns(git, layout, runIds.map((runId) => origin.get(runId) ?? runId), from), readRuns(git, layout, runIds, to)]);
  const runs = runIds.map((runId, i) => ({ runId, before: vacated.has(runId) ? {} : (before[i] ?? {}), after: after[i] ?? {} }));
  outcome.incoming = incomingRunChanges(runs.filter((run) => !origin.has(run.runId) || run.before.run !== run.after.run || run.before.timeline !== run.after.timeline));
  const inFolder = otherFiles.filter((file) => isInsideFolder(layout, file));
  outcome.summary = [...outcome.renamedRuns.map(renameSummary), ...incomingSummary(outcome.incoming, { folder: layout.folder, inFolder, outsideCount: otherFiles.length - inFolder.length })];
}

function offline(outcome: SyncOutcome, options: SyncOptions, remote: string, detail: string, keptCommits: boolean): SyncOutcome {
  if (options.offline === 'queue') return { ...outcome, offline: true, pushed: false };
  const kept = keptCommits ? ' Your playbooks changes are committed locally and go with the next sync.' : '';
  throw new GitRefusal('remote_unreachable', `Cannot reach the remote "${remote}"; check its URL (git remote -v) and your network, then sync again.${kept}`, { detail });
}

/** A sync that failed for good: what stays local (runs moved too), and how to finish. */
function keptLocally(error: GitRefusal, ours: string, moved: readonly RunRename[]): GitRefusal {
  const moves = moved.map((rename) => `\n${renameSummary(rename)}`).join('');
  return new GitRefusal(error.code, `${error.message}${moves}\nYour commits stay on your branch (at ${ours.slice(0, 7)}); run git-playbooks sync again to push them.`, { detail: error.detail, cause: error });
}

/** A short random wait, longer with each lost race, so that clones pushing at once spread out. */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
}
