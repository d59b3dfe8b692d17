import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/files/atomicWrite';
import { OperationRefused } from '../core/model/errors';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, exportRun as exportRunCore, isExportFormat, type ExportFormat } from '../core/export/exportRun';
import { gitOf, requireTrust } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { BACK, pickStep } from './multiStepInput';
import { invocationOf, requiredString, resolveRun } from './targets';

/** Writes a run's export where the person chooses, then offers to open it. Returns the path written. */
export async function exportRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Export Run' });
  if (!target) return undefined;
  const { folder, runId } = target;
  let format: ExportFormat;
  let file: string;
  if (invocation.kind === 'args') {
    const value = requiredString(invocation.args, 'format');
    if (!isExportFormat(value)) throw new OperationRefused(`"format" must be one of ${EXPORT_FORMATS.join(', ')}`);
    format = value;
    file = path.resolve(requiredString(invocation.args, 'target'));
  } else {
    const items = EXPORT_FORMATS.map((value) => ({ label: EXPORT_FORMAT_INFO[value].label, description: EXPORT_FORMAT_INFO[value].extension, format: value }));
    const picked = await pickStep({ title: `Export Run: ${runId}`, placeholder: 'Format', items });
    if (picked === undefined || picked === BACK) return undefined;
    format = picked.format;
    const info = EXPORT_FORMAT_INFO[format];
    const chosen = await vscode.window.showSaveDialog({
      title: 'Export Run',
      defaultUri: vscode.Uri.joinPath(folder.workspaceFolder.uri, `${runId}${info.extension}`),
      filters: { [info.label]: [info.extension.slice(1)] },
    });
    if (!chosen) return undefined;
    file = chosen.fsPath;
  }
  requireTrust();
  // With the remote known, commits and path:line links open on its web pages.
  const remoteUrl = await (await gitOf(folder))?.remoteUrl();
  writeFileAtomic(file, exportRunCore(folder.repo, runId, format, remoteUrl === undefined ? {} : { remoteUrl }));
  if (invocation.kind !== 'args') {
    const open = 'Open';
    void vscode.window.showInformationMessage(`Exported ${runId} to ${path.basename(file)}.`, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    });
  }
  return file;
}
