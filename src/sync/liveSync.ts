import * as vscode from 'vscode';
import { syncStatusBar } from '../core/sync/liveSyncWording';
import { GitRunner } from '../git/gitRunner';
import { isExpectedError } from '../git/gitErrors';
import { operationContextFor } from '../platform/actions';
import { Disposable } from '../platform/disposable';
import { currentIdentities } from '../platform/folderGit';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder, WorkspaceModel } from '../platform/workspaceModel';
import { COMMANDS } from '../shared/commandIds';
import { FolderLiveSync, type FolderSyncHost } from './folderSync';
import { syncFolder, type SyncFunction, type SyncOutcome } from './syncAdapter';
import { showNotices, windowSyncNotifier, type SyncNotifier } from './syncUi';

/** The status bar's "4 s ago" moves on by itself. */
const TICK_MS = 1_000;

export interface LiveSyncOptions {
  model: WorkspaceModel;
  openRunEditor(folder: PlaybookFolder, runId: string): void;
  runMoved(folder: PlaybookFolder, from: string, to: string): void;
  sync?: SyncFunction;
  now?: () => number;
}

export function registerLiveSync(services: ExtensionServices): LiveSyncController {
  return new LiveSyncController({
    model: services.model,
    openRunEditor: (folder, runId) => services.openRunEditor(folder, runId),
    runMoved: (folder, from, to) => services.runMoved(folder, from, to),
  });
}

/** Whether the folder's branch has an upstream (rev-parse @{upstream}); only ever called trusted. */
async function branchHasUpstream(folder: PlaybookFolder): Promise<boolean> {
  if (!vscode.workspace.isTrusted) return false;
  const upstream = await new GitRunner(folder.workspaceFolder.uri.fsPath).runAllowing(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], [128]);
  return (upstream ?? '').trim() !== '';
}

/**
 * Live sync in the window: one FolderLiveSync per workspace folder (rebuilt with the model's
 * folders), one status bar item for all of them, the Sync Now command, and the notifications about
 * what others did. Settings and trust are read again whenever they change.
 */
export class LiveSyncController extends Disposable {
  private readonly statusBar = this.register(vscode.window.createStatusBarItem('playbooks.sync', vscode.StatusBarAlignment.Left, 1));
  private readonly folders = new Map<PlaybookFolder, FolderLiveSync>();
  private readonly model: WorkspaceModel;
  private readonly now: () => number;
  private output: vscode.OutputChannel | undefined;
  /** Who shows notifications; tests replace it (the host's notifications cannot be read back). */
  notifier: SyncNotifier = windowSyncNotifier;

  constructor(private readonly options: LiveSyncOptions) {
    super();
    this.model = options.model;
    this.now = options.now ?? Date.now;
    this.statusBar.name = 'Playbooks Sync';
    this.statusBar.command = COMMANDS.syncNow;
    this.register(vscode.commands.registerCommand(COMMANDS.syncNow, () => this.syncNowCommand()));
    this.register(this.model.onDidChange(() => this.followFolders()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('playbooks.sync')) void this.evaluateAll();
    }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.evaluateAll()));
    const tick = setInterval(() => this.showStatus(), TICK_MS);
    this.register({ dispose: () => clearInterval(tick) });
    this.register({
      dispose: () => {
        for (const sync of this.folders.values()) sync.dispose();
        this.folders.clear();
        this.output?.dispose();
      },
    });
    this.followFolders();
  }

  /** The folder's live sync (tests, and the journey's wait). */
  of(folder: PlaybookFolder): FolderLiveSync | undefined {
    return this.folders.get(folder);
  }

  /** The status bar item as shown, for tests. */
  get statusBarState(): { visible: boolean; text: string; tooltip: string } {
    const content = syncStatusBar([...this.folders.values()].map((sync) => sync.view), this.now());
    return { visible: content !== undefined, text: content?.text ?? '', tooltip: content?.tooltip ?? '' };
  }

  /** Works the mode of every folder out again (a remote was added, a setting or trust changed). */
  async evaluateAll(): Promise<void> {
    await Promise.all([...this.folders.values()].map((sync) => sync.evaluate()));
  }

  /** Settles when no folder is syncing. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.folders.values()].map((sync) => sync.whenIdle()));
  }

  /**
   * Sync Now: every folder where sync is on, at once. Refusals are shown (one line each); when
   * sync is on nowhere, says why. Returns the outcomes (tests).
   */
  async syncNow(): Promise<SyncOutcome[]> {
    const syncs = [...this.folders.values()];
    await Promise.all(syncs.map((sync) => sync.evaluate()));
    const on = syncs.filter((sync) => sync.effectiveMode !== 'off');
    const targets = on.length > 0 ? on : syncs.slice(0, 1);
    // Every folder is tried; the first refusal is thrown after (each folder's is in the status bar).
    const settled = await Promise.allSettled(targets.map((sync) => sync.syncNow()));
    const refused = settled.find((result) => result.status === 'rejected');
    if (refused) throw refused.reason;
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  private async syncNowCommand(): Promise<void> {
    if (this.folders.size === 0) {
      void vscode.window.showInformationMessage('Open a folder with playbooks to sync its runs.');
      return;
    }
    try {
      const outcomes = await this.syncNow();
      const offline = outcomes.some((outcome) => outcome.offline);
      if (offline) void vscode.window.showWarningMessage('The remote does not answer: your changes are committed locally and go out when it answers again.');
    } catch (error) {
      if (!isExpectedError(error)) throw error;
      void vscode.window.showErrorMessage(error.message);
    }
  }

  private followFolders(): void {
    const current = new Set(this.model.folders);
    for (const [folder, sync] of this.folders) {
      if (!current.has(folder)) {
        sync.dispose();
        this.folders.delete(folder);
      }
    }
    for (const folder of current) {
      if (this.folders.has(folder)) continue;
      const sync = new FolderLiveSync(folder, this.host());
      this.folders.set(folder, sync);
      void sync.evaluate();
    }
    this.showStatus();
  }

  private host(): FolderSyncHost {
    return {
      sync: this.options.sync ?? syncFolder,
      now: this.now,
      trusted: () => vscode.workspace.isTrusted,
      hasUpstream: branchHasUpstream,
      actor: async (folder) => (await operationContextFor(folder)).actor,
      identities: currentIdentities,
      changed: () => this.showStatus(),
      notify: (folder, notices) => {
        void showNotices(this.notifier, notices, (runId) => {
          this.folders.get(folder)?.acknowledge();
          this.options.openRunEditor(folder, runId);
        });
      },
      runMoved: (folder, from, to) => this.options.runMoved(folder, from, to),
      stopped: (_folder, reason) => void this.notifier.warn(`Playbooks sync: ${reason}`),
      log: (line) => this.log(line),
    };
  }

  private log(line: string): void {
    this.output ??= vscode.window.createOutputChannel('Playbooks Sync');
    this.output.appendLine(`[${new Date(this.now()).toISOString()}] ${line}`);
  }

  private showStatus(): void {
    if (this.isDisposed) return;
    const content = syncStatusBar([...this.folders.values()].map((sync) => sync.view), this.now());
    if (!content) {
      this.statusBar.hide();
      return;
    }
    if (this.statusBar.text !== content.text) this.statusBar.text = content.text;
    if (this.statusBar.tooltip !== content.tooltip) this.statusBar.tooltip = content.tooltip;
    this.statusBar.show();
  }
}
