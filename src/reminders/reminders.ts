import { COMMANDS } from '../shared/commandIds';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GitRunner } from '../git/gitRunner';
import { currentIdentities } from '../platform/folderGit';
import { Disposable } from '../platform/disposable';
import { dueItems, remindingItems, slotOf, statusBarContent, type DueItem, type ReminderSlot } from '../core/runs/reminders';
import { ReminderStore } from './reminderStore';
import { notifyDue, pickDue, windowNotifier, type DueEntry, type ReminderNotifier } from './reminderUi';
import type { ExtensionServices } from '../platform/services';
import { readSettings } from '../platform/settings';
import type { PlaybookFolder, WorkspaceModel } from '../platform/workspaceModel';

/** Internal: the status bar item's click (not in the palette; the tree shows due runs too). */

const ACTIVATION_DELAY_MS = 3000;
const CHECK_INTERVAL_MS = 60_000;
/** Model changes come in bursts (a refresh per settled burst of file events, per folder). */
const CHANGE_DELAY_MS = 1000;
/** A notification left in the notification centre never answers; after this long the window may notify again. */
const NOTIFICATION_PATIENCE_MS = 60 * 60_000;

export interface ReminderControllerOptions {
  model: WorkspaceModel;
  /** The extension's global storage: reminders are recorded there when the git directory cannot be used. */
  globalStoragePath: string;
  /** One store file for every folder instead of the repository's (tests). */
  storeFile?: string;
  now?: () => Date;
  notifier?: ReminderNotifier;
  /** Names the current person goes by; default: git user name and e-mail (trusted only) and the OS user. */
  identities?: (folder: PlaybookFolder) => Promise<string[]>;
  activationDelayMs?: number;
  intervalMs?: number;
}

export function registerReminders(services: ExtensionServices): vscode.Disposable {
  const controller = new ReminderController({ model: services.model, globalStoragePath: services.context.globalStorageUri.fsPath });
  const command = vscode.commands.registerCommand(COMMANDS.showDueReminders, () => controller.showDue());
  return vscode.Disposable.from(controller, command);
}

/** Where a repository's reminders are recorded: its git directory (shared by every window and worktree). */
export async function reminderStoreFile(root: string, trusted: boolean, globalStoragePath: string): Promise<string> {
  if (trusted) {
    try {
      // No git process in an untrusted workspace: hooks and config are the repository's code.
      const gitDir = (await new GitRunner(root).run(['rev-parse', '--git-common-dir'])).trim();
      if (gitDir !== '') return path.join(path.resolve(root, gitDir), 'git-playbooks', 'reminders.json');
    } catch {
      // Not a repository: the global storage is shared by the windows of this profile too.
    }
  }
  const key = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 24);
  return path.join(globalStoragePath, 'reminders', `${key}.json`);
}

/**
 * Retrospective and status-update reminders: one status bar item counting what is due, and one
 * notification at a time for reminders that just fell, shown by only one window per repository.
 */
