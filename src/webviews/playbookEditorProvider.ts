import * as path from 'node:path';
import * as vscode from 'vscode';
import { REVIEW_CONFIG_FILE } from '../core/repository/layout';
import { OperationRefused } from '../core/model/errors';
import { applyPlaybookEdits, minimalReplacement } from '../core/playbooks/playbookEdits';
import { Disposable } from '../platform/disposable';
import type { PlaybookEdit, PlaybookFormState } from '../shared/protocol';
import { PlaybookEditorSession } from './playbookEditorSession';
import type { WebviewSession } from './webviewSession';
import { isReadOnly, playbookFormState } from './playbookEditorState';

export const PLAYBOOK_EDITOR_VIEW_TYPE = 'playbooks.playbookEditor';

/** Registers the playbook form as the default editor of `playbooks/*.yaml`; the text editor stays one "Open With…" away. */
export function registerPlaybookEditor(context: vscode.ExtensionContext): PlaybookEditorProvider {
  // The document is the form's whole input: the workspace model (files on disk) is not needed.
  const provider = new PlaybookEditorProvider(context.extensionUri);
  provider.registerWith(vscode.window.registerCustomEditorProvider(PLAYBOOK_EDITOR_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: false } }));
  return provider;
}

/**
 * The custom-editor-sample pattern: the YAML TextDocument is the source of truth. The form shows the
 * parsed document and is re-sent on every change of it (form edits, undo/redo, typing in a text editor
 * beside it); form edits become one WorkspaceEdit each, so dirty state, undo and save are VS Code's own.
 */
export class PlaybookEditorProvider extends Disposable implements vscode.CustomTextEditorProvider {
  private readonly sessions = new Map<string, Set<PlaybookEditorSession>>();
  /** Edits of one document run one after another: each is computed from the text the previous one left. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly extensionUri: vscode.Uri) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.sessionsOf(event.document.uri).forEach((session) => session.documentChanged())));
    this.register(vscode.workspace.onDidSaveTextDocument((document) => this.sessionsOf(document.uri).forEach((session) => void session.checkWritable())));
    const recheck = (): void => this.sessions.forEach((set) => set.forEach((session) => void session.checkWritable()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(recheck));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('files') && recheck()));
  }

  registerWith(registration: vscode.Disposable): void {
    this.register(registration);
  }

  async resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<void> {
    if (isConfigurationFile(document.uri)) {
      await handToTextEditor(document.uri, panel);
      return;
    }
    const key = document.uri.toString();
    const session = new PlaybookEditorSession(document, panel, this.extensionUri, (edits) => this.applyEdits(document.uri, edits));
    const set = this.sessions.get(key) ?? new Set<PlaybookEditorSession>();
    set.add(session);
    this.sessions.set(key, set);
    panel.onDidDispose(() => {
      set.delete(session);
      if (set.size === 0) this.sessions.delete(key);
      session.dispose();
    });
    await session.start();
  }

  /**
   * Applies form edits to an open playbook document: the page's path, and the seam integration tests
   * use. Resolves once the document holds the change (unsaved); refuses in an untrusted workspace,
   * on a read-only file and for edits the playbook cannot take.
   */
  applyEdits(uri: vscode.Uri, edits: PlaybookEdit[]): Promise<void> {
    const key = uri.toString();
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.editNow(uri, edits));
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  /** How many form editors show this file (tests). */
  sessionCount(uri: vscode.Uri): number {
    return this.sessions.get(uri.toString())?.size ?? 0;
  }

  /** The page conversations of the forms showing this file (tests post raw messages into them). */
  sessionsForTest(uri: vscode.Uri): WebviewSession[] {
    return this.sessionsOf(uri).map((session) => session.page);
  }

  /** The state a form of this file is sent now (tests). */
  async stateOf(uri: vscode.Uri): Promise<PlaybookFormState> {
    const document = await vscode.workspace.openTextDocument(uri);
    return playbookFormState(document, await isReadOnly(document));
  }

  private async editNow(uri: vscode.Uri, edits: PlaybookEdit[]): Promise<void> {
    if (!vscode.workspace.isTrusted) throw new OperationRefused('This workspace is not trusted: playbooks are read-only here. Trust the workspace to change them.');
    const document = await vscode.workspace.openTextDocument(uri);
    if (await isReadOnly(document)) throw new OperationRefused('This playbook file is read-only.');
    const text = document.getText();
    const next = applyPlaybookEdits(text, edits);
    if (next === text) return;
    const change = minimalReplacement(text, next);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
    // VS Code refuses the edit when the text changed since it was read (someone typing beside the form).
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The file changed while the form was saving; the form now shows it again — repeat the change.');
  }

  private sessionsOf(uri: vscode.Uri): PlaybookEditorSession[] {
    return [...(this.sessions.get(uri.toString()) ?? [])];
  }
}

/**
 * `playbooks/review.yaml` matches the form's file pattern (a pattern cannot leave one name out) but
 * is the review configuration, not a playbook: it opens in the text editor, where the YAML
 * extension checks it with schemas/review.schema.json.
 */
function isConfigurationFile(uri: vscode.Uri): boolean {
  return path.posix.basename(uri.path) === REVIEW_CONFIG_FILE;
}

async function handToTextEditor(uri: vscode.Uri, panel: vscode.WebviewPanel): Promise<void> {
  panel.webview.options = { enableScripts: false, localResourceRoots: [] };
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${REVIEW_CONFIG_FILE} is the review configuration, not a playbook: it opens in the text editor.</p></body></html>`;
  await vscode.commands.executeCommand('vscode.openWith', uri, 'default', { viewColumn: panel.viewColumn ?? vscode.ViewColumn.Active, preview: false });
  panel.dispose();
}
