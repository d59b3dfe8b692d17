import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import { assertPublishable } from '../core/retrospectives/retrospectiveOperations';
import { publishWithGit, type PublishOutcome } from '../git/publishRetrospective';
import { gitOf, operationContextFor, refuseIfDirty, requireTrust, runFiles } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { readSettings } from '../platform/settings';
import { confirmModal } from './multiStepInput';
import { retroDue } from './runFilters';
import { invocationOf, resolveRun } from './targets';

/**
 * Publishes through the shared git flow: commits exactly the run's files (with the Playbook-Run
 * trailer), on the current branch or on retro/<run> pushed for review (playbooks.publish.mode).
 * Everything refusable is refused before the confirmation.
 */
export async function publishRetrospective(services: ExtensionServices, arg: unknown): Promise<PublishOutcome | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Publish Retrospective', filter: retroDue, empty: 'No retrospective is waiting to be published.' });
  if (!target) return undefined;
  const { folder, runId } = target;
  requireTrust();
  refuseIfDirty(runFiles(folder, runId));
  assertPublishable(folder.repo, runId);
  const git = await gitOf(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: publishing commits the run's files, so it needs one.`);
  const settings = readSettings(folder.workspaceFolder.uri);
  const push = settings.publishMode === 'branchAndPush';
  if (invocation.kind !== 'args') {
    const how = push ? `It is committed on a new branch retro/${runId} and pushed to ${settings.remote} for review.` : "The run's files are committed on the current branch.";
    const run = folder.repo.requireRun(runId);
    if (!(await confirmModal(`Publish the retrospective of "${run.name}"?`, `You will not be able to edit the retrospective after publishing.\n\n${how}`, 'Publish'))) return undefined;
  }
  let outcome: PublishOutcome;
  try {
    outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Publishing retrospective' }, async () => {
      const context = await operationContextFor(folder);
      return publishWithGit(folder.repo, git, context, runId, { branch: push, push, remote: settings.remote });
    });
  } finally {
    folder.refreshNow();
  }
  if (invocation.kind !== 'args') announce(outcome, settings.remote);
  return outcome;
}

function announce(outcome: PublishOutcome, remote: string): void {
  const short = outcome.sha.slice(0, 7);
  const where = outcome.branch !== undefined ? ` on ${outcome.branch}${outcome.pushed ? `, pushed to ${remote}` : ''}` : '';
  const message = `Published the retrospective (${short})${where}.`;
  const url = outcome.pullRequestUrl;
  if (url === undefined) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const open = 'Open Pull Request';
  void vscode.window.showInformationMessage(message, open).then((choice) => {
    if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(url));
  });
}
