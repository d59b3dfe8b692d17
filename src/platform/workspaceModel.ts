import * as vscode from 'vscode';
import { RepositoryIndex, type IndexSnapshot } from '../core/index/repositoryIndex';
import { Layout } from '../core/repository/layout';
import { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { Disposable } from './disposable';
import { readSettings } from './settings';

/** Coalesces bursts of file events (a branch switch touches hundreds of files) into one refresh. */
const REFRESH_DELAY_MS = 250;

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

  constructor(readonly workspaceFolder: vscode.WorkspaceFolder) {
    super();
    const settings = readSettings(workspaceFolder.uri);
    this.repo = new PlaybooksRepository(new Layout(workspaceFolder.uri.fsPath, settings.folder));
    this.index = new RepositoryIndex(this.repo);
    const pattern = new vscode.RelativePattern(workspaceFolder, `${this.repo.layout.folder}/**`);
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(pattern));
    for (const event of [watcher.onDidCreate, watcher.onDidChange, watcher.onDidDelete]) this.register(event(() => this.scheduleRefresh()));
    this.refreshNow();
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
