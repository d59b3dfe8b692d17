import * as path from 'node:path';
import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import { Disposable } from '../platform/disposable';
import { isRecord, type PageRequest, type PlaybookEdit } from '../shared/protocol';
import { isReadOnly, playbookFormState, templateFileUri } from './playbookEditorState';
import { pageHtml, webviewOptions } from './webviewHtml';
import { WebviewSession } from './webviewSession';

/** Typing in a text editor beside the form re-sends the form at most this often. */
const REFRESH_DELAY_MS = 100;

/** One form editor (one webview panel) of one playbook document. */
export class PlaybookEditorSession extends Disposable {
  /** Untrusted workspace or a read-only file: the form shows, and refuses edits. */
  readOnly = !vscode.workspace.isTrusted;
  readonly page: WebviewSession;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly applyEdits: (edits: PlaybookEdit[]) => Promise<void>,
  ) {
    super();
    this.page = this.register(new WebviewSession(panel.webview, (request) => this.handle(request), () => playbookFormState(document, this.readOnly)));
  }

  async start(): Promise<void> {
    this.panel.webview.options = webviewOptions(this.extensionUri);
    await this.checkWritable();
    this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, 'playbook', path.posix.basename(this.document.uri.path));
  }

  /** Re-reads whether the file may be changed (trust granted, permissions changed) and re-sends the form. */
  async checkWritable(): Promise<void> {
    this.readOnly = await isReadOnly(this.document);
    this.page.refresh();
  }

  documentChanged(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.page.refresh();
    }, REFRESH_DELAY_MS);
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }

  private async handle(request: PageRequest): Promise<void> {
    switch (request.kind) {
      case 'playbook.edit':
        return this.applyEdits(request.edits);
      case 'playbook.open':
        return request.target === 'text' ? this.openText(request.line) : this.openTemplateFile();
      default:
        throw new Error(`The playbook form does not handle "${request.kind}".`);
    }
  }

  /** Beside the form when there is a form (to watch both); in its place when the YAML cannot be shown as one. */
  private async openText(line: number | undefined): Promise<void> {
    const form = playbookFormState(this.document, this.readOnly).playbook !== undefined;
    const position = line === undefined ? undefined : new vscode.Position(Math.min(line, this.document.lineCount) - 1, 0);
    const options: vscode.TextDocumentShowOptions = {
      ...(form ? { viewColumn: vscode.ViewColumn.Beside } : {}),
      ...(position ? { selection: new vscode.Range(position, position) } : {}),
    };
    await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', options);
  }

  private async openTemplateFile(): Promise<void> {
    const playbook = playbookFormState(this.document, this.readOnly).playbook;
    const retrospective = isRecord(playbook) ? playbook['retrospective'] : undefined;
    const name = isRecord(retrospective) ? retrospective['templateFile'] : undefined;
    const uri = typeof name === 'string' ? templateFileUri(this.document.uri, name) : undefined;
    if (!uri) throw new OperationRefused('This playbook names no retrospective template file.');
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      throw new OperationRefused(`The template file ${String(name)} does not exist beside the playbook; create it, or write the template in the playbook.`);
    }
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
}
