import * as vscode from 'vscode';
import { buildPlaybookReport, type PlaybookReport } from '../core/reports/playbookReport';
import type { Playbook } from '../core/model/types';
import { OperationRefused } from '../core/model/errors';
import { usableData } from '../core/files/documentReader';
import { setMetricTargetEdit } from '../core/playbooks/metricTargetEdit';
import type { PlaybookEdit } from '../core/playbooks/playbookEditTypes';
import { COMMANDS, REPORT_VIEW_TYPE } from '../shared/commandIds';
import { Disposable } from '../platform/disposable';
import type { PlaybookFolder } from '../platform/workspaceModel';
import type { PageRequest, ReportViewState } from '../shared/protocol';
import { exportReportCsv, type SaveLocationPicker } from './reportExport';
import { pageHtml, webviewOptions } from './webviewHtml';
import { WebviewSession } from './webviewSession';

/** Builds the report now; tests pass a fixed clock through here. `open`: the playbook as an unsaved document has it. */
export type ReportBuilder = (folder: PlaybookFolder, playbook: string, open?: Playbook) => PlaybookReport;

export const buildReportNow: ReportBuilder = (folder, playbook, open) =>
  buildPlaybookReport(folder.repo, playbook, { ...folder.reportSources(playbook), ...(open !== undefined ? { playbook: open } : {}) });

/** Applies playbook-form edits to the playbook's document (the Playbook Form's own path: undo, dirty state, comments). */
export type PlaybookDocumentEditor = (uri: vscode.Uri, edits: PlaybookEdit[]) => Promise<void>;

/**
 * One metrics panel for one playbook. The report is rebuilt when the folder's files change, but only
 * while the panel is visible: a hidden webview is torn down, so it asks again when shown.
 */
export class ReportView extends Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly session: WebviewSession;
  private folderListener: vscode.Disposable | undefined;
  private report: PlaybookReport;
  /** Why the latest rebuild failed (the playbook file is mid-edit, say); the last good report stays shown. */
  private problem: string | undefined;
  private stale = false;
  /** Incremented on every rebuild, so tests can wait for the next one. */
  revision = 0;

  constructor(
    extensionUri: vscode.Uri,
    private folderModel: PlaybookFolder,
    readonly playbook: string,
    private readonly build: ReportBuilder,
    private readonly pickSaveLocation: () => SaveLocationPicker,
    private readonly editPlaybook: PlaybookDocumentEditor,
  ) {
    super();
    // Build first: a playbook that cannot be read throws here, before any panel appears.
    this.report = build(folderModel, playbook, this.unsavedPlaybook());
    this.panel = this.register(
      vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, panelTitle(this.report), vscode.ViewColumn.Active, {
        ...webviewOptions(extensionUri),
        enableFindWidget: true,
      }),
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'playbooks.svg');
    this.panel.webview.html = pageHtml(this.panel.webview, extensionUri, 'report', panelTitle(this.report));
    this.session = this.register(new WebviewSession(this.panel.webview, (request) => this.handle(request), () => this.state));
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.register(this.panel.onDidChangeViewState(() => {
      if (this.panel.visible && this.stale) this.rebuild();
    }));
    this.listenTo(folderModel);
    // A target set with "Use as target" (or typed in the playbook) shows before it is saved.
    this.register(vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.fsPath !== this.playbookFile) return;
      if (this.panel.visible) this.rebuild();
      else this.stale = true;
    }));
  }

  get folder(): PlaybookFolder {
    return this.folderModel;
  }

  get state(): ReportViewState {
    return { page: 'report', report: this.report, ...(this.problem !== undefined ? { problem: this.problem } : {}) };
  }

  /** Follows a folder model that was rebuilt (settings changed): same workspace folder, new object. */
  rebind(folder: PlaybookFolder): void {
    this.folderModel = folder;
    this.listenTo(folder);
    this.rebuild();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Rebuilds from the files and posts the new state to the page. */
  rebuild(): void {
    if (this.isDisposed) return;
    this.stale = false;
    try {
      this.report = this.build(this.folderModel, this.playbook, this.unsavedPlaybook());
      this.problem = undefined;
      this.panel.title = panelTitle(this.report);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
    this.revision += 1;
    this.session.refresh();
  }

  /** The same handler the page's messages reach, after validation; the report page sends only its own kinds. */
  async handle(request: PageRequest): Promise<void> {
    if (request.kind === 'report.exportCsv') {
      await exportReportCsv(this.report, this.folderModel.workspaceFolder.uri, this.pickSaveLocation());
    } else if (request.kind === 'report.openRun') {
      // The page is untrusted input: only runs this report lists can be opened from it.
      if (!this.report.publishedRuns.some((published) => published.run === request.runId)) throw new Error(`run "${request.runId}" is not in this report`);
      await vscode.commands.executeCommand(COMMANDS.openRun, { folder: this.folderModel.workspaceFolder.uri.fsPath, run: request.runId });
    } else if (request.kind === 'report.useAsTarget') {
      await this.useAsTarget(request.metricId);
    } else {
      throw new Error(`the metrics report does not handle ${request.kind}`);
    }
  }

  /** Writes the suggestion this report made for the metric into the playbook document (unsaved, undoable). */
  private async useAsTarget(metricId: string): Promise<void> {
    // The page is untrusted input: only a suggestion of this report is written, never a value it sends.
    const suggestion = this.report.metrics.find((metric) => metric.id === metricId)?.suggestedTarget;
    if (!suggestion) throw new Error(`the report suggests no target for "${metricId}"`);
    const uri = vscode.Uri.file(this.playbookFile);
    const document = await vscode.workspace.openTextDocument(uri);
    const parsed = usableData(this.folderModel.repo.parsePlaybook(this.playbook, document.getText()));
    if (parsed === undefined) throw new OperationRefused(`${this.folderModel.repo.layout.relative(this.playbookFile)} cannot be read now; fix it, then use the suggestion`);
    // The document's change event rebuilds the report (from the unsaved text).
    await this.editPlaybook(uri, [setMetricTargetEdit(parsed, metricId, suggestion.value)]);
  }

  private get playbookFile(): string {
    return this.folderModel.repo.layout.playbookFile(this.playbook);
  }

  /** The playbook as its open, unsaved document has it; undefined when none is dirty or it does not parse. */
  private unsavedPlaybook(): Playbook | undefined {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.isDirty && candidate.uri.fsPath === this.playbookFile);
    if (!document) return undefined;
    return usableData(this.folderModel.repo.parsePlaybook(this.playbook, document.getText()));
  }

  private listenTo(folder: PlaybookFolder): void {
    this.folderListener?.dispose();
    this.folderListener = folder.onDidChange(() => {
      if (this.panel.visible) this.rebuild();
      else this.stale = true;
    });
  }

  override dispose(): void {
    this.folderListener?.dispose();
    super.dispose();
  }
}

function panelTitle(report: PlaybookReport): string {
  return `Metrics: ${report.title}`;
}
