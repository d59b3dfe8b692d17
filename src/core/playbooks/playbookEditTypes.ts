/**
 * The structural edits of a playbook document: the playbook form sends them (src/shared/protocol.ts)
 * and `applyPlaybookEdits` applies them. Types only, so the webview bundle may import this file.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type DocPath = Array<string | number>;

/** Structural edits of the playbook form, applied to the document (undo and comments survive). */
export type PlaybookEdit =
  | { op: 'set'; path: DocPath; value: JsonValue }
  | { op: 'delete'; path: DocPath }
  | { op: 'insert'; path: DocPath; index: number; value: JsonValue }
  | { op: 'move'; path: DocPath; from: number; to: number };
