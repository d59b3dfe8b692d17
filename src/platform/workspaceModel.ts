import * as vscode from 'vscode';
import { RepositoryIndex, type IndexSnapshot } from '../core/index/repositoryIndex';
import { Layout } from '../core/repository/layout';
import { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { Disposable } from './disposable';
import { readSettings } from './settings';

/** Coalesces bursts of file events (a branch switch touches hundreds of files) into one refresh. */
const REFRESH_DELAY_MS = 250;

/** Up to this many runs (tens of milliseconds to read) the first load is synchronous. */
const SYNC_LOAD_MAX_RUNS = 500;

/** The playbooks of one workspace folder: its repository, an index of it, and a watcher. */
export class PlaybookFolder extends Disposable {
  readonly repo: PlaybooksRepository;
  private readonly index: RepositoryIndex;
  private current: IndexSnapshot = { playbooks: [], runs: [] };
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires once per settled burst of file changes, after the snapshot is up to date. */
  readonly onDidChange = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  /** How many refreshes ran: tests check that a burst of changes causes exactly one. */
  refreshCount = 0;
  /** Bumped by every refresh, so a background load that a newer refresh overtook is dropped. */
  private generation = 0;
  /** Settles when the first load is done (activation does not wait for it). */
  readonly ready: Promise<void>;

  constructor(readonly workspaceFolder: vscode.WorkspaceFolder) {
    super();
    const settings = readSettings(workspaceFolder.uri);
    this.repo = new PlaybooksRepository(new Layout(workspaceFolder.uri.fsPath, settings.folder));
    this.index = new RepositoryIndex(this.repo);
    const pattern = new vscode.RelativePattern(workspaceFolder, `${this.repo.layout.folder}/**`);
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(pattern));
    for (const event of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete]) this.register(event(() => this.scheduleRefresh()));
    // Loading 20,000 runs takes seconds: a large repository loads in the background so that
    // activation never blocks; a small one (milliseconds) at once, so the first snapshot is whole.
    if (this.repo.listRunIds().length <= SYNC_LOAD_MAX_RUNS) {
      this.refreshNow();
      this.ready = Promise.resolve();
    } else {
      this.ready = this.loadInBackground();
    }
  }

  private async loadInBackground(): Promise<void> {
    const generation = this.generation;
    const snapshot = await this.index.refreshAsync();
    if (this.isDisposed || generation !== this.generation) return;
    this.generation += 1;
    this.refreshCount += 1;
    this.current = snapshot;
    this.changed.fire();
  }

  get snapshot(): IndexSnapshot {
    return this.current;
  }

  get exists(): boolean {
    return this.repo.exists();
  }

  /** Refreshes at once (after an operation of ours) and tells listeners. */
  refreshNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.refreshCount += 1;
    this.generation += 1;
    this.current = this.index.refresh();
    this.changed.fire();
  }

  scheduleRefresh(): void {
    if (this.isDisposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshNow(), REFRESH_DELAY_MS);
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }
}

/** Every workspace folder's playbooks, following folders being added, removed or re-configured. */
export class WorkspaceModel extends Disposable {
  private folderModels: PlaybookFolder[] = [];
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor() {
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
    this.folderModels = (vscode.workspace.workspaceFolders ?? []).map((workspaceFolder) => {
      const folder = new PlaybookFolder(workspaceFolder);
      folder.onDidChange(() => this.onFolderChanged());
      return folder;
    });
    this.onFolderChanged();
  }

  private onFolderChanged(): void {
    void vscode.commands.executeCommand('setContext', 'playbooks:hasFolder', this.folderModels.some((folder) => folder.exists));
    this.changed.fire();
  }

  override dispose(): void {
    for (const folder of this.folderModels) folder.dispose();
    super.dispose();
  }
}
