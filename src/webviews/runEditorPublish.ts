import * as vscode from 'vscode';
import { performRunChange } from '../platform/actions';
import { preparePublish } from '../platform/publishing';
import { checkBeforeAsking, type RunRequestTarget } from './runEditorPrompts';

/**
 * Publish from the run editor: everything that can be refused (trust, unsaved edits, missing metrics,
 * no repository) is refused before the confirmation; then the shared git flow commits exactly the
 * run's files, on the current branch or on `retro/<run>` pushed for review (setting `playbooks.publish.mode`).
 */
export async function publishFromRunEditor(target: RunRequestTarget): Promise<void> {
  const { folder, runId, prompts } = target;
  checkBeforeAsking(target);
  const prepared = await preparePublish(folder, runId);
  const confirmed = await prompts.confirm(`Publish the retrospective of "${prepared.runName}"?`, `You will not be able to edit the retrospective after publishing it.\n\n${prepared.how}`, 'Publish');
  if (!confirmed) return;

  const outcome = await performRunChange(folder, runId, (context) => prepared.publish(context));
  // performRunChange refreshed as the commit started; the tree and page must see its end.
  folder.refreshNow();
  const short = outcome.sha.slice(0, 7);
  if (outcome.pullRequestUrl !== undefined) {
    const url = outcome.pullRequestUrl;
    void prompts.inform(`Retrospective published on ${outcome.branch ?? 'a branch'} (${short}) and pushed to ${prepared.remote}.`, 'Open Pull Request').then((choice) => {
      if (choice === 'Open Pull Request') void vscode.env.openExternal(vscode.Uri.parse(url));
    });
  } else if (outcome.pushed) {
    void prompts.inform(`Retrospective published on ${outcome.branch ?? 'a branch'} (${short}) and pushed to ${prepared.remote}.`);
  } else {
    vscode.window.setStatusBarMessage(`$(check) Retrospective published: ${outcome.files.length} files committed (${short})`, 5000);
  }
}
