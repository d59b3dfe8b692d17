import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { countOpenTasks, openTasksText } from '../core/format/openTasks';
import { OperationRefused } from '../core/model/errors';
import { addNote, changeOwner, changeParticipants, finishRun, removeNote, restoreRun, postStatusUpdate, withLinkCommit } from '../core/runs/runOperations';
import type { OperationContext } from '../core/runs/operationContext';
import { changeTask } from '../core/runs/taskOperations';
import { recordMetric } from '../core/retrospectives/retrospectiveOperations';
import { skipAndCommit } from '../platform/publishing';
import { headCommitOf, performRunChange } from '../platform/actions';
import type { PageRequest } from '../shared/protocol';
import { publishFromRunEditor } from './runEditorPublish';
import { checkBeforeAsking, type RunRequestTarget } from './runEditorPrompts';

/**
 * Applies one request of the run editor page. Every write goes through performRunChange (trust, unsaved
 * edits, refresh); a refusal is thrown and becomes the response's error, shown by the page where it asked.
 * A confirmation the person declines is not an error: nothing changes and the request succeeds.
 */
export async function handleRunRequest(target: RunRequestTarget, request: PageRequest): Promise<void> {
  const { folder, runId } = target;
  const repo = folder.repo;
  const change = <T>(operation: (context: OperationContext) => T | Promise<T>): Promise<T> => performRunChange(folder, runId, operation);
  switch (request.kind) {
    case 'run.postUpdate':
      await change((context) => postStatusUpdate(repo, context, runId, request.message));
      return;
    case 'run.changeOwner':
      await change((context) => changeOwner(repo, context, runId, request.owner));
      return;
    case 'run.participants':
      await change((context) => changeParticipants(repo, context, runId, request.add, request.remove));
      return;
    case 'run.task':
      await change((context) => changeTask(repo, context, runId, request.taskId, { ...(request.state !== undefined ? { state: request.state } : {}), ...(request.assignee !== undefined ? { assignee: request.assignee } : {}) }));
      return;
    case 'run.addNote': {
      const at = blankToUndefined(request.at);
      const link = blankToUndefined(request.link);
      const note = { summary: request.summary, ...(at ? { at } : {}), ...(link ? { link } : {}) };
      // Inside the change, after its trust check: a path:line link asks git for the commit checked out.
      await change(async (context) => addNote(repo, context, runId, await withLinkCommit(note, () => headCommitOf(folder))));
      return;
    }
    case 'run.deleteEvent':
      await deleteNote(target, request.eventId);
      return;
    case 'run.finish':
      await finish(target);
      return;
    case 'run.restore':
      await change((context) => restoreRun(repo, context, runId));
      return;
    case 'retro.setMetric':
      await change((context) => recordMetric(repo, context, runId, request.metricId, request.value));
      return;
    case 'retro.openMarkdown':
      await openRetrospectiveBeside(target);
      return;
    case 'retro.publish':
      await publishFromRunEditor(target);
      return;
    case 'retro.skip':
      await skip(target, request.reason);
      return;
    default:
      // Requests of the other pages (playbook form, report) are not this page's to send.
      throw new OperationRefused(`the run editor does not handle "${request.kind}"`);
  }
}

async function deleteNote(target: RunRequestTarget, eventId: string): Promise<void> {
  checkBeforeAsking(target);
  const event = target.folder.repo.requireTimeline(target.runId).events.find((candidate) => candidate.id === eventId);
  // Unknown ids and automatic events: the core says why, no question first.
  if (event?.type === 'note') {
    const confirmed = await target.prompts.confirm(`Delete the note "${event.summary}"?`, 'Deleted notes are removed from the timeline; git history keeps them.', 'Delete Note');
    if (!confirmed) return;
  }
  await performRunChange(target.folder, target.runId, () => removeNote(target.folder.repo, target.runId, eventId));
}

async function finish(target: RunRequestTarget): Promise<void> {
  checkBeforeAsking(target);
  const run = target.folder.repo.requireRun(target.runId);
  const open = countOpenTasks(run.checklists);
  if (run.status === 'in_progress' && open > 0) {
    const confirmed = await target.prompts.confirm(`Finish "${run.name}"? ${openTasksText(open)}.`, 'Status updates, owner, participants and tasks cannot change until the run is restored.', 'Finish Run');
    if (!confirmed) return;
  }
  await performRunChange(target.folder, target.runId, (context) => finishRun(target.folder.repo, context, target.runId));
}

async function skip(target: RunRequestTarget, reason: string): Promise<void> {
  checkBeforeAsking(target);
  if (reason.trim() === '') throw new OperationRefused('Say why the retrospective is skipped.');
  const run = target.folder.repo.requireRun(target.runId);
  const confirmed = await target.prompts.confirm(`Skip the retrospective of "${run.name}"?`, `Reason: ${reason.trim()}\n\nThe skip is committed like a publish. A skipped retrospective can still be published later.`, 'Skip Retrospective');
  if (!confirmed) return;
  await performRunChange(target.folder, target.runId, (context) => skipAndCommit(target.folder, target.runId, reason, context));
  // performRunChange refreshed as the commit started; the tree and page must see its end.
  target.folder.refreshNow();
}

/** Writing happens in the Markdown editor beside the run editor, so the timeline stays in view. */
async function openRetrospectiveBeside(target: RunRequestTarget): Promise<void> {
  const file = target.folder.repo.layout.retrospectiveFile(target.runId);
  if (!fs.existsSync(file)) throw new OperationRefused('This run has no retrospective.md (the retrospective is turned off in its playbook).');
  await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside, preview: false });
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}
