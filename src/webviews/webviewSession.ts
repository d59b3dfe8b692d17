import type * as vscode from 'vscode';
import { parsePageMessage, type HostMessage, type PageRequest, type PageState } from '../shared/protocol';
import { Disposable } from '../platform/disposable';

/** Answers one request from a page; a thrown error becomes the response's error text. */
export type RequestHandler = (request: PageRequest) => Promise<void> | void;

/**
 * One page's conversation with the host: waits for the page's `ready` before posting state,
 * validates every incoming message (anything malformed is dropped), and answers requests by id.
 */
export class WebviewSession extends Disposable {
  private ready = false;
  private pending: PageState | undefined;
  /** Set by refresh(): a request whose change already refreshed the page needs no second state. */
  private refreshed = false;
  /** Messages dropped because they failed validation; tests fuzz the handlers and read it. */
  rejectedMessages = 0;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly handle: RequestHandler,
    private readonly stateProvider: () => PageState,
  ) {
    super();
    this.register(webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)));
  }

  /** Sends fresh state now if the page is ready, or as soon as it is. */
  refresh(): void {
    this.refreshed = true;
    const state = this.stateProvider();
    if (this.ready) void this.post({ type: 'state', state });
    else this.pending = state;
  }

  /** Test seam: a raw message exactly as if the page had posted it; resolves once it is handled. */
  receiveForTest(raw: unknown): Promise<void> {
    return this.receive(raw);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.rejectedMessages += 1;
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.pending = undefined;
      await this.post({ type: 'state', state: this.stateProvider() });
      return;
    }
    this.refreshed = false;
    try {
      await this.handle(message.request);
      await this.post({ type: 'response', id: message.id, ok: true });
    } catch (error) {
      await this.post({ type: 'response', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
    // The page always ends a request with the host's state (a refused edit is undone by it), but a
    // change that refreshed the page already (the folder's model fired) is not built and sent twice.
    if (!this.refreshed) this.refresh();
  }

  private async post(message: HostMessage): Promise<void> {
    if (!this.isDisposed) await this.webview.postMessage(message);
  }
}
