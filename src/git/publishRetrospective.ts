import * as fs from 'node:fs';
import { buildCommitMessage } from './commitMessage';
import type { GitRepository } from './gitRepository';
import { pullRequestUrl } from './pullRequestUrl';
import { formatMetricNumber, metricNumber } from '../core/metrics/metricValues';
import { requireData, type PlaybooksRepository } from '../core/repository/playbooksRepository';
import { assertPublishable, publishRetrospective } from '../core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../core/runs/operationContext';
import { metricId } from '../core/validation/semanticChecks';
import { NOT_PUBLISHED, planPublish } from '../core/publishing/publishPlan';

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
}

/**
 * Publishes a retrospective through git, shared by the CLI and the extension. Every refusal that can
 * be known in advance (identity, missing metrics, detached HEAD) comes before anything is written;
 * a failed commit puts the two files back so that publishing can simply be retried.
 */
export async function publishWithGit(repo: PlaybooksRepository, git: GitRepository, context: OperationContext, runId: string, options: PublishOptions): Promise<PublishOutcome> {
  // git looks the identity up while the files are checked here; its refusal still comes first.
  const identity = git.requireIdentity();
  identity.catch(() => undefined);
  try {
    assertPublishable(repo, runId);
  } catch (error) {
    await identity;
    throw error;
  }
  const run = repo.requireRun(runId);
  const playbook = repo.requirePlaybook(run.playbook);
  const retroFile = repo.layout.retrospectiveFile(runId);
  const timelineFile = repo.layout.timelineFile(runId);
  const before = { retro: fs.readFileSync(retroFile, 'utf8'), timeline: fs.readFileSync(timelineFile, 'utf8') };
  const meta = requireData(repo.readRetrospective(runId, playbook));
  const metricLines = (playbook.metrics ?? []).flatMap((metric) => {
    const numeric = metricNumber(metric, meta.metrics[metricId(metric)]);
    return numeric === undefined ? [] : [`${metric.title}: ${formatMetricNumber(metric, numeric)}`];
  });
  const onBranch = options.branch || options.push;
  const plan = planPublish(runId, run, metricLines, { branch: onBranch });
  await identity;
  // The branch matters only when publishing on a new one (it is also the pull request's base).
  const startBranch = onBranch ? await git.currentBranch() : undefined;
  if (onBranch && startBranch === undefined) await git.requireBranch();
  if (plan.branch) await git.createBranch(plan.branch);

  publishRetrospective(repo, context, runId);
  let sha: string;
  let files: string[];
  try {
    // Everything changed in the run's own folder, and nothing else (publishPlan's rule).
    ({ sha, files } = await git.commitChangesUnder(repo.layout.runDir(runId), buildCommitMessage(plan.subject, plan.body, plan.trailers), {
      identityChecked: true,
      skip: NOT_PUBLISHED,
    }));
  } catch (error) {
    fs.writeFileSync(retroFile, before.retro);
    fs.writeFileSync(timelineFile, before.timeline);
    throw error;
  }
  const outcome: PublishOutcome = { sha, files, pushed: false, ...(plan.branch ? { branch: plan.branch } : {}) };
  if (options.push && plan.branch) {
    await git.push(plan.branch, options.remote);
    const remoteUrl = await git.remoteUrl(options.remote);
    const url = remoteUrl ? pullRequestUrl(remoteUrl, plan.branch, startBranch) : undefined;
    return { ...outcome, pushed: true, ...(url ? { pullRequestUrl: url } : {}) };
  }
  return outcome;
}
