import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Problem } from '../core/files/problem';
import { reviewRetrospectiveDraft } from '../core/review/reviewRepository';
import type { ReviewFinding, ReviewSeverity } from '../core/review/reviewTypes';
import { cachingContext, classifyPath, playbooksFiles, problemsForFile, problemsForText, type DocumentContext, type PlaybooksFileKind } from '../core/validation/documentProblems';
import { SlicedQueue } from './diagnosticsQueue';
import { problemRange } from './diagnosticsRange';
import { Disposable } from './disposable';
import type { FolderFileChange, PlaybookFolder, WorkspaceModel } from './workspaceModel';

/** Validation while typing waits for a pause this long. */
const TYPING_DELAY_MS = 200;
/** The sweep over every file starts a little after the first load, so activation itself stays instant. */
const SWEEP_DELAY_MS = 1000;

export const DIAGNOSTIC_SOURCE = 'playbooks';
/** The review's checks (`git-playbooks review`), shown for open retrospectives. */
const REVIEW_DIAGNOSTIC_SOURCE = 'playbooks review';

/** Schema and semantic problems of every playbooks file in the Problems panel. */
export function registerDiagnostics(model: WorkspaceModel): vscode.Disposable {
  return new PlaybooksDiagnostics(model);
}

export function toDiagnostic(problem: Problem, lineLength?: (line: number) => number | undefined): vscode.Diagnostic {
  const range = problemRange(problem, lineLength);
  const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter), problem.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}

interface Located {
  folder: PlaybookFolder;
  kind: PlaybooksFileKind;
}

/**
 * Open documents are checked from their text (debounced while typing); every other file from disk:
 * all of them in a background sweep after activation, then those of each settled burst the folder's
 * watcher reports (working during a burst, say a branch switch, would slow the delivery of the rest).
 * Both use the other files on disk as context (a retrospective is checked against its playbook's metrics).
 */
