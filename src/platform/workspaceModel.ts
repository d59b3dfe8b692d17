import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readFirstLevelAsync } from '../core/index/firstLevel';
import type { FirstLevel, IndexSnapshot } from '../core/index/indexTypes';
import { loadPersistedIndexAsync, savePersistedIndex } from '../core/index/persistedIndex';
import { RepositoryIndex } from '../core/index/repositoryIndex';
import type { PlaybookReportOptions } from '../core/reports/playbookReport';
import { ReportRunCache } from '../core/reports/reportRuns';
import { OperationRefused } from '../core/model/errors';
import { Layout } from '../core/repository/layout';
import { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { Disposable } from './disposable';
import { readSettings } from './settings';

/** Coalesces bursts of file events (a branch switch touches hundreds of files) into one refresh. */
const REFRESH_DELAY_MS = 250;

/** Up to this many runs and playbooks (tens of milliseconds to read) the first load is synchronous. */
const SYNC_LOAD_MAX_FILES = 500;

/** The persisted index is written this long after the last change (it is only a cache). */
const PERSIST_DELAY_MS = 5_000;

/** A path the watcher reported in a settled burst; the last event for it decides `deleted`. */
export interface FolderFileChange {
  readonly path: string;
  readonly deleted: boolean;
}

/**
 * The playbooks of one workspace folder: its repository, an index of it, and the folder's one file
 * watcher (the diagnostics follow its settled bursts instead of watching the same files again).
 */
export class PlaybookFolder extends Disposable {
  readonly repo: PlaybooksRepository;
  private readonly index: RepositoryIndex;
  private current: IndexSnapshot = { playbooks: [], runs: [] };
  private preview: FirstLevel | undefined;
  private readonly reportCache = new ReportRunCache();
  private loaded = false;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires once per settled burst of file changes, after the snapshot is up to date. */
  readonly onDidChange = this.changed.event;
  private readonly filesChanged = this.register(new vscode.EventEmitter<readonly FolderFileChange[]>());
  /** Fires after onDidChange with the paths the watcher reported in that burst. */
  readonly onDidChangeFiles = this.filesChanged.event;
  private timer: NodeJS.Timeout | undefined;
  /** Paths the watcher reported since the last refresh (deleted or not): a refresh looks at these alone. */
  private readonly pendingChanges = new Map<string, boolean>();
  private persistTimer: NodeJS.Timeout | undefined;
  /** Where this folder's index is persisted for the next window (undefined without workspace storage). */
  readonly indexFile: string | undefined;
  /** How many refreshes ran: tests check that a burst of changes causes exactly one. */
  refreshCount = 0;
  /** Settles when the first load is done (activation does not wait for it). */
  readonly ready: Promise<void>;

  /** storageDir: where the persisted index lives (the extension's workspace storage), if anywhere. */
  constructor(readonly workspaceFolder: vscode.WorkspaceFolder, storageDir?: string) {
    super();
    const settings = readSettings(workspaceFolder.uri);
    const layout = new Layout(workspaceFolder.uri.fsPath, settings.folder);
    this.repo = new PlaybooksRepository(layout);
    this.indexFile = storageDir === undefined ? undefined : path.join(storageDir, indexFileName(layout));
    this.index = new RepositoryIndex(this.repo);
    const pattern = new vscode.RelativePattern(workspaceFolder, `${layout.folder}/**`);
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(pattern));
    this.register(watcher.onDidCreate((uri) => this.noteFileEvent(uri, false)));
    this.register(watcher.onDidChange((uri) => this.noteFileEvent(uri, false)));
    this.register(watcher.onDidDelete((uri) => this.noteFileEvent(uri, true)));
    if (this.repo.listRunIds().length + this.repo.listPlaybookSlugs().length <= SYNC_LOAD_MAX_FILES) {
      // A small repository (milliseconds): at once, so the first snapshot is whole.
      this.refreshNow();
      this.ready = Promise.resolve();
    } else {
      // A large one (seconds when cold) loads after activation, never blocking it.
      this.ready = this.loadInBackground();
    }
  }

  /**
   * Warm (the last session's index persisted): shown at once, then every stamp is checked. Cold: the
   * playbooks and run counts first, read fast, then the runs.
   */
  private async loadInBackground(): Promise<void> {
    const persisted = this.indexFile === undefined ? undefined : await loadPersistedIndexAsync(this.indexFile, this.repo.layout);
    if (this.isDisposed) return;
    if (persisted) {
      this.index.restore(persisted);
      this.applySnapshot(this.index.snapshot);
    } else {
      const preview = await readFirstLevelAsync(this.repo);
      if (this.isDisposed) return;
      if (!this.loaded) {
        this.preview = preview;
        this.changed.fire();
      }
    }
    await this.index.refreshAsync();
    if (this.isDisposed) return;
    this.refreshCount += 1;
    // The index is the one state: refreshes of changed paths that ran meanwhile are in it too.
    this.applySnapshot(this.index.snapshot);
  }

  get snapshot(): IndexSnapshot {
    return this.current;
  }

  /** While a large repository is first loading: the playbooks and run counts, read fast. */
  get firstLevel(): FirstLevel | undefined {
    return this.loaded ? undefined : this.preview;
  }

  /** False until the first load gave a whole snapshot. */
  get isLoaded(): boolean {
    return this.loaded;
  }

  get exists(): boolean {
    return this.repo.exists();
  }

  /**
   * Where a report of one playbook reads from: the index narrows 20,000 runs to the playbook's own
   * (and the unreadable ones, which may be its), and the cache keeps what was read between reports.
   */
  reportSources(playbook: string): Pick<PlaybookReportOptions, 'runIds' | 'cache'> {
    if (!this.loaded) return { cache: this.reportCache };
    const runIds = this.current.runs.filter((run) => run.playbook === playbook || !run.readable).map((run) => run.id);
    return { runIds, cache: this.reportCache };
  }

  /**
   * Refreshes at once (after an operation of ours) and tells listeners. With `paths`, only those
   * are looked at (the run folder an operation wrote); without, every file's stamp is checked.
   */
  refreshNow(paths?: readonly string[]): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Paths the watcher reported meanwhile are looked at too.
    const pending = [...this.pendingChanges].map(([file, deleted]): FolderFileChange => ({ path: file, deleted }));
    this.pendingChanges.clear();
    const snapshot = this.index.refresh(paths === undefined ? undefined : [...paths, ...pending.map((change) => change.path)]);
    // During the first background load, a refresh of a few paths keeps the index right but is not a
    // whole snapshot: the tree keeps its preview until the load is done.
    if (this.loaded || paths === undefined) {
      this.refreshCount += 1;
      this.applySnapshot(snapshot);
    }
    // After the snapshot, so listeners (the diagnostics) see the runs as they now are.
    if (pending.length > 0) this.filesChanged.fire(pending);
  }

  private noteFileEvent(uri: vscode.Uri, deleted: boolean): void {
    // Watchers also report other schemes' documents under the folder (git's `x.yaml.git` originals of
    // quick diff): they are not files, and would cost a refresh and re-checks of every playbook.
    if (this.isDisposed || uri.scheme !== 'file') return;
    this.pendingChanges.set(uri.fsPath, deleted);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshFromWatcher(), REFRESH_DELAY_MS);
  }

  private refreshFromWatcher(): void {
    this.timer = undefined;
    this.refreshNow([]);
  }

  private applySnapshot(snapshot: IndexSnapshot): void {
    const changed = snapshot !== this.current || !this.loaded;
    this.current = snapshot;
    this.loaded = true;
    this.preview = undefined;
    if (changed) this.schedulePersist();
    this.changed.fire();
  }

  private schedulePersist(): void {
    if (this.indexFile === undefined || this.persistTimer) return;
    this.persistTimer = setTimeout(() => this.persist(), PERSIST_DELAY_MS);
  }

  /** Writes the index for the next session; a failure only costs that session a cold load. */
  private persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const entries = this.index.takeChangesToPersist();
    if (this.indexFile === undefined || entries === undefined) return;
    try {
      savePersistedIndex(this.indexFile, this.repo.layout, entries);
    } catch {
      // Storage full or read-only: the index is a cache, the files are the truth.
    }
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.persistTimer) this.persist();
    super.dispose();
  }
}

