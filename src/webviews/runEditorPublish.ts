import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import { assertPublishable } from '../core/retrospectives/retrospectiveOperations';
import { publishWithGit } from '../git/publishRetrospective';
import { gitOf, performRunChange } from '../platform/actions';
import { readSettings } from '../platform/settings';
import { checkBeforeAsking, type RunRequestTarget } from './runEditorPrompts';

/**
 * Publish from the run editor: everything that can be refused (trust, unsaved edits, missing metrics,
 * no repository) is refused before the confirmation; then the shared git flow commits exactly the
 * run's files, on the current branch or on `retro/<run>` pushed for review (setting `playbooks.publish.mode`).
 */
export async function publishFromRunEditor(target: RunRequestTarget): Promise<void> {
  const { folder, runId, prompts } = target;
  checkBeforeAsking(target);
  assertPublishable(folder.repo, runId);
  const git = await gitOf(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: publishing commits the run's files, so it needs one.`);
  const settings = readSettings(folder.workspaceFolder.uri);
  const push = settings.publishMode === 'branchAndPush';
  const how = push ? `It is committed on a new branch retro/${runId} and pushed to ${settings.remote} for review.` : "The run's files are committed on the current branch.";
  const run = folder.repo.requireRun(runId);
  const confirmed = await prompts.confirm(`Publish the retrospective of "${run.name}"?`, `You will not be able to edit the retrospective after publishing it.\n\n${how}`, 'Publish');
  if (!confirmed) return;

  const outcome = await performRunChange(folder, runId, (context) => publishWithGit(folder.repo, git, context, runId, { branch: push, push, remote: settings.remote }));
  // performRunChange refreshed as the commit started; the tree and page must see its end.
  folder.refreshNow();
  const short = outcome.sha.slice(0, 7);
  if (outcome.pullRequestUrl !== undefined) {
    const url = outcome.pullRequestUrl;
    void prompts.inform(`Retrospective published on ${outcome.branch ?? 'a branch'} (${short}) and pushed to ${settings.remote}.`, 'Open Pull Request').then((choice) => {
      if (choice === 'Open Pull Request') void vscode.env.openExternal(vscode.Uri.parse(url));
    });
  } else if (outcome.pushed) {
    void prompts.inform(`Retrospective published on ${outcome.branch ?? 'a branch'} (${short}) and pushed to ${settings.remote}.`);
  } else {
    vscode.window.setStatusBarMessage(`$(check) Retrospective published: ${outcome.files.length} files committed (${short})`, 5000);
  }
}
