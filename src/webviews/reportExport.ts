import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/files/atomicWrite';
import type { PlaybookReport } from '../core/reports/playbookReport';
import { formatReportCsv } from '../core/reports/reportFormats';

/** Asks where to save; tests replace it to skip the dialog. */
export type SaveLocationPicker = (defaultUri: vscode.Uri) => Thenable<vscode.Uri | undefined>;

export const pickSaveLocation: SaveLocationPicker = (defaultUri) =>
  vscode.window.showSaveDialog({ defaultUri, filters: { CSV: ['csv'] }, saveLabel: 'Export', title: 'Export Metrics as CSV' });

/**
 * Writes the report's CSV where the person chose. Allowed in an untrusted workspace: the file is one
 * the person picked in a save dialog, and nothing in it is run.
 * Returns the file written, or undefined when the dialog was cancelled.
 */
export async function exportReportCsv(report: PlaybookReport, workspaceFolder: vscode.Uri, pick: SaveLocationPicker): Promise<vscode.Uri | undefined> {
  const target = await pick(vscode.Uri.joinPath(workspaceFolder, `${report.playbook}-metrics.csv`));
  if (!target) return undefined;
  const csv = formatReportCsv(report);
  // A remote or virtual location is written through VS Code's file system; a local one atomically.
  if (target.scheme === 'file') writeFileAtomic(target.fsPath, csv);
  else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
  vscode.window.setStatusBarMessage(`$(check) Exported ${report.publishedRuns.length} runs to ${vscode.workspace.asRelativePath(target)}`, 5000);
  return target;
}
