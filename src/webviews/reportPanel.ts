import * as vscode from 'vscode';
import { Disposable } from '../platform/disposable';
import type { PlaybookFolder, WorkspaceModel } from '../platform/workspaceModel';
import type { PageRequest, ReportViewState } from '../shared/protocol';
import { pickSaveLocation, type SaveLocationPicker } from './reportExport';
import { buildReportNow, ReportView, type PlaybookDocumentEditor, type ReportBuilder } from './reportView';
import type { WebviewSession } from './webviewSession';

/** The metrics report panels: one per playbook of a workspace folder, revealed when opened again. */
export class ReportPanels extends Disposable {
  private readonly views = new Map<string, ReportView>();
  /** Where "Export CSV" asks for a file; integration tests replace it to skip the dialog. */
  saveLocationPicker: SaveLocationPicker = pickSaveLocation;
  /** How reports are built; tests may pin the clock. */
  reportBuilder: ReportBuilder = buildReportNow;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly model: WorkspaceModel,
    private readonly editPlaybook: PlaybookDocumentEditor,
  ) {
    super();
    this.register(model.onDidChange(() => this.followRebuiltFolders()));
  }

  /** Opens (or reveals) the report of `playbook`; tells the person when the playbook cannot be read. */
  open(folder: PlaybookFolder, playbook: string): void {
    const key = keyOf(folder, playbook);
    const existing = this.views.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    let view: ReportView;
    try {
      view = new ReportView(this.extensionUri, folder, playbook, (f, p, open) => this.reportBuilder(f, p, open), () => this.saveLocationPicker, this.editPlaybook);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot show the metrics of "${playbook}": ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.views.set(key, view);
    view.panel.onDidDispose(() => {
      if (this.views.get(key) === view) this.views.delete(key);
    });
  }

  /** What the open panel of `playbook` shows (and last sent to its page); undefined when none is open. */
  stateForTest(folder: PlaybookFolder, playbook: string): (ReportViewState & { revision: number; visible: boolean }) | undefined {
    const view = this.views.get(keyOf(folder, playbook));
    return view && { ...view.state, revision: view.revision, visible: view.panel.visible };
  }

  /** Runs a page request through the same handler as a message from the page would. */
  async requestForTest(folder: PlaybookFolder, playbook: string, request: PageRequest): Promise<void> {
    const view = this.views.get(keyOf(folder, playbook));
    if (!view) throw new Error(`no metrics report open for ${playbook}`);
    await view.handle(request);
  }

  /** Test seam: the page conversation of the open panel of `playbook`. */
  sessionForTest(folder: PlaybookFolder, playbook: string): WebviewSession | undefined {
    return this.views.get(keyOf(folder, playbook))?.session;
  }

  /** Closes the panel of `playbook` (tests start each case from a clean slate). */
  closeForTest(folder: PlaybookFolder, playbook: string): void {
    this.views.get(keyOf(folder, playbook))?.dispose();
  }

  /**
   * The model replaces its folder objects when settings or workspace folders change: a panel follows
   * the new object for the same workspace folder, or closes when that folder left the workspace.
   */
  private followRebuiltFolders(): void {
    for (const view of [...this.views.values()]) {
      if (this.model.folders.includes(view.folder)) continue;
      const uri = view.folder.workspaceFolder.uri.toString();
      const replacement = this.model.folders.find((folder) => folder.workspaceFolder.uri.toString() === uri);
      if (replacement) view.rebind(replacement);
      else view.dispose();
    }
  }

  override dispose(): void {
    for (const view of [...this.views.values()]) view.dispose();
    this.views.clear();
    super.dispose();
  }
}

/** Keyed by workspace folder URI rather than object: the same folder keeps its panels across model rebuilds. */
function keyOf(folder: PlaybookFolder, playbook: string): string {
  return `${folder.workspaceFolder.uri.toString()}\n${playbook}`;
}
