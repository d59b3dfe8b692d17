import * as vscode from 'vscode';
import { buildPlaybookReport, type PlaybookReport } from '../core/reports/playbookReport';
import { COMMANDS, REPORT_VIEW_TYPE } from '../shared/commandIds';
import { Disposable } from '../platform/disposable';
import type { PlaybookFolder } from '../platform/workspaceModel';
import type { PageRequest, ReportViewState } from '../shared/protocol';
import { exportReportCsv, type SaveLocationPicker } from './reportExport';
import { pageHtml, webviewOptions } from './webviewHtml';
import { WebviewSession } from './webviewSession';

/** Builds the report now; tests pass a fixed clock through here. */
export type ReportBuilder = (folder: PlaybookFolder, playbook: string) => PlaybookReport;

export const buildReportNow: ReportBuilder = (folder, playbook) => buildPlaybookReport(folder.repo, playbook, folder.reportSources(playbook));

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
  ) {
    super();
    // Build first: a playbook that cannot be read throws here, before any panel appears.
    this.report = build(folderModel, playbook);
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
      this.report = this.build(this.folderModel, this.playbook);
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
    } else {
      throw new Error(`the metrics report does not handle ${request.kind}`);
    }
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