/** One index file per playbooks folder, named after where it is. */
function indexFileName(layout: Layout): string {
  return `index-${createHash('sha256').update(`${layout.root}\0${layout.folder}`).digest('hex').slice(0, 16)}.json`;
}

/** Every workspace folder's playbooks, following folders being added, removed or re-configured. */
export class WorkspaceModel extends Disposable {
  private folderModels: PlaybookFolder[] = [];
  private hasFolder: boolean | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  /** storageDir: the extension's workspace storage, where each folder's index is persisted. */
  constructor(private readonly storageDir?: string) {
    super();
    this.rebuild();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('playbooks.folder')) this.rebuild();
    }));
  }

  get folders(): readonly PlaybookFolder[] {
    return this.folderModels;
  }

  /** The folder holding a file, if any. */
  folderOf(uri: vscode.Uri): PlaybookFolder | undefined {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
    return this.folderModels.find((folder) => folder.workspaceFolder.uri.toString() === workspaceFolder?.uri.toString());
  }

  refreshAll(): void {
    for (const folder of this.folderModels) folder.refreshNow();
  }

  private rebuild(): void {
    for (const folder of this.folderModels) folder.dispose();
    this.folderModels = (vscode.workspace.workspaceFolders ?? []).flatMap((workspaceFolder) => {
      try {
        const folder = new PlaybookFolder(workspaceFolder, this.storageDir);
        folder.onDidChange(() => this.onFolderChanged());
        return [folder];
      } catch (error) {
        // A bad playbooks.folder (".git/hooks", "..") leaves this folder out instead of failing activation.
        if (!(error instanceof OperationRefused)) throw error;
        void vscode.window.showErrorMessage(`Playbooks: the playbooks.folder setting of ${workspaceFolder.name}: ${error.message}`);
        return [];
      }
    });
    this.onFolderChanged();
  }

  private onFolderChanged(): void {
    // Every refresh passes here: the context key is sent only when it changes.
    const hasFolder = this.folderModels.some((folder) => folder.exists);
    if (hasFolder !== this.hasFolder) void vscode.commands.executeCommand('setContext', 'playbooks:hasFolder', hasFolder);
    this.hasFolder = hasFolder;
    this.changed.fire();
  }

  override dispose(): void {
    for (const folder of this.folderModels) folder.dispose();
    super.dispose();
  }
}