export class PlaybooksDiagnostics extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  private readonly queue = new SlicedQueue<string>({ handle: (file) => this.validateFromDisk(file), flush: () => this.flush() });
  private readonly batch = new Map<string, vscode.Diagnostic[]>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();
  /** One caching context per folder for a sweep; dropped whenever a playbook changes. */
  private readonly contexts = new Map<PlaybookFolder, DocumentContext>();
  /** What of each playbook other files depend on (existence and metrics), to re-check them only when it changes. */
  private readonly signatures = new Map<string, string>();
  private folders: readonly PlaybookFolder[] = [];
  private subscriptions: vscode.Disposable[] = [];
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(private readonly model: WorkspaceModel) {
    super();
    this.register({ dispose: () => this.stop() });
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.validateDocument(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => {
      // Saving or becoming dirty also fires, without content changes: nothing to re-check then.
      if (event.contentChanges.length > 0) this.scheduleDocument(event.document);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.documentClosed(document)));
    this.register(model.onDidChange(() => this.followFolders()));
    this.followFolders();
  }

  /** Resolves when the background work queued so far is done (tests). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  private stop(): void {
    this.queue.dispose();
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  /** The model rebuilds its folders when workspace folders or the folder setting change: start over. */
  private followFolders(): void {
    const current = this.model.folders;
    if (current.length === this.folders.length && current.every((folder, index) => folder === this.folders[index])) return;
    this.folders = [...current];
    this.queue.clear();
    this.contexts.clear();
    this.signatures.clear();
    this.collection.clear();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    for (const folder of this.folders) this.subscriptions.push(folder.onDidChangeFiles((changes) => this.filesChanged(folder, changes)));
    for (const document of vscode.workspace.textDocuments) this.validateDocument(document);
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    // The tree first: on a large repository the sweep waits for the index's first load, which it
    // would otherwise slow down threefold by sharing the extension host's one thread with it.
    const folders = this.folders;
    void Promise.all(folders.map((folder) => folder.ready)).then(() => {
      if (this.isDisposed || folders !== this.folders) return;
      this.sweepTimer = setTimeout(() => this.queue.pushAll(this.sweep(folders)), SWEEP_DELAY_MS);
    });
  }

  private *sweep(folders: readonly PlaybookFolder[]): Generator<string> {
    for (const folder of folders) {
      this.contexts.set(folder, cachingContext(folder.repo));
      yield* playbooksFiles(folder.repo);
    }
  }

  private filesChanged(folder: PlaybookFolder, changes: readonly FolderFileChange[]): void {
    if (this.isDisposed || !this.folders.includes(folder)) return;
    for (const change of changes) this.diskChanged(folder, change.path, change.deleted);
  }

  private locate(file: string): Located | undefined {
    for (const folder of this.folders) {
      const kind = classifyPath(folder.repo, file);
      if (kind) return { folder, kind };
    }
    return undefined;
  }

  private scheduleDocument(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !this.locate(document.uri.fsPath)) return;
    const key = document.uri.toString();
    const timer = this.typingTimers.get(key);
    if (timer) clearTimeout(timer);
    this.typingTimers.set(key, setTimeout(() => {
      this.typingTimers.delete(key);
      if (!document.isClosed) this.validateDocument(document);
    }, TYPING_DELAY_MS));
  }

  private validateDocument(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || this.isDisposed) return;
    const located = this.locate(document.uri.fsPath);
    if (!located) return;
    const text = document.getText();
    const problems = problemsForText(located.folder.repo, document.uri.fsPath, text) ?? [];
    const lineLength = (line: number): number | undefined => (line < document.lineCount ? document.lineAt(line).text.length : undefined);
    const diagnostics = problems.map((problem) => toDiagnostic(problem, lineLength));
    // A retrospective being written also gets the review's checks (what CI's `review` will say).
    if (located.kind.kind === 'retrospective') diagnostics.push(...reviewDiagnostics(located.folder, located.kind.runId, text, lineLength));
    this.collection.set(document.uri, diagnostics);
  }

  /** Closed without saving: back to what is on disk (or nothing, when the file is gone). */
  private documentClosed(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    const timer = this.typingTimers.get(key);
    if (timer) clearTimeout(timer);
    this.typingTimers.delete(key);
    if (this.locate(document.uri.fsPath)) this.queue.push(document.uri.fsPath);
  }

  private isOpen(file: string): boolean {
    return vscode.workspace.textDocuments.some((document) => document.uri.scheme === 'file' && document.uri.fsPath === file);
  }

  private validateFromDisk(file: string): void {
    if (this.isOpen(file)) return;
    const located = this.locate(file);
    if (!located) {
      this.batch.set(file, []);
      return;
    }
    const { folder, kind } = located;
    if (kind.kind === 'playbook' && !this.signatures.has(file)) this.signatures.set(file, signatureOf(folder, kind.slug));
    let context = this.contexts.get(folder);
    if (!context) this.contexts.set(folder, (context = cachingContext(folder.repo)));
    const problems = problemsForFile(folder.repo, file, context) ?? [];
    this.batch.set(file, problems.map((problem) => toDiagnostic(problem)));
  }

  /** Publishes a slice's results at once; clean files that had no diagnostics cost nothing. */
  private flush(): void {
    for (const [file, diagnostics] of this.batch) {
      const uri = vscode.Uri.file(file);
      if (diagnostics.length > 0) this.collection.set(uri, diagnostics);
      else if (this.collection.has(uri)) this.collection.delete(uri);
    }
    this.batch.clear();
  }

  private diskChanged(folder: PlaybookFolder, file: string, deleted: boolean): void {
    const repo = folder.repo;
    const kind = classifyPath(repo, file);
    if (!kind) {
      if (deleted) this.forgetUnder(file);
      else if (isDirectory(file)) this.pushFilesUnder(folder, file);
      // A sibling file (a retrospective template) may be named by a playbook's templateFile.
      else if (path.dirname(file) === repo.layout.playbooksDir) for (const slug of repo.listPlaybookSlugs()) this.queue.push(repo.layout.playbookFile(slug));
      return;
    }
    if (!(deleted && this.isOpen(file))) this.queue.push(file);
    if (kind.kind === 'run') this.queue.push(repo.layout.retrospectiveFile(kind.runId));
    if (kind.kind === 'playbook') this.playbookChanged(folder, kind.slug, file);
  }

  /** Runs and retrospectives depend on their playbook: re-check them when what they use of it changed. */
  private playbookChanged(folder: PlaybookFolder, slug: string, file: string): void {
    this.contexts.delete(folder);
    const before = this.signatures.get(file);
    const after = signatureOf(folder, slug);
    this.signatures.set(file, after);
    if (before === after) return;
    const existenceChanged = before === undefined || (before === MISSING) !== (after === MISSING);
    const layout = folder.repo.layout;
    for (const run of folder.snapshot.runs) {
      if (run.playbook !== slug) continue;
      if (existenceChanged) this.queue.push(layout.runFile(run.id));
      this.queue.push(layout.retrospectiveFile(run.id));
    }
    for (const document of vscode.workspace.textDocuments) this.validateDocument(document);
  }

  /** A folder appeared at once (a run folder is created whole, by a rename): check what it holds. */
  private pushFilesUnder(folder: PlaybookFolder, dir: string): void {
    const layout = folder.repo.layout;
    const resolved = path.resolve(dir);
    const run = layout.runOfPath(resolved);
    if (run !== undefined && run.rest.length === 0) {
      // Single items, so the events of the files themselves do not check them twice.
      for (const file of [layout.runFile(run.runId), layout.timelineFile(run.runId), layout.retrospectiveFile(run.runId)]) this.queue.push(file);
    } else if (resolved !== layout.runsDir && layout.isRunsFolder(resolved)) {
      // A year or month folder appeared (the first run of a month, a branch switch): its runs only.
      for (const runId of folder.repo.listRunIds()) {
        if (!layout.runDir(runId).startsWith(resolved + path.sep)) continue;
        for (const file of [layout.runFile(runId), layout.timelineFile(runId), layout.retrospectiveFile(runId)]) this.queue.push(file);
      }
    } else if (resolved === layout.runsDir || resolved === layout.playbooksDir) {
      this.queue.pushAll(playbooksFiles(folder.repo));
    }
  }

  /** A folder was deleted (a run, or the whole playbooks folder): drop what was under it. */
  private forgetUnder(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const gone: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (uri.fsPath.startsWith(prefix) && !this.isOpen(uri.fsPath)) gone.push(uri);
    });
    for (const uri of gone) this.collection.delete(uri);
  }
}

