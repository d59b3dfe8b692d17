import { OperationRefused } from '../core/model/errors';
import { assertPublishable } from '../core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../core/runs/operationContext';
import { publishWithGit, type PublishOutcome } from '../git/publishRetrospective';
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
  const settings = readSettings(folder.workspaceFolder.uri);
  const push = settings.publishMode === 'branchAndPush';
  return {
    runName: folder.repo.requireRun(runId).name,
    how: push ? `It is committed on a new branch retro/${runId} and pushed to ${settings.remote} for review.` : "The run's files are committed on the current branch.",
    remote: settings.remote,
    publish: (context) => publishWithGit(folder.repo, git, context, runId, { branch: push, push, remote: settings.remote }),
  };
}