export class ReminderController extends Disposable {
  private readonly statusBar = this.register(vscode.window.createStatusBarItem('playbooks.reminders', vscode.StatusBarAlignment.Left, 0));
  private readonly model: WorkspaceModel;
  private readonly now: () => Date;
  private readonly notifier: ReminderNotifier;
  private readonly stores = new Map<string, Promise<ReminderStore>>();
  private entries: DueEntry[] = [];
  private notifying = false;
  private checking: Promise<void> | undefined;
  private checkAgain = false;
  private changeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ReminderControllerOptions) {
    super();
    this.model = options.model;
    this.now = options.now ?? (() => new Date());
    this.notifier = options.notifier ?? windowNotifier;
    this.statusBar.name = 'Playbooks Reminders';
    this.statusBar.command = COMMANDS.showDueReminders;
    const first = setTimeout(() => void this.check(), options.activationDelayMs ?? ACTIVATION_DELAY_MS);
    const every = setInterval(() => void this.check(), options.intervalMs ?? CHECK_INTERVAL_MS);
    this.register({
      dispose: () => {
        clearTimeout(first);
        clearInterval(every);
        clearTimeout(this.changeTimer);
      },
    });
    this.register(this.model.onDidChange(() => this.scheduleCheck()));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('playbooks.reminders.enabled')) this.scheduleCheck();
    }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      this.stores.clear();
      this.scheduleCheck();
    }));
  }

  /** What reminds now (muted runs and other owners' status updates left out), most pressing first. */
  get due(): readonly DueItem[] {
    return this.entries.map((entry) => entry.item);
  }

  /** The status bar item as shown, for tests. */
  get statusBarState(): { visible: boolean; text: string; tooltip: string } {
    const tooltip = typeof this.statusBar.tooltip === 'string' ? this.statusBar.tooltip : '';
    return { visible: this.entries.length > 0, text: this.statusBar.text, tooltip };
  }

  /** A notification is waiting for its answer: checks meanwhile claim and show nothing new (tests wait for it). */
  get isNotifying(): boolean {
    return this.notifying;
  }

  /** The store of a folder's repository. */
  storeOf(folder: PlaybookFolder): Promise<ReminderStore> {
    const root = folder.repo.layout.root;
    let store = this.stores.get(root);
    if (!store) {
      const file = this.options.storeFile !== undefined ? Promise.resolve(this.options.storeFile) : reminderStoreFile(root, vscode.workspace.isTrusted, this.options.globalStoragePath);
      store = file.then((storeFile) => new ReminderStore(storeFile));
      this.stores.set(root, store);
    }
    return store;
  }

  showDue(): Promise<void> {
    return pickDue(this.entries, () => this.scheduleCheck(0));
  }

  /** Recomputes what is due, updates the status bar and notifies about newly fallen reminders. Serialised. */
  check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = this.runCheck()
      .catch((error: unknown) => console.error('[playbooks] reminder check failed', error))
      .finally(() => {
        this.checking = undefined;
        if (this.checkAgain && !this.isDisposed) {
          this.checkAgain = false;
          void this.check();
        }
      });
    return this.checking;
  }

  private scheduleCheck(delay = CHANGE_DELAY_MS): void {
    if (this.isDisposed) return;
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => void this.check(), delay);
  }

  private async runCheck(): Promise<void> {
    const now = this.now();
    const entries: DueEntry[] = [];
    for (const folder of this.model.folders) {
      if (!folder.exists || !readSettings(folder.workspaceFolder.uri).remindersEnabled) continue;
      try {
        const store = await this.storeOf(folder);
        const [muted, identities] = await Promise.all([store.mutedRuns(), this.identitiesOf(folder)]);
        const items = remindingItems(dueItems(folder.repo, folder.snapshot, now), identities, muted);
        entries.push(...items.map((item) => ({ folder, store, item })));
      } catch (error) {
        console.error(`[playbooks] reminders of ${folder.workspaceFolder.name}`, error);
      }
    }
    if (this.isDisposed) return;
    this.entries = entries;
    this.showStatus();
    if (!this.notifying) await this.notifyNew(entries);
  }

  private showStatus(): void {
    const content = statusBarContent(this.due);
    if (!content) {
      this.statusBar.hide();
      return;
    }
    this.statusBar.text = content.text;
    this.statusBar.tooltip = content.tooltip;
    this.statusBar.show();
  }

  /** Claims the reminders no window has shown yet, and shows those in one notification. */
  private async notifyNew(entries: readonly DueEntry[]): Promise<void> {
    const claimed: DueEntry[] = [];
    for (const store of new Set(entries.map((entry) => entry.store))) {
      const mine = entries.filter((entry) => entry.store === store);
      try {
        const slots = await store.claim(mine.flatMap((entry) => slotOf(entry.item) ?? []));
        claimed.push(...mine.filter((entry) => slots.some((slot) => sameSlot(slot, slotOf(entry.item)))));
      } catch (error) {
        // Busy or unwritable: nothing is claimed, so the next check tries again.
        console.error('[playbooks] could not record reminders', error);
      }
    }
    if (claimed.length === 0 || this.isDisposed) return;
    this.notifying = true;
    let patience: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (patience = setTimeout(resolve, NOTIFICATION_PATIENCE_MS)));
    void Promise.race([notifyDue(claimed, this.notifier, () => this.scheduleCheck(0)), gaveUp])
      .catch((error: unknown) => console.error('[playbooks] reminder notification failed', error))
      .finally(() => {
        clearTimeout(patience);
        this.notifying = false;
      });
  }

  private identitiesOf(folder: PlaybookFolder): Promise<string[]> {
    return this.options.identities ? this.options.identities(folder) : currentIdentities(folder);
  }
}

function sameSlot(claimed: ReminderSlot, own: ReminderSlot | undefined): boolean {
  return own !== undefined && claimed.kind === own.kind && claimed.run === own.run;
}
