import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import type { ExtensionServices } from '../platform/services';
import { PLAYBOOK_EDITOR_VIEW_TYPE } from '../shared/commandIds';
import { invocationOf, resolvePlaybook, resolveRun } from './targets';

export async function refresh(services: ExtensionServices): Promise<void> {
  services.model.refreshAll();
}

export async function showDocs(services: ExtensionServices): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(services.context.extensionUri, 'docs', 'format.md'));
}

/** Opens the playbook form (the custom editor) on a playbook file. */
export async function openPlaybook(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const target = await resolvePlaybook(services, invocationOf(arg), 'Open Playbook Form');
  if (!target) return undefined;
  const file = target.folder.repo.layout.playbookFile(target.slug);
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), PLAYBOOK_EDITOR_VIEW_TYPE);
  return file;
}

export async function openRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const target = await resolveRun(services, invocationOf(arg), { title: 'Open Run', placeholder: 'Type to search every run (runs in progress first)' });
  if (!target) return undefined;
  services.openRunEditor(target.folder, target.runId);
  return target.runId;
}

export async function showMetricsReport(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const target = await resolvePlaybook(services, invocationOf(arg), 'Show Metrics Report');
  if (!target) return undefined;
  services.openMetricsReport(target.folder, target.slug);
  return target.slug;
}

/** The run editor shows the retrospective form; retrospective.md itself is the fallback. */
export async function fillOutRetrospective(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const target = await resolveRun(services, invocationOf(arg), {
    title: 'Fill Out Retrospective',
    filter: (run) => run.retrospective === 'draft' || run.retrospective === 'skipped',
    empty: 'No retrospective is waiting to be written.',
  });
  if (!target) return undefined;
  const { folder, runId } = target;
  if (!folder.repo.hasRetrospective(runId)) throw new OperationRefused(`The run "${runId}" has no retrospective: its playbook does not ask for one.`);
  try {
    services.openRunEditor(folder, runId);
  } catch {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(folder.repo.layout.retrospectiveFile(runId)));
  }
  return runId;
}
