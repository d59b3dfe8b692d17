import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/files/atomicWrite';
import { OperationRefused } from '../core/model/errors';
import { gitOf, refuseIfDirty, requireTrust } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { hasRetrospective } from './runFilters';
import { invocationOf, resolveRun } from './targets';
import { planTimelineInsertion, renderTimelineMarkdown } from './timelineMarkdown';

function sameFile(uri: vscode.Uri, file: string): boolean {
  return uri.scheme === 'file' && path.resolve(uri.fsPath) === path.resolve(file);
}

async function timelineTable(folder: PlaybookFolder, runId: string): Promise<string> {
  const run = folder.repo.requireRun(runId);
  const remoteUrl = await (await gitOf(folder))?.remoteUrl();
  return renderTimelineMarkdown(folder.repo.requireTimeline(runId).events, run.startedAt, remoteUrl);
}

/**
 * Puts the run's timeline into its retrospective: at the cursor when retrospective.md is open in
 * an editor (one undoable edit), else under its "## Timeline" heading in the file.
 * Returns where it went: `editor` or `file`.
 */
export async function insertTimelineIntoRetrospective(services: ExtensionServices, arg: unknown): Promise<'editor' | 'file' | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Insert Timeline into Retrospective', filter: hasRetrospective, empty: 'No run has a retrospective to write.' });
  if (!target) return undefined;
  const { folder, runId } = target;
  requireTrust();
  const file = folder.repo.layout.retrospectiveFile(runId);
  if (!fs.existsSync(file)) throw new OperationRefused(`The run "${runId}" has no retrospective: its playbook does not ask for one.`);
  if (folder.repo.readRetrospective(runId).data?.status === 'published') {
    throw new OperationRefused('This retrospective is published and can no longer be edited.');
  }
  const table = await timelineTable(folder, runId);

  const active = vscode.window.activeTextEditor;
  const editor = active && sameFile(active.document.uri, file) ? active : vscode.window.visibleTextEditors.find((candidate) => sameFile(candidate.document.uri, file));
  if (editor) {
    const done = await editor.edit((builder) => builder.replace(editor.selection, table));
    if (!done) throw new OperationRefused('The editor did not accept the change; try again.');
    return 'editor';
  }
  const open = vscode.workspace.textDocuments.find((document) => sameFile(document.uri, file));
  if (open) {
    // Open but not visible: edit the document (undoable, saved by the person) rather than the file under it.
    const plan = planTimelineInsertion(open.getText(), table);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(open.uri, open.positionAt(plan.offset), plan.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new OperationRefused('The editor did not accept the change; try again.');
    if (invocation.kind !== 'args') await vscode.window.showTextDocument(open);
    return 'editor';
  }
  refuseIfDirty([file]);
  folder.repo.layout.assertWritable(file);
  const text = fs.readFileSync(file, 'utf8');
  const plan = planTimelineInsertion(text, table);
  writeFileAtomic(file, text.slice(0, plan.offset) + plan.text + text.slice(plan.offset));
  folder.refreshNow([file]);
  if (invocation.kind !== 'args') {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const start = document.positionAt(plan.offset);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, document.positionAt(plan.offset + plan.text.length)) });
  }
  return 'file';
}
