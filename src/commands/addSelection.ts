import * as path from 'node:path';
import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { gitOf } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { promptsFor } from './actionPrompts';
import { pickRun } from './pickers';
import { inProgress } from './runFilters';
import { buildSelectionNote } from './selectionNote';
import { folderByPath, invocationOf, optionalString, type RunTarget } from './targets';

const TITLE = 'Add Selection to Timeline';

/** The file's path relative to the folder's root, when it is inside it. */
function relativeTo(folder: PlaybookFolder, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const relative = path.relative(folder.repo.layout.root, uri.fsPath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** With arguments: the named run, or the only run in progress. */
function runFromArgs(services: ExtensionServices, args: Readonly<Record<string, unknown>>, editorFolder: PlaybookFolder | undefined): RunTarget {
  const named = optionalString(args, 'folder');
  const folders = named !== undefined ? [folderByPath(services, named)] : editorFolder ? [editorFolder] : services.model.folders.filter((folder) => folder.exists);
  const runId = optionalString(args, 'run');
  if (runId !== undefined) {
    const folder = folders.find((candidate) => candidate.repo.runExists(runId));
    if (!folder) throw new OperationRefused(`There is no run "${runId}".`);
    return { folder, runId };
  }
  const active = folders.flatMap((folder) => folder.snapshot.runs.filter(inProgress).map((run) => ({ folder, runId: run.id })));
  const only = active.length === 1 ? active[0] : undefined;
  if (!only) throw new OperationRefused(active.length === 0 ? 'No run is in progress.' : 'Several runs are in progress: say which one ("run").');
  return only;
}

/**
 * The selected text becomes a note: first line as summary, the selection as details, `path:line`
 * as link and the commit checked out recorded beside it. Returns the event id.
 */
export async function addSelectionToTimeline(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) throw new OperationRefused('Select some text in an editor first: it becomes a note on the run\'s timeline.');
  const invocation = invocationOf(arg);
  const document = editor.document;
  const editorFolder = services.model.folderOf(document.uri);
  const usable = editorFolder?.exists ? editorFolder : undefined;
  const target =
    invocation.kind === 'args'
      ? runFromArgs(services, invocation.args, usable)
      : await pickRun(services, { title: TITLE, placeholder: 'Add the selection to which run? (runs in progress first)', preferred: undefined });
  if (!target) return undefined;
  const { folder, runId } = target;

  const selection = editor.selection;
  // A selection ending at the start of a line does not include that line.
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  const relativePath = relativeTo(folder, document.uri);
  const commit = relativePath !== undefined ? await (await gitOf(folder))?.headCommit() : undefined;
  const note = buildSelectionNote({
    text: document.getText(selection),
    ...(relativePath !== undefined ? { relativePath } : {}),
    startLine: selection.start.line + 1,
    endLine,
    ...(commit !== undefined ? { commit } : {}),
    languageId: document.languageId,
  });
  if (note.summary === '') throw new OperationRefused('The selection is only whitespace.');
  const event = await actions.addNote(runActionTarget(folder, runId, promptsFor(invocation)), note);
  if (invocation.kind !== 'args') vscode.window.setStatusBarMessage('$(pin) Added to the timeline', 4000);
  return event.id;
}
