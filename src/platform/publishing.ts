import { OperationRefused } from '../core/model/errors';
import { planPublish, planSkip, type PublishOptions, type PublishPlan } from '../core/publishing/publishPlan';
import type { OperationContext } from '../core/runs/operationContext';
import type { PublishChecks } from '../core/retrospectives/retrospectiveOperations';
import { noIdentity } from '../git/gitErrors';
import type { GitIdentity, GitRepository } from '../git/gitRepository';
import { executePublishPlan, type PublishOutcome } from '../git/publishRetrospective';
import { folderGit, identityOf } from './folderGit';
import { readSettings } from './settings';
import type { PlaybookFolder } from './workspaceModel';

/** A publish that nothing known in advance refuses, and what to tell the person before it. */
export interface PreparedPublish {
  runName: string;
  /** The run is not finished: the confirmation says so (allowed only with `whileInProgress`). */
  runInProgress: boolean;
  /** Where the commit goes, in a sentence (the setting playbooks.publish.mode). */
  how: string;
  remote: string;
  publish(context: OperationContext): Promise<PublishOutcome>;
}

/**
 * Everything a publish can refuse before anyone is asked (missing metrics, run in progress, no
 * repository, no identity), with nothing written, for the command and the run editor alike: the plan
 * is made from one read of the files, and publish() carries it out (the retrospective is created,
 * if it was missing, under the run lock as part of it).
 */
export async function preparePublish(folder: PlaybookFolder, runId: string, checks: PublishChecks = {}): Promise<PreparedPublish> {
  const options = { ...publishOptions(folder), whileInProgress: checks.whileInProgress === true };
  const plan = planPublish(folder.repo, runId, options);
  const { git, identity } = await gitAndIdentity(folder, 'publishing');
  return {
    runName: plan.runName,
    runInProgress: plan.runInProgress,
    how: options.push ? `It is committed on a new branch retro/${runId} and pushed to ${options.remote} for review.` : "The run's files are committed on the current branch.",
    remote: options.remote,
    publish: (context) => executePublishPlan(git, plan, context, identity),
  };
}

/** Skipping is committed through the same flow as publishing, with the same setting. */
export async function skipAndCommit(folder: PlaybookFolder, runId: string, reason: string, context: OperationContext): Promise<PublishOutcome> {
  const { git, identity } = await gitAndIdentity(folder, 'skipping');
  const plan: PublishPlan = planSkip(folder.repo, runId, reason, publishOptions(folder));
  return executePublishPlan(git, plan, context, identity);
}

async function gitAndIdentity(folder: PlaybookFolder, what: string): Promise<{ git: GitRepository; identity: GitIdentity }> {
  const git = await folderGit(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: ${what} commits the run's files, so it needs one.`);
  const identity = await identityOf(folder);
  if (!identity) throw noIdentity();
  return { git, identity };
}

function publishOptions(folder: PlaybookFolder): PublishOptions {
  const settings = readSettings(folder.workspaceFolder.uri);
  const push = settings.publishMode === 'branchAndPush';
  return { branch: push, push, remote: settings.remote };
}
