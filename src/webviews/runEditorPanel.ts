import * as vscode from 'vscode';
import { Disposable } from '../platform/disposable';
import type { PlaybookFolder, WorkspaceModel } from '../platform/workspaceModel';
import type { PageRequest, RunViewState } from '../shared/protocol';
import { windowPrompts, type RunEditorPrompts } from './runEditorPrompts';
import { handleRunRequest } from './runEditorRequests';
import { DEFAULT_QUERY, EVENTS_PAGE, TimelineCache, type TimelineQuery } from './runTimelineView';
import { buildRunViewState, emptyRunState } from './runViewModel';
import { pageHtml, webviewOptions } from './webviewHtml';
import { WebviewSession } from './webviewSession';

export const RUN_EDITOR_VIEW_TYPE = 'playbooks.runEditor';

/** One open run: its panel, its page conversation, and live updates from the files. */
class RunEditor extends Disposable {
  readonly session: WebviewSession;
  /** What the page lists of the timeline; each state carries that page. */
  private query: TimelineQuery = DEFAULT_QUERY;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly owner: RunEditorPanels,
    readonly folderKey: string,
    private shownRunId: string,
  ) {
    super();
    this.session = this.register(new WebviewSession(panel.webview, (request) => this.apply(request), () => this.buildState()));
    this.register(panel.onDidDispose(() => this.owner.forget(this)));
  }

  get runId(): string {
    return this.shownRunId;
  }

  /** The run's folder moved: the editor shows it under its new id (the page saves that id for a reload). */
  moveTo(runId: string): void {
    this.shownRunId = runId;
  }

  get folder(): PlaybookFolder | undefined {
    return this.owner.model.folders.find((folder) => folderKey(folder) === this.folderKey);
  }

  /** The one handler of this run's requests, from the page or from a test. */
  async apply(request: PageRequest): Promise<void> {
    // Paging changes what the page is sent, not the files: the state that answers it carries the page.
    if (request.kind === 'run.showEvents') {
      const categories = [...new Set(request.categories)];
      this.query = { ...this.query, categories, count: Math.max(EVENTS_PAGE, request.count) };
      return;
    }
    if (request.kind === 'run.showStatusUpdates') {
      this.query = { ...this.query, statusUpdates: request.count };
      return;
    }
    const folder = this.folder;
    if (!folder) throw new Error('The workspace folder of this run was closed.');
    await handleRunRequest({ folder, runId: this.runId, prompts: this.owner.prompts }, request);
  }

  buildState(): RunViewState {
    const folder = this.folder;
    const state = folder
      ? buildRunViewState(folder.repo, this.runId, { readOnly: !vscode.workspace.isTrusted, query: this.query, cache: this.owner.timelines })
      : emptyRunState(this.runId, true, [{ file: this.runId, line: 1, column: 1, severity: 'error', message: 'The workspace folder of this run was closed.' }]);
    this.panel.title = `Run: ${state.name}`;
    return state;
  }

  /** A hidden page is gone (no retainContextWhenHidden): it asks for state again when shown. */
  refresh(): void {
    if (this.panel.visible) this.session.refresh();
  }

  /**
   * The first state, after this turn, so the page's HTML is on its way first: the page loads while
   * the timeline is parsed (and cached), and its `ready` is answered from the cache.
   */
  refreshSoon(): void {
    setTimeout(() => {
      if (!this.isDisposed) this.refreshNow();
    }, 0);
  }

  /** Sends state even when hidden; tests wait for it. */
  refreshNow(): void {
    this.session.refresh();
  }
}

/**
 * The run editors: one webview panel per run (opening it again reveals it), restored after a reload,
 * re-sent fresh state whenever the playbooks folder changes (CLI, other windows, git checkouts).
 */
