/**
 * The page's side of src/shared/protocol.ts: one acquireVsCodeApi() call, a `ready` handshake,
 * requests that resolve with the host's response, and drafts kept across hides with get/setState.
 */
import type { HostMessage, PageRequest, PageState } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
let nextId = 1;
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
const stateListeners = new Set<(state: PageState) => void>();

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'state') {
    for (const listener of stateListeners) listener(message.state);
  } else if (message.type === 'response') {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) pending?.resolve();
    else pending?.reject(new Error(message.error));
  }
});

/** Calls `listener` with every state the host sends, then tells the host the page is ready. */
export function onState(listener: (state: PageState) => void): void {
  stateListeners.add(listener);
  api.postMessage({ type: 'ready' });
}

/** Sends a request; resolves when the host has applied it, rejects with the host's message. */
export function request(body: PageRequest): Promise<void> {
  const id = nextId++;
  return new Promise<void>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    api.postMessage({ type: 'request', id, request: body });
  });
}

/** The sentence of a failed request (the host's), or of any error. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error text of a failed request, or undefined when it succeeded. */
export async function attempt(action: Promise<void>): Promise<string | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}

/** Drafts (text typed but not yet sent) survive the panel being hidden and shown again. */
export function loadDraft<T extends object>(fallback: T): T {
  const saved = api.getState();
  return saved && typeof saved === 'object' ? { ...fallback, ...(saved as Partial<T>) } : fallback;
}

export function saveDraft(draft: object): void {
  api.setState(draft);
}
