// One cold activation, in its own process (fresh module cache): installs a stub `vscode` module, then
// times require(dist/extension.js) and activate(). Prints one JSON line. Run by bench/activation.ts.
// Usage: node bench/activationChild.mjs <extension.js> <workspace root> <storage dir>
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const [extensionFile, workspaceRoot, storageDir] = process.argv.slice(2);
if (!extensionFile || !workspaceRoot || !storageDir) throw new Error('usage: activationChild.mjs <extension.js> <root> <storage>');

/** Uses of the stub, by API path: the report lists what the extension reached for beyond the explicit stubs. */
const touched = new Set();
const noop = () => undefined;
const disposable = () => ({ dispose: noop });

/**
 * Catch-all for APIs not stubbed explicitly: callable, constructible, any property is another catch-all,
 * and a call returns a catch-all (which serves as a disposable, an event function, a tree view...).
 * No `then` (awaiting it would hang) and sane primitive/iterator conversions.
 */
function anything(name) {
  const own = new Map();
  const target = function stub() {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : `[stub ${name}]`);
      if (prop === Symbol.iterator) return function* empty() {};
      if (prop === 'dispose') return noop;
      if (typeof prop === 'symbol') return undefined;
      if (own.has(prop)) return own.get(prop);
      const child = anything(`${name}.${prop}`);
      own.set(prop, child);
      return child;
    },
    set(_t, prop, value) {
      own.set(prop, value);
      return true;
    },
    has: () => true,
    apply() {
      touched.add(`${name}()`);
      return anything(`${name}()`);
    },
    construct() {
      touched.add(`new ${name}`);
      return anything(`new ${name}`);
    },
  });
}

/** Wraps explicit stubs: anything missing falls through to a catch-all (never `then`). */
function withFallback(name, explicit) {
  const fallback = anything(name);
  return new Proxy(explicit, {
    get(t, prop) {
      if (prop in t) return t[prop];
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      touched.add(`${name}.${String(prop)}`);
      return fallback[prop];
    },
  });
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath.split(path.sep).join('/');
    this.authority = '';
    this.query = '';
    this.fragment = '';
  }
  static file(p) { return new Uri('file', path.resolve(p)); }
  static joinPath(base, ...parts) { return new Uri(base.scheme, path.join(base.fsPath, ...parts)); }
  static parse(text) { return text.startsWith('file://') ? new Uri('file', new URL(text).pathname) : new Uri('unknown', text); }
  with(change) { return new Uri(change.scheme ?? this.scheme, change.path ?? this.fsPath); }
  toString() { return this.scheme === 'file' ? pathToFileURL(this.fsPath).href : `${this.scheme}:${this.path}`; }
  toJSON() { return { scheme: this.scheme, path: this.path }; }
}

class EventEmitter {
  listeners = new Set();
  event = (listener, thisArg) => {
    const bound = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.add(bound);
    return { dispose: () => this.listeners.delete(bound) };
  };
  fire(value) { for (const listener of [...this.listeners]) listener(value); }
  dispose() { this.listeners.clear(); }
}

class Disposable {
  constructor(callOnDispose) { this.callOnDispose = callOnDispose; }
  static from(...items) { return new Disposable(() => { for (const item of items) item?.dispose?.(); }); }
  dispose() { this.callOnDispose?.(); }
}

class RelativePattern {
  constructor(base, pattern) { this.baseUri = typeof base === 'string' ? Uri.file(base) : (base.uri ?? base); this.base = this.baseUri.fsPath; this.pattern = pattern; }
}

class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c, d) : b;
  }
}
class TreeItem { constructor(label, collapsibleState) { this.label = label; this.collapsibleState = collapsibleState; } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class ThemeColor { constructor(id) { this.id = id; } }
class MarkdownString {
  constructor(value = '') { this.value = value; }
  appendMarkdown(text) { this.value += text; return this; }
  appendText(text) { this.value += text; return this; }
}
class Diagnostic { constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; } }

