import type * as vscode from 'vscode';
import type { WorkspaceModel, PlaybookFolder } from './workspaceModel';

/** What the commands and views share; built once in activate(). */
export interface ExtensionServices {
  context: vscode.ExtensionContext;
  model: WorkspaceModel;
  openRunEditor(folder: PlaybookFolder, runId: string): void;
  /** A run's folder moved (sync gave it a free id): its open editor follows. */
  runMoved(folder: PlaybookFolder, from: string, to: string): void;
  openMetricsReport(folder: PlaybookFolder, playbook: string): void;
}
