import * as vscode from 'vscode';
import type { PublishOutcome } from '../git/publishRetrospective';
import { operationContextFor, refuseIfDirty, requireTrust, runFiles } from '../platform/actions';
import { preparePublish } from '../platform/publishing';
import type { ExtensionServices } from '../platform/services';
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
  const prepared = await preparePublish(folder, runId);
  if (invocation.kind !== 'args') {
    if (!(await confirmModal(`Publish the retrospective of "${prepared.runName}"?`, `You will not be able to edit the retrospective after publishing.\n\n${prepared.how}`, 'Publish'))) return undefined;
  }
  let outcome: PublishOutcome;
  try {
    outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Publishing retrospective' }, async () => {
      const context = await operationContextFor(folder);
      return prepared.publish(context);
    });
  } finally {
    folder.refreshNow();
  }
  if (invocation.kind !== 'args') announce(outcome, prepared.remote);
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
