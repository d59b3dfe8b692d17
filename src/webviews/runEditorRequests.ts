import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import type { ActionPrompts } from '../actions/actionTypes';
import * as actions from '../actions/runActions';
import { addFollowUpAction, changeFollowUpAction, followUpLink } from '../actions/followUpActions';
import { runActionTarget } from '../actions/runHost';
import type { PageRequest } from '../shared/protocol';
import { announceInWindow } from '../actions/windowPrompts';
import type { RunEditorPrompts, RunRequestTarget } from './runEditorPrompts';

/**
 * Applies one request of the run editor page through the run actions (src/actions): a refusal is
 * thrown and becomes the response's error, shown by the page where it asked. A confirmation the
 * person declines is not an error: nothing changes and the request succeeds.
 */
export async function handleRunRequest(target: RunRequestTarget, request: PageRequest): Promise<void> {
  const { folder, runId } = target;
  const action = runActionTarget(folder, runId, pagePrompts(target.prompts));
  switch (request.kind) {
    case 'run.postUpdate':
      await actions.postStatusUpdate(action, request.message);
      return;
    case 'run.changeOwner':
      await actions.changeOwner(action, request.owner);
      return;
    case 'run.participants':
      await actions.changeParticipants(action, request.add, request.remove);
      return;
    case 'run.task':
      await actions.changeTask(action, request.taskId, { ...(request.state !== undefined ? { state: request.state } : {}), ...(request.assignee !== undefined ? { assignee: request.assignee } : {}) });
      return;
    case 'run.addNote': {
      const at = blankToUndefined(request.at);
      const link = blankToUndefined(request.link);
      await actions.addNote(action, { summary: request.summary, ...(at ? { at } : {}), ...(link ? { link } : {}) });
      return;
    }
    case 'run.deleteEvent':
      await actions.deleteNote(action, request.eventId);
      return;
    case 'run.finish':
      await actions.finishRun(action);
      return;
    case 'run.restore':
      await actions.restoreRun(action);
      return;
    case 'run.setStatusUpdates':
      await actions.setStatusUpdatesEnabled(action, request.enabled);
      return;
    case 'run.requestUpdate':
      await actions.requestStatusUpdate(action);
      return;
    case 'run.runCommand':
      await actions.runTaskCommand(action, request.taskId);
      return;
    case 'retro.setEnabled':
      await actions.setRetrospectiveEnabled(action, request.enabled);
      return;
    case 'retro.setMetric':
      await actions.recordMetric(action, request.metricId, request.value);
      return;
    case 'retro.openMarkdown':
      await openRetrospectiveBeside(target);
      return;
    case 'retro.publish':
      await actions.publishRetrospective(action);
      return;
    case 'retro.skip':
      await actions.skipRetrospective(action, request.reason);
      return;
    case 'retro.addAction':
      await addFollowUpAction(action, { title: request.title, owner: request.owner, due: request.due, priority: request.priority });
      return;
    case 'retro.setAction': {
      const { owner, due, priority, status } = request;
      await changeFollowUpAction(action, request.actionId, { ...(owner !== undefined ? { owner } : {}), ...(due !== undefined ? { due } : {}), ...(priority !== undefined ? { priority } : {}), ...(status !== undefined ? { status } : {}) });
      return;
    }
    case 'retro.openActionLink':
      // The link comes from the file, checked to be http(s); VS Code asks before opening an unknown site.
      await vscode.env.openExternal(vscode.Uri.parse(followUpLink(folder.repo, runId, request.actionId), true));
      return;
    default:
      // Requests of the other pages (playbook form, report) are not this page's to send.
      throw new OperationRefused(`the run editor does not handle "${request.kind}"`);
  }
}

/** The page collects every text itself and re-renders after a change: only confirmations are asked. */
function pagePrompts(prompts: RunEditorPrompts): ActionPrompts {
  return {
    confirm: (message, detail, action) => prompts.confirm(message, detail, action),
    input: () => Promise.resolve(undefined),
    report: () => undefined,
    announce: (message, link) => announceInWindow(message, link, (text, button) => prompts.inform(text, ...(button ? [button] : []))),
  };
}

/** Writing happens in the Markdown editor beside the run editor, so the timeline stays in view. */
async function openRetrospectiveBeside(target: RunRequestTarget): Promise<void> {
  const file = target.folder.repo.layout.retrospectiveFile(target.runId);
  if (!fs.existsSync(file)) throw new OperationRefused('This run has no retrospective.md: its retrospective is turned off.');
  await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