const memento = () => {
  const values = new Map();
  return { get: (key, fallback) => (values.has(key) ? values.get(key) : fallback), update: async (key, value) => { values.set(key, value); }, keys: () => [...values.keys()], setKeysForSync: noop };
};
const watcher = () => ({ onDidCreate: disposable, onDidChange: disposable, onDidDelete: disposable, dispose: noop });
const rootUri = Uri.file(workspaceRoot);
const workspaceFolder = { uri: rootUri, name: path.basename(workspaceRoot), index: 0 };
const event = () => disposable;

const vscode = withFallback('vscode', {
  __esModule: true,
  Uri,
  EventEmitter,
  Disposable,
  RelativePattern,
  Position,
  Range,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  Diagnostic,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  FilePermission: { Readonly: 1 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  workspace: withFallback('vscode.workspace', {
    workspaceFolders: [workspaceFolder],
    isTrusted: true,
    textDocuments: [],
    getConfiguration: () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined }),
    getWorkspaceFolder: (uri) => (uri.fsPath.startsWith(workspaceRoot) ? workspaceFolder : undefined),
    createFileSystemWatcher: watcher,
    onDidChangeWorkspaceFolders: event(),
    onDidChangeConfiguration: event(),
    onDidGrantWorkspaceTrust: event(),
    onDidChangeTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidOpenTextDocument: event(),
    onDidCloseTextDocument: event(),
  }),
  window: withFallback('vscode.window', {
    visibleTextEditors: [],
    activeTextEditor: undefined,
    createTreeView: () => ({ onDidChangeVisibility: disposable, onDidChangeSelection: disposable, onDidExpandElement: disposable, onDidCollapseElement: disposable, reveal: async () => undefined, dispose: noop, visible: true }),
    createStatusBarItem: () => ({ show: noop, hide: noop, dispose: noop }),
    createOutputChannel: () => ({ appendLine: noop, append: noop, show: noop, clear: noop, dispose: noop }),
    registerCustomEditorProvider: disposable,
    registerWebviewPanelSerializer: disposable,
  }),
  commands: withFallback('vscode.commands', {
    registerCommand: disposable,
    executeCommand: async () => undefined,
  }),
  languages: withFallback('vscode.languages', {
    createDiagnosticCollection: () => {
      const entries = new Map();
      return { set: (uri, items) => entries.set(String(uri), items), delete: (uri) => entries.delete(String(uri)), has: (uri) => entries.has(String(uri)), clear: () => entries.clear(), dispose: () => entries.clear() };
    },
  }),
});

// Every require('vscode') gets the stub (the bundle keeps vscode external).
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  return request === 'vscode' ? 'vscode' : originalResolve.call(this, request, ...rest);
};
const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};

const storage = (name) => {
  const dir = path.join(storageDir, name);
  fs.mkdirSync(dir, { recursive: true });
  return Uri.file(dir);
};
const extensionPath = path.dirname(path.dirname(path.resolve(extensionFile)));
const context = withFallback('context', {
  subscriptions: [],
  extensionUri: Uri.file(extensionPath),
  extensionPath,
  storageUri: storage('workspace'),
  globalStorageUri: storage('global'),
  logUri: storage('log'),
  storagePath: path.join(storageDir, 'workspace'),
  globalStoragePath: path.join(storageDir, 'global'),
  globalState: memento(),
  workspaceState: memento(),
  extensionMode: 1,
  asAbsolutePath: (relative) => path.join(extensionPath, relative),
});

const start = performance.now();
const extension = require(path.resolve(extensionFile));
const loaded = performance.now();
const api = await extension.activate(context);
const activated = performance.now();

// Activation does not wait for the index; time it separately when the API exposes it.
let readyMs = null;
let runs = null;
const folder = api?.model?.folders?.[0];
if (folder?.ready) {
  await folder.ready;
  readyMs = performance.now() - start;
  runs = folder.snapshot?.runs?.length ?? null;
}
process.stdout.write(`${JSON.stringify({ loadMs: loaded - start, activateMs: activated - loaded, readyMs, runs, touched: [...touched].sort() })}\n`);
// Reminder and diagnostics timers would keep the process alive: the measurement is done.
process.exit(0);
