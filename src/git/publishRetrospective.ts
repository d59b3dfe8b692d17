import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCommitMessage } from './commitMessage';
import { detachedHead, withPushRetry } from './gitErrors';
import type { GitRepository } from './gitRepository';
import { refuseIfRunChangedOnBase, resolvePublishBase, type PublishBase } from './publishBase';
import { pullRequestUrl } from './pullRequestUrl';
import { toRepoPath } from './repoPaths';
import { formatMetricNumber, metricNumber } from '../core/metrics/metricValues';
import { requireData, type PlaybooksRepository } from '../core/repository/playbooksRepository';
import { assertPublishable, assertSkippable, publishRetrospective, skipRetrospective } from '../core/retrospectives/retrospectiveOperations';
import { OperationRefused, type OperationContext } from '../core/runs/operationContext';
import { metricId } from '../core/validation/semanticChecks';
import { NOT_PUBLISHED, planPublish, planSkip, retroBranchName, skipBranchName, type PublishPlan } from '../core/publishing/publishPlan';

export interface PublishOptions {
  /** Commit on `retro/<run>` instead of the current branch. */
  branch: boolean;
  push: boolean;
  remote: string;
}

export interface PublishOutcome {
  sha: string;
  files: string[];
  branch?: string;
  pushed: boolean;
  pullRequestUrl?: string;
  /** The commit was already there (an earlier push failed): this time it was only pushed. */
  retried?: boolean;
}

/** One change to a retrospective recorded as a commit: publishing, or skipping. */
interface RetroChange {
  /** The status it leaves; seeing it again with --push means an earlier push failed. */
  status: 'published' | 'skipped';
  /** The branch it is committed on with --branch. */
  branch: string;
  check(): void;
  plan(onBranch: boolean): PublishPlan;
  write(): void;
  /** How to push again by hand, after a failed push. */
  retryHint(branch: string, remote: string): string;
}

/**
 * Publishes a retrospective through git, shared by the CLI and the extension. Every refusal that can
 * be known in advance (identity, missing metrics, detached HEAD, unreachable remote) comes before
 * anything is written; a failed commit puts the files and the index back so that it can be retried.
 */
export async function publishWithGit(repo: PlaybooksRepository, git: GitRepository, context: OperationContext, runId: string, options: PublishOptions): Promise<PublishOutcome> {
  return recordChange(repo, git, runId, options, {
    status: 'published',
    branch: retroBranchName(runId),
    check: () => assertPublishable(repo, runId),
    plan: (onBranch) => {
      const run = repo.requireRun(runId);
      const playbook = repo.requirePlaybook(run.playbook);
      const meta = requireData(repo.readRetrospective(runId, playbook));
      const metricLines = (playbook.metrics ?? []).flatMap((metric) => {
        const numeric = metricNumber(metric, meta.metrics[metricId(metric)]);
        return numeric === undefined ? [] : [`${metric.title}: ${formatMetricNumber(metric, numeric)}`];
      });
      return planPublish(runId, run, metricLines, { branch: onBranch });
    },
    write: () => publishRetrospective(repo, context, runId),
    retryHint: (branch, remote) => `git-playbooks retro publish ${runId} --push${remote === 'origin' ? '' : ` --remote ${remote}`} (or git push -u ${remote} ${branch})`,
  });
}

/** Skips a retrospective and commits that, exactly as publishing does (same branch and push rules). */
export async function skipWithGit(repo: PlaybooksRepository, git: GitRepository, context: OperationContext, runId: string, reason: string, options: PublishOptions): Promise<PublishOutcome> {
  return recordChange(repo, git, runId, options, {
    status: 'skipped',
    branch: skipBranchName(runId),
    check: () => assertSkippable(repo, runId, reason),
    plan: (onBranch) => planSkip(runId, repo.requireRun(runId), reason, { branch: onBranch }),
    write: () => skipRetrospective(repo, context, runId, reason),
    retryHint: (branch, remote) => `git push -u ${remote} ${branch}`,
  });
}

async function recordChange(repo: PlaybooksRepository, git: GitRepository, runId: string, options: PublishOptions, change: RetroChange): Promise<PublishOutcome> {
  const retried = options.push ? await pushAgain(repo, git, runId, options, change) : undefined;
  if (retried) return retried;
  // git looks the identity up while the files are checked here; its refusal still comes first.
  const identity = git.requireIdentity();
  identity.catch(() => undefined);
  try {
    change.check();
  } catch (error) {
    await identity;
    throw error;
  }
  await identity;
  const plan = change.plan(options.branch || options.push);
  let base: PublishBase | undefined;
  if (plan.branch) {
    await git.requireNewBranchName(plan.branch);
    base = await resolvePublishBase(git, options.remote, options.push);
    await refuseIfRunChangedOnBase(git, base, repo.layout.runDir(runId), options.remote);
  } else {
    // A commit on a detached HEAD belongs to no branch: the next checkout would strand it.
    if ((await git.currentBranch()) === undefined) throw detachedHead('Or publish on a branch of its own: --branch, or in VS Code the setting playbooks.publish.mode.');
  }

  const runDir = repo.layout.runDir(runId);
  const saved = [repo.layout.retrospectiveFile(runId), repo.layout.timelineFile(runId)].map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  change.write();
  const message = buildCommitMessage(plan.subject, plan.body, plan.trailers);
  let commit: { sha: string; files: string[] };
  try {
    commit = plan.branch && base ? await commitOnBranch(git, runDir, plan.branch, base.sha, message) : await git.commitChangesUnder(runDir, message, { identityChecked: true, skip: NOT_PUBLISHED });
  } catch (error) {
    for (const { file, text } of saved) fs.writeFileSync(file, text);
    throw error;
  }
  const outcome: PublishOutcome = { ...commit, pushed: false, ...(plan.branch ? { branch: plan.branch } : {}) };
  if (!options.push || !plan.branch || !base) return outcome;
  return push(git, outcome, plan.branch, base.branch, options.remote, change);
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

async function push(git: GitRepository, outcome: PublishOutcome, branch: string, baseBranch: string, remote: string, change: RetroChange): Promise<PublishOutcome> {
  try {
    await git.push(branch, remote);
  } catch (error) {
    throw withPushRetry(error, `the commit ${outcome.sha.slice(0, 7)} is on the local branch ${branch}`, change.retryHint(branch, remote));
  }
  const remoteUrl = await git.remoteUrl(remote);
  const url = remoteUrl ? pullRequestUrl(remoteUrl, branch, baseBranch) : undefined;
  return { ...outcome, pushed: true, ...(url ? { pullRequestUrl: url } : {}) };
}

/** The retry path: the change is committed on retro/<run> but the remote does not have it yet. */
async function pushAgain(repo: PlaybooksRepository, git: GitRepository, runId: string, options: PublishOptions, change: RetroChange): Promise<PublishOutcome | undefined> {
  if (repo.readRetrospective(runId).data?.status !== change.status) return undefined;
  const branch = change.branch;
  const sha = await git.branchTip(branch);
  if (sha === undefined) return undefined;
  const base = await resolvePublishBase(git, options.remote, true);
  if ((await git.remotes.remoteBranchTip(options.remote, branch)) === sha) {
    throw new OperationRefused(`the retrospective of "${runId}" is already ${change.status} and ${branch} is on ${options.remote}: nothing to push`);
  }
  return { ...(await push(git, { sha, files: [], branch, pushed: false }, branch, base.branch, options.remote, change)), retried: true };
}
