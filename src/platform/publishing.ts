import { OperationRefused } from '../core/model/errors';
import { assertPublishable } from '../core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../core/runs/operationContext';
import { publishWithGit, skipWithGit, type PublishOptions, type PublishOutcome } from '../git/publishRetrospective';
import { gitOf } from './actions';
import { readSettings } from './settings';
import type { PlaybookFolder } from './workspaceModel';

/** A publish that nothing known in advance refuses, and what to tell the person before it. */
export interface PreparedPublish {
  runName: string;
  /** Where the commit goes, in a sentence (the setting playbooks.publish.mode). */
  how: string;
  remote: string;
  publish(context: OperationContext): Promise<PublishOutcome>;
}

/**
 * Everything a publish can refuse before anyone is asked (missing metrics, run in progress, no
 * repository), for the command and the run editor alike; publish() is the shared git flow.
 */
export async function preparePublish(folder: PlaybookFolder, runId: string): Promise<PreparedPublish> {
  assertPublishable(folder.repo, runId);
  const git = await gitOf(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: publishing commits the run's files, so it needs one.`);
  const options = publishOptions(folder);
  return {
    runName: folder.repo.requireRun(runId).name,
    how: options.push ? `It is committed on a new branch retro/${runId} and pushed to ${options.remote} for review.` : "The run's files are committed on the current branch.",
    remote: options.remote,
    publish: (context) => publishWithGit(folder.repo, git, context, runId, options),
  };
}

/** Skipping is committed through the same flow as publishing, with the same setting. */
export async function skipAndCommit(folder: PlaybookFolder, runId: string, reason: string, context: OperationContext): Promise<PublishOutcome> {
  const git = await gitOf(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: skipping commits the run's files, so it needs one.`);
  return skipWithGit(folder.repo, git, context, runId, reason, publishOptions(folder));
}

function publishOptions(folder: PlaybookFolder): PublishOptions {
  const settings = readSettings(folder.workspaceFolder.uri);
  const push = settings.publishMode === 'branchAndPush';
  return { branch: push, push, remote: settings.remote };
}