export class RunEditorPanels extends Disposable {
  private readonly editors = new Map<string, RunEditor>();
  /** Who answers confirmations; integration tests replace it. */
  prompts: RunEditorPrompts = windowPrompts;
  /**
   * Parsed timelines, kept while their files are unchanged: a page hidden and shown again (it is
   * discarded meanwhile), a run reopened, and every state after a change skip the parse.
   */
  readonly timelines = new TimelineCache(4);

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly model: WorkspaceModel,
  ) {
    super();
    // The model also fires when folders are rebuilt, which a PlaybookFolder's own event would miss.
    this.register(model.onDidChange(() => this.refreshAll()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshAll()));
    this.register(
      vscode.window.registerWebviewPanelSerializer(RUN_EDITOR_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => Promise.resolve(this.restore(panel, state)),
      }),
    );
  }

  open(folder: PlaybookFolder, runId: string): void {
    this.editorFor(folder, runId).panel.reveal();
  }

  isOpen(folder: PlaybookFolder, runId: string): boolean {
    return this.editors.has(editorKey(folderKey(folder), runId));
  }

  /** Test seam: a request handled exactly as if the page had sent it (opens the editor if needed). */
  async handleForTest(folder: PlaybookFolder, runId: string, request: PageRequest): Promise<void> {
    const editor = this.editorFor(folder, runId);
    try {
      await editor.apply(request);
    } finally {
      editor.refreshNow();
    }
  }

  /** Test seam: the state an open editor shows now (built fresh, as the next refresh would send it). */
  stateOf(folder: PlaybookFolder, runId: string): RunViewState | undefined {
    return this.editors.get(editorKey(folderKey(folder), runId))?.buildState();
  }

  /** Test seam: the page conversation of an open editor (tests post raw messages into it). */
  sessionForTest(folder: PlaybookFolder, runId: string): WebviewSession | undefined {
    return this.editors.get(editorKey(folderKey(folder), runId))?.session;
  }

  /** A run's folder moved (sync gave ours a free id): its open editor, if any, follows it. */
  follow(folder: PlaybookFolder, from: string, to: string): void {
    const editor = this.editors.get(editorKey(folderKey(folder), from));
    if (!editor || this.isOpen(folder, to)) return;
    this.editors.delete(editorKey(editor.folderKey, from));
    editor.moveTo(to);
    this.editors.set(editorKey(editor.folderKey, to), editor);
    editor.refreshNow();
  }

  /** Called by an editor whose panel was closed. */
  forget(editor: RunEditor): void {
    this.editors.delete(editorKey(editor.folderKey, editor.runId));
    editor.dispose();
  }

  private editorFor(folder: PlaybookFolder, runId: string): RunEditor {
    const key = editorKey(folderKey(folder), runId);
    const existing = this.editors.get(key);
    if (existing) return existing;
    const panel = vscode.window.createWebviewPanel(RUN_EDITOR_VIEW_TYPE, `Run: ${runId}`, vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      enableFindWidget: true,
      retainContextWhenHidden: false,
    });
    return this.attach(panel, folder, runId);
  }

  private attach(panel: vscode.WebviewPanel, folder: PlaybookFolder, runId: string): RunEditor {
    const editor = new RunEditor(panel, this, folderKey(folder), runId);
    this.editors.set(editorKey(editor.folderKey, runId), editor);
    panel.webview.html = pageHtml(panel.webview, this.extensionUri, 'run', `Run: ${runId}`);
    editor.refreshSoon();
    return editor;
  }

  /** After a reload the page's saved state names its run; the folder is the one that has it. */
  private restore(panel: vscode.WebviewPanel, state: unknown): void {
    const runId = typeof state === 'object' && state !== null && 'runId' in state && typeof state.runId === 'string' ? state.runId : undefined;
    const folder = runId === undefined ? undefined : this.model.folders.find((candidate) => candidate.repo.runExists(runId));
    if (!folder || runId === undefined || this.isOpen(folder, runId)) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel, folder, runId);
  }

  private refreshAll(): void {
    for (const editor of this.editors.values()) editor.refresh();
  }

  override dispose(): void {
    for (const editor of [...this.editors.values()]) editor.panel.dispose();
    this.editors.clear();
    super.dispose();
  }
}

function folderKey(folder: PlaybookFolder): string {
  return folder.workspaceFolder.uri.toString();
}

function editorKey(folder: string, runId: string): string {
  return `${folder}\n${runId}`;
}
