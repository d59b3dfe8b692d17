import * as fs from 'node:fs';
import * as path from 'node:path';
import { detachedHead, gitFailed, GitRefusal, noRemote, withPushRetry } from './gitErrors';
import type { GitIdentity, GitRepository } from './gitRepository';
import { pullRequestUrl } from './pullRequestUrl';
import { toRepoPath } from './repoPaths';
import { NOT_PUBLISHED, planPublish, planSkip, type BasePolicy, type PublishOptions, type PublishPlan, type PushAgainPlan } from '../core/publishing/publishPlan';
import type { PullRequestText } from '../core/publishing/pullRequestText';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { OperationRefused, type OperationContext } from '../core/runs/operationContext';

export type { PublishOptions } from '../core/publishing/publishPlan';

export interface PublishOutcome {
  sha: string;
  files: string[];
  branch?: string;
  pushed: boolean;
  pullRequestUrl?: string;
  /** The commit was already there (an earlier push failed): this time it was only pushed. */
  retried?: boolean;
}

/** Where a retro branch starts, and the branch its pull request targets. */
interface PublishBase {
  sha: string;
  branch: string;
  /** The remote's URL, when it has one (for the pull-request link). */
  remoteUrl?: string;
}

/**
 * Carries out a publish plan (core decided what it commits, where, and what it refuses). `identity`
 * is the caller's proof that git can commit: every refusal git can give in advance (detached HEAD,
 * existing branch, unreachable remote, run changed on the base) comes before the plan's write.
 * A failed commit puts the files and the index back so that it can be retried.
 */
export async function executePublishPlan(git: GitRepository, plan: PublishPlan, context: OperationContext, identity: GitIdentity): Promise<PublishOutcome> {
  // Only its presence matters: the commits below skip their own identity check (identityChecked).
  void identity;
  if (plan.kind === 'pushAgain') return pushAgain(git, plan);
  let base: PublishBase | undefined;
  if (plan.branch) {
    await git.requireNewBranchName(plan.branch.name);
    base = await resolveBase(git, plan.branch.base);
    await refuseIfRunChangedOnBase(git, base, plan.runDir, plan.branch.base);
  } else if ((await git.currentBranch()) === undefined) {
    // A commit on a detached HEAD belongs to no branch: the next checkout would strand it.
    throw detachedHead(plan.detachedHint);
  }

  const written = plan.write(context);
  let commit: { sha: string; files: string[] };
  try {
    commit = plan.branch && base ? await commitOnBranch(git, plan.runDir, plan.branch.name, base.sha, plan.message) : await git.commitChangesUnder(plan.runDir, plan.message, { identityChecked: true, skip: NOT_PUBLISHED });
  } catch (error) {
    written.undo();
    throw error;
  }
  const outcome: PublishOutcome = { ...commit, pushed: false, ...(plan.branch ? { branch: plan.branch.name } : {}) };
  if (!plan.branch?.push || !base) return outcome;
  return push(git, outcome, plan.branch.name, base, plan.remote, plan.retryHint, plan.pullRequest);
}

/** Publishes a retrospective: the plan from one read of the files, then git. */
export async function publishWithGit(repo: PlaybooksRepository, git: GitRepository, context: OperationContext, runId: string, options: PublishOptions, identity?: GitIdentity): Promise<PublishOutcome> {
  const known = identity ?? (await git.requireIdentity());
  return executePublishPlan(git, planPublish(repo, runId, options), context, known);
}

/** Skips a retrospective and commits that, exactly as publishing does (same branch and push rules). */
export async function skipWithGit(repo: PlaybooksRepository, git: GitRepository, context: OperationContext, runId: string, reason: string, options: PublishOptions, identity?: GitIdentity): Promise<PublishOutcome> {
  const known = identity ?? (await git.requireIdentity());
  return executePublishPlan(git, planSkip(repo, runId, reason, options), context, known);
}

/** The base the plan's policy names: the remote's default branch freshly fetched, or a fallback. */
async function resolveBase(git: GitRepository, policy: BasePolicy): Promise<PublishBase> {
  const { remote, requireRemote } = policy;
  const remoteUrl = await git.remoteUrl(remote);
  if (remoteUrl === undefined) {
    if (requireRemote) throw noRemote(remote);
    return currentBase(git);
  }
  try {
    const head = await git.remotes.remoteDefaultBranch(remote);
    if (head === undefined) return { ...(await currentBase(git)), remoteUrl };
    return { branch: head.branch, sha: await git.remotes.fetchBranch(remote, head.branch), remoteUrl };
  } catch (error) {
    if (requireRemote || !(error instanceof GitRefusal && error.code === 'remote_unreachable')) throw error;
    return { ...((await git.remotes.knownRemoteHead(remote)) ?? (await currentBase(git))), remoteUrl };
  }
}

async function currentBase(git: GitRepository): Promise<PublishBase> {
  const branch = await git.requireBranch();
  const sha = await git.headCommit();
  if (sha === undefined) throw gitFailed(`"${branch}" has no commit yet to branch from: make a first commit, then publish again.`);
  return { branch, sha };
}

/** Refused (the plan's message) when the base changed the run's folder since the checkout last had it. */
async function refuseIfRunChangedOnBase(git: GitRepository, base: PublishBase, runDir: string, policy: BasePolicy): Promise<void> {
  const head = await git.headCommit();
  if (head === undefined || head === base.sha) return;
  const since = (await git.mergeBase(head, base.sha)) ?? head;
  if (await git.differsUnder(since, base.sha, runDir)) throw gitFailed(policy.runChangedOnBase(base.branch));
}

/**
 * Commits the run's folder as it is on disk onto `base`, in a temporary worktree, and points the new
 * branch at it: the user's branch, index and uncommitted work stay exactly as they were.
 */
async function commitOnBranch(git: GitRepository, runDir: string, branch: string, base: string, message: string): Promise<{ sha: string; files: string[] }> {
  // repo-relative through realpath: the workspace may reach the repository through a symbolic link.
  const relative = toRepoPath(git.root, runDir);
  const commit = await git.inTemporaryWorktree(base, async (worktree) => {
    const target = path.join(worktree.root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(runDir, target, { recursive: true });
    return worktree.commitChangesUnder(target, message, { identityChecked: true, skip: NOT_PUBLISHED });
  });
  await git.createBranchAt(branch, commit.sha);
  return commit;
}

async function push(git: GitRepository, outcome: PublishOutcome, branch: string, base: PublishBase, remote: string, retryHint: string, text: PullRequestText): Promise<PublishOutcome> {
  try {
    await git.push(branch, remote);
  } catch (error) {
    throw withPushRetry(error, `the commit ${outcome.sha.slice(0, 7)} is on the local branch ${branch}`, retryHint);
  }
  const url = base.remoteUrl ? pullRequestUrl(base.remoteUrl, branch, base.branch, text) : undefined;
  return { ...outcome, pushed: true, ...(url ? { pullRequestUrl: url } : {}) };
}

/** The retry path: the change is committed on its branch but the remote does not have it yet. */
async function pushAgain(git: GitRepository, plan: PushAgainPlan): Promise<PublishOutcome> {
  const { branch, remote } = plan;
  const sha = await git.branchTip(branch);
  if (sha === undefined) throw plan.refusal;
  const base = await resolveBase(git, plan.base);
  if ((await git.remotes.remoteBranchTip(remote, branch)) === sha) {
    throw new OperationRefused(plan.nothingToPush);
  }
  return { ...(await push(git, { sha, files: [], branch, pushed: false }, branch, base, remote, plan.retryHint, plan.pullRequest)), retried: true };
}
