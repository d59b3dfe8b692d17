import * as vscode from 'vscode';
import { validateRepository } from '../core/validation/validateRepository';
import type { ExtensionServices } from '../platform/services';
import { plural } from '../views/treeFormat';
import { folderByPath, invocationOf, optionalString } from './targets';

export interface ValidationSummary {
  errors: number;
  warnings: number;
}

/** Validates every folder (or the one named); the Problems panel shows the details. */
export async function validate(services: ExtensionServices, arg: unknown): Promise<ValidationSummary> {
  const invocation = invocationOf(arg);
  const named = invocation.kind === 'args' ? optionalString(invocation.args, 'folder') : undefined;
  const folders = (named !== undefined ? [folderByPath(services, named)] : services.model.folders).filter((folder) => folder.exists);
  const summary: ValidationSummary = { errors: 0, warnings: 0 };
  let playbooks = 0;
  let runs = 0;
  for (const folder of folders) {
    // A fresh snapshot keeps the tree and the Problems panel in step with what is reported here.
    folder.refreshNow();
    playbooks += folder.snapshot.playbooks.length;
    runs += folder.snapshot.runs.length;
    for (const problem of validateRepository(folder.repo)) {
      if (problem.severity === 'error') summary.errors += 1;
      else summary.warnings += 1;
    }
  }
  if (invocation.kind === 'args') return summary;
  const scope = `${plural(playbooks, 'playbook')} and ${plural(runs, 'run')}`;
  if (summary.errors + summary.warnings === 0) {
    void vscode.window.showInformationMessage(`No problems in ${scope}.`);
  } else {
    void vscode.window.showWarningMessage(`${scope}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}. See the Problems panel.`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return summary;
}
