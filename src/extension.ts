import type * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { registerDiagnostics } from './platform/diagnostics';
import { registerReminders } from './reminders/reminders';
import { registerLiveSync, type LiveSyncController } from './sync/liveSync';
import type { ExtensionServices } from './platform/services';
import { WorkspaceModel } from './platform/workspaceModel';
import { registerTreeView, type PlaybooksTreeProvider } from './views/registerTreeView';
import { registerPlaybookEditor, type PlaybookEditorProvider } from './webviews/playbookEditorProvider';
import { ReportPanels } from './webviews/reportPanel';
import { RunEditorPanels } from './webviews/runEditorPanel';

/** What activate() returns: integration tests reach the model and the tree through it. */
export interface PlaybooksExtensionApi {
  model: WorkspaceModel;
  tree: PlaybooksTreeProvider;
  runEditors: RunEditorPanels;
  reports: ReportPanels;
  playbookEditor: PlaybookEditorProvider;
  liveSync: LiveSyncController;
}

/** Builds the services and registers every feature; nothing else happens here (activation stays fast). */
export function activate(context: vscode.ExtensionContext): PlaybooksExtensionApi {
  // The index of each folder is persisted in the workspace storage: a new window starts warm.
  const model = new WorkspaceModel(context.storageUri?.fsPath);
  const runEditors = new RunEditorPanels(context.extensionUri, model);
  const playbookEditor = registerPlaybookEditor(context);
  // "Use as target" edits the playbook the way the Playbook Form does (one implementation of the edit).
  const reports = new ReportPanels(context.extensionUri, model, (uri, edits) => playbookEditor.applyEdits(uri, edits));
  const services: ExtensionServices = {
    context,
    model,
    openRunEditor: (folder, runId) => runEditors.open(folder, runId),
    runMoved: (folder, from, to) => runEditors.follow(folder, from, to),
    openMetricsReport: (folder, playbook) => reports.open(folder, playbook),
  };
  const tree = registerTreeView(services);
  const liveSync = registerLiveSync(services);
  context.subscriptions.push(
    model,
    runEditors,
    reports,
    tree,
    ...registerCommands(services),
    registerDiagnostics(model),
    registerReminders(services),
    playbookEditor,
    liveSync,
  );
  return { model, tree, runEditors, reports, playbookEditor, liveSync };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