const MISSING = 'missing';

function signatureOf(folder: PlaybookFolder, slug: string): string {
  if (!folder.repo.playbookExists(slug)) return MISSING;
  return JSON.stringify(folder.repo.readPlaybook(slug).data?.metrics ?? null);
}

const REVIEW_SEVERITY: Record<ReviewSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  notice: vscode.DiagnosticSeverity.Information,
};

function reviewDiagnostics(folder: PlaybookFolder, runId: string, text: string, lineLength: (line: number) => number | undefined): vscode.Diagnostic[] {
  let findings: ReviewFinding[];
  try {
    findings = reviewRetrospectiveDraft(folder.repo, runId, text);
  } catch {
    return []; // validation's own diagnostics still show; review says more when it runs
  }
  return findings.map((finding) => {
    const line = finding.line - 1;
    const endLine = (finding.endLine ?? finding.line) - 1;
    const endCharacter = finding.endColumn !== undefined ? finding.endColumn - 1 : (lineLength(endLine) ?? finding.column);
    const range = new vscode.Range(line, finding.column - 1, endLine, Math.max(endCharacter, endLine === line ? finding.column - 1 : 0));
    const message = finding.suggestion === undefined ? finding.message : `${finding.message} Suggestion: ${finding.suggestion}`;
    const diagnostic = new vscode.Diagnostic(range, message, REVIEW_SEVERITY[finding.severity]);
    diagnostic.source = REVIEW_DIAGNOSTIC_SOURCE;
    diagnostic.code = finding.ruleId;
    return diagnostic;
  });
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
