import * as fs from 'node:fs';
import type { RetrospectiveMeta } from '../model/types';
import { formatMetricNumber, metricNumber } from '../metrics/metricValues';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { checkPublishable, checkSkippable, publishRetrospective, skipRetrospective } from '../retrospectives/retrospectiveOperations';
import { readRetroSnapshot, type RetroSnapshot } from '../retrospectives/retroSnapshot';
import { OperationRefused, type OperationContext } from '../runs/operationContext';
import { metricId } from '../validation/semanticChecks';
import { buildCommitMessage } from './commitMessage';
import { pullRequestText, type PullRequestText } from './pullRequestText';

export interface PublishOptions {
  /** Commit on `retro/<run>` instead of the current branch. */
  branch: boolean;
  push: boolean;
  remote: string;
  /** Publish although the run is still in progress (the person was asked); skipping ignores it. */
  whileInProgress?: boolean;
}

/** Where a retro branch starts: the remote's default branch, freshly fetched, and what to do without it. */
export interface BasePolicy {
  remote: string;
  /**
   * Pushing needs the remote: none configured, or unreachable, refuses before anything is written.
   * Otherwise the base falls back to the default branch the last fetch saw (offline), else the
   * current branch (no remote, or an empty one).
   */
  requireRemote: boolean;
  /** The run's folder changed on the base since the checkout last had it: the copy would undo that. */
  runChangedOnBase: (baseBranch: string) => string;
}

/** Committing the recorded change: on the current branch, or on a new branch from the base. */
export interface CommitPlan {
  kind: 'commit';
  runId: string;
  runName: string;
  /** The run is not finished yet (publishing it was allowed with `whileInProgress`). */
  runInProgress: boolean;
  /** Everything under it is committed, except {@link NOT_PUBLISHED}. */
  runDir: string;
  /** Subject, body and the `Playbook-Run:` trailer. */
  message: string;
  /** undefined: commit on the current branch (refused on a detached HEAD with `detachedHint`). */
  branch?: { name: string; base: BasePolicy; push: boolean };
  detachedHint: string;
  /** The write, under the run lock, once git's checks passed; returns how to put the files back. */
  write(context: OperationContext): { undo(): void };
  remote: string;
  /** How to push again by hand, after a failed push. */
  retryHint: string;
  /** What the pull request opens with (its URL carries them when pushed). */
  pullRequest: PullRequestText;
}

/**
 * The change is already recorded and committed on `branch` (an earlier push failed): push it again,
 * or, when there is no such branch, refuse as the checks did.
 */
export interface PushAgainPlan {
  kind: 'pushAgain';
  runId: string;
  runName: string;
  runInProgress: boolean;
  branch: string;
  base: BasePolicy;
  remote: string;
  status: 'published' | 'skipped';
  retryHint: string;
  /** Why it cannot be recorded again, when the branch is not there to push. */
  refusal: Error;
  /** The remote already has the branch at its local tip. */
  nothingToPush: string;
  pullRequest: PullRequestText;
}

export type PublishPlan = CommitPlan | PushAgainPlan;

/** Only files of the run's own folder are ever committed by publishing, never its lock or temporary files. */
export const NOT_PUBLISHED = /(^|\/)\.lock$|\.tmp$/;

export function retroBranchName(runId: string): string {
  return `retro/${runId}`;
}

/** Not retro/<run>: a skipped retrospective can still be published later, on that branch. */
export function skipBranchName(runId: string): string {
  return `retro/${runId}-skipped`;
}

/**
 * Everything publishing will do, decided from one read of the run, its playbook and its
 * retrospective, with nothing written: every refusal the files can give comes from here, before
 * anyone is asked. The git adapter carries the plan out.
 */
export function planPublish(repo: PlaybooksRepository, runId: string, options: PublishOptions): PublishPlan {
  const snapshot = readRetroSnapshot(repo, runId);
  const checks = { whileInProgress: options.whileInProgress === true };
  const retryHint = (branch: string): string => `git-playbooks retro publish ${runId} --push${options.remote === 'origin' ? '' : ` --remote ${options.remote}`} (or git push -u ${options.remote} ${branch})`;
  return plan(repo, snapshot, options, {
    status: 'published',
    branch: retroBranchName(runId),
    check: () => checkPublishable(snapshot, checks),
    subject: `Publish retrospective: ${snapshot.run.name}`,
    body: [`Retrospective of run ${runId} (playbook ${snapshot.run.playbook}).`, ...bulleted(metricLines(snapshot))].join('\n'),
    write: (context) => publishRetrospective(repo, context, runId, snapshot, checks),
    retryHint,
    pullRequest: pullRequestText(snapshot, { status: 'published' }),
  });
}

/** Skipping is recorded like publishing: one commit of the run's folder saying why, same branch rules. */
export function planSkip(repo: PlaybooksRepository, runId: string, reason: string, options: PublishOptions): PublishPlan {
  const snapshot = readRetroSnapshot(repo, runId);
  return plan(repo, snapshot, options, {
    status: 'skipped',
    branch: skipBranchName(runId),
    check: () => checkSkippable(snapshot, reason),
    subject: `Skip retrospective: ${snapshot.run.name}`,
    body: [`No retrospective for run ${runId} (playbook ${snapshot.run.playbook}).`, '', `Reason: ${reason.trim()}`].join('\n'),
    write: (context) => skipRetrospective(repo, context, runId, reason, snapshot),
    retryHint: (branch) => `git push -u ${options.remote} ${branch}`,
    pullRequest: pullRequestText(snapshot, { status: 'skipped', skipReason: reason }),
  });
}

interface Change {
  /** The status it leaves; seeing it again with --push means an earlier push may have failed. */
  status: 'published' | 'skipped';
  branch: string;
  check(): void;
  subject: string;
  body: string;
  write(context: OperationContext): RetrospectiveMeta;
  retryHint(branch: string): string;
  pullRequest: PullRequestText;
}

function plan(repo: PlaybooksRepository, snapshot: RetroSnapshot, options: PublishOptions, change: Change): PublishPlan {
  const { runId } = snapshot;
  const base: BasePolicy = {
    remote: options.remote,
    requireRemote: options.push,
    runChangedOnBase: (baseBranch) =>
      `${options.remote}/${baseBranch} has changes to this run that your checkout does not have yet. ` + `Pull them first (git pull ${options.remote} ${baseBranch}), then publish again.`,
  };
  if (options.push && snapshot.meta.status === change.status) {
    let refusal: Error = new OperationRefused(`the retrospective of "${runId}" is already ${change.status}`);
    try {
      change.check();
    } catch (error) {
      refusal = error instanceof Error ? error : refusal;
    }
    const nothingToPush = `the retrospective of "${runId}" is already ${change.status} and ${change.branch} is on ${options.remote}: nothing to push`;
    const runInProgress = snapshot.run.status !== 'finished';
    return { kind: 'pushAgain', runId, runName: snapshot.run.name, runInProgress, branch: change.branch, base, remote: options.remote, status: change.status, retryHint: change.retryHint(change.branch), refusal, nothingToPush, pullRequest: change.pullRequest };
  }
  change.check();
  const message = buildCommitMessage(change.subject, change.body, { 'Playbook-Run': runId });
  const onBranch = options.branch || options.push;
  return {
    kind: 'commit',
    runId,
    runName: snapshot.run.name,
    runInProgress: snapshot.run.status !== 'finished',
    runDir: repo.layout.runDir(runId),
    message,
    ...(onBranch ? { branch: { name: change.branch, base, push: options.push } } : {}),
    detachedHint: 'Or publish on a branch of its own: --branch, or in VS Code the setting playbooks.publish.mode.',
    write: (context) => {
      const saved = savedTexts([repo.layout.retrospectiveFile(runId), repo.layout.timelineFile(runId)]);
      change.write(context);
      return { undo: () => restore(saved) };
    },
    remote: options.remote,
    retryHint: change.retryHint(change.branch),
    pullRequest: change.pullRequest,
  };
}

/** "Title: value" of each metric with a value, for the commit body. */
function metricLines(snapshot: RetroSnapshot): string[] {
  return (snapshot.playbook.metrics ?? []).flatMap((metric) => {
    const numeric = metricNumber(metric, snapshot.meta.metrics[metricId(metric)]);
    return numeric === undefined ? [] : [`${metric.title}: ${formatMetricNumber(metric, numeric)}`];
  });
}

function bulleted(lines: string[]): string[] {
  return lines.length > 0 ? ['', ...lines.map((line) => `- ${line}`)] : [];
}

/** The files' texts before the write (undefined: absent), to put back when the commit fails. */
function savedTexts(files: string[]): { file: string; text: string | undefined }[] {
  return files.map((file) => ({ file, text: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined }));
}

function restore(saved: { file: string; text: string | undefined }[]): void {
  for (const { file, text } of saved) {
    if (text === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, text);
  }
}
