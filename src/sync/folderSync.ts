import * as path from 'node:path';
import * as vscode from 'vscode';
import { isSameOrInside } from '../core/files/realPath';
import { effectiveSyncMode, EMPTY_SCHEDULE, nextSync, noteAttempt, noteChange, noteRefusal, runIdOfPath, type SyncModeSetting, type SyncReason, type SyncSchedule } from '../core/sync/liveSyncPlan';
import { incomingNotices, othersEvents, outcomeLine, type FolderSyncView, type SyncNotice, type SyncPhase } from '../core/sync/liveSyncWording';
import { OperationRefused } from '../core/model/errors';
import { renameNotice, type RunRename } from '../core/sync/runsStartedTwice';
import { isExpectedError } from '../git/gitErrors';
import { Disposable } from '../platform/disposable';
import { readSettings } from '../platform/settings';
import type { FolderFileChange, PlaybookFolder } from '../platform/workspaceModel';
import type { SyncFunction, SyncOutcome } from './syncAdapter';

/** With `auto` but no upstream yet, whether one was set is asked this often (while a run is in progress). */
const UPSTREAM_RECHECK_MS = 60_000;

/** What a folder's live sync needs from the window; the controller passes the real ones, tests theirs. */
export interface FolderSyncHost {
  sync: SyncFunction;
  now(): number;
  trusted(): boolean;
  /** Whether the folder's branch has an upstream (runs git: asked only in a trusted workspace). */
  hasUpstream(folder: PlaybookFolder): Promise<boolean>;
  actor(folder: PlaybookFolder): Promise<string>;
  identities(folder: PlaybookFolder): Promise<string[]>;
  /** The status bar should be redrawn. */
  changed(): void;
  notify(folder: PlaybookFolder, notices: readonly SyncNotice[]): void;
  /** Sync moved one of our runs to a free id (another clone started a run under the same one). */
  runMoved(folder: PlaybookFolder, from: string, to: string): void;
  /** Sync just stopped for this reason (said once, until it works again). */
  stopped(folder: PlaybookFolder, reason: string): void;
  log(line: string): void;
}

/** How long the last incoming change took from the engine's answer to the refreshed tree and run editors. */
export interface RefreshTiming {
  runs: string[];
  ms: number;
}

/**
 * One workspace folder's live sync: notices the person's changes to runs (the folder's one file
 * watcher), asks the plan when to sync, calls the engine, refreshes the tree and the open run
 * editors with what came in, and keeps what the status bar shows. Never runs git untrusted.
 */
export class FolderLiveSync extends Disposable {
  private schedule: SyncSchedule = EMPTY_SCHEDULE;
  private mode: SyncModeSetting = 'off';
  private phase: SyncPhase = 'idle';
  private stoppedReason: string | undefined;
  private newEvents = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncOutcome> | undefined;
  private evaluating: Promise<void> | undefined;
  private upstreamRecheckAt: number | undefined;
  /** Test seam and bench: the last refresh after incoming changes. */
  lastRefresh: RefreshTiming | undefined;

  constructor(
    readonly folder: PlaybookFolder,
    private readonly host: FolderSyncHost,
  ) {
    super();
    this.register(folder.onDidChangeFiles((changes) => this.noteFiles(changes)));
    // A run started or finished changes whether the remote is asked every interval.
    this.register(folder.onDidChange(() => this.reschedule()));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  get view(): FolderSyncView {
    const view: FolderSyncView = {
      folderName: this.folder.workspaceFolder.name,
      mode: this.mode,
      phase: this.phase,
      // Asked every second by the status bar: not worked out where sync is off.
      runInProgress: this.mode !== 'off' && this.runInProgress(),
      newEvents: this.newEvents,
      waiting: this.schedule.waiting,
    };
    if (this.schedule.lastSyncedAt !== undefined) view.lastSyncedAt = this.schedule.lastSyncedAt;
    if (this.stoppedReason !== undefined) view.stoppedReason = this.stoppedReason;
    return view;
  }

  /** The mode in force here (setting, trust, upstream). */
  get effectiveMode(): SyncModeSetting {
    return this.mode;
  }

  /** The person looked (status bar, notification): new events are not new any more. */
  acknowledge(): void {
    this.newEvents = 0;
    this.host.changed();
  }

  /**
   * Works out the mode again (setting, trust, upstream) and schedules. The upstream is asked of
   * git only in a trusted workspace with the setting on.
   */
  evaluate(): Promise<void> {
    this.evaluating ??= this.evaluateNow().finally(() => (this.evaluating = undefined));
    return this.evaluating;
  }

  private async evaluateNow(): Promise<void> {
    this.upstreamRecheckAt = undefined;
    const setting = readSettings(this.folder.workspaceFolder.uri).syncMode;
    const trusted = this.host.trusted();
    let hasUpstream = false;
    if (trusted && setting !== 'off' && this.folder.exists) {
      try {
        hasUpstream = await this.host.hasUpstream(this.folder);
      } catch {
        hasUpstream = false;
      }
    }
    if (this.isDisposed) return;
    this.mode = this.folder.exists ? effectiveSyncMode(setting, { trusted, hasUpstream }) : 'off';
    if (this.mode === 'off') {
      this.phase = 'idle';
      this.stoppedReason = undefined;
    }
    this.host.changed();
    this.reschedule();
  }

  /** Settles when no sync is running (tests, before they move the repository under it). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Sync Now: syncs at once (after one already running); refuses, saying why, when sync is off here. */
  async syncNow(): Promise<SyncOutcome> {
    await this.evaluate();
    if (this.mode === 'off') throw new OperationRefused(this.offReason());
    if (this.running) await this.running.catch(() => undefined);
    this.acknowledge();
    return this.attempt('manual');
  }

  private offReason(): string {
    const name = this.folder.workspaceFolder.name;
    if (!this.host.trusted()) return 'This workspace is not trusted: runs are not synced here. Trust the workspace to sync them.';
    if (!this.folder.exists) return `${name} has no playbooks folder to sync.`;
    if (readSettings(this.folder.workspaceFolder.uri).syncMode === 'off') return `Sync is off for ${name} (setting playbooks.sync.mode).`;
    return `${name}'s branch has no upstream to sync with: push it once with "git push -u <remote> <branch>".`;
  }

  private runInProgress(): boolean {
    return this.folder.snapshot.runs.some((run) => run.status === 'in_progress');
  }

  private noteFiles(changes: readonly FolderFileChange[]): void {
    // Our own sync's writes (incoming changes) come through here too, and cost one more sync a few
    // seconds later that finds nothing to send: no way to tell them from the person's without git,
    // and a change of the person's is never missed.
    if (this.mode === 'off') return;
    const layout = this.folder.repo.layout;
    const runs = new Set<string>();
    for (const change of changes) {
      const runId = runIdOfPath(layout, change.path, (id) => this.folder.repo.runExists(id));
      if (runId !== undefined) runs.add(runId);
    }
    if (runs.size === 0) return;
    this.schedule = noteChange(this.schedule, this.host.now(), [...runs]);
    this.reschedule();
  }

  /** Sets the one timer: auto syncs when the plan says; manual only on Sync Now. */
  private reschedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.isDisposed || this.running) return;
    const settings = readSettings(this.folder.workspaceFolder.uri);
    const setting = settings.syncMode;
    if (this.mode === 'off') {
      // `auto` waiting for an upstream: asked again now and then while a run is in progress.
      if (setting === 'auto' && this.host.trusted() && this.folder.exists && this.runInProgress()) {
        // Kept across reschedules (every refresh of the folder asks), so a busy folder is asked too.
        this.upstreamRecheckAt ??= this.host.now() + UPSTREAM_RECHECK_MS;
        this.timer = setTimeout(() => void this.evaluate(), Math.max(0, this.upstreamRecheckAt - this.host.now()));
      }
      return;
    }
    if (this.mode !== 'auto') return;
    const next = nextSync(this.schedule, settings.syncTimings, this.runInProgress());
    if (!next) return;
    this.timer = setTimeout(() => void this.attempt(next.reason).catch(() => undefined), Math.max(0, next.at - this.host.now()));
  }

  /** One sync; never two at once. A refusal is kept for the status bar and thrown to the caller. */
  private attempt(reason: SyncReason | 'manual'): Promise<SyncOutcome> {
    if (this.running) return this.running;
    const dirty = this.dirtyPlaybookFile();
    if (dirty) {
      // Incoming changes would rewrite the file under unsaved edits: the sync waits for a save.
      this.schedule = noteRefusal(this.schedule, this.host.now());
      this.host.log(`${this.folder.workspaceFolder.name}: ${reason} sync postponed: ${path.basename(dirty)} has unsaved changes`);
      this.reschedule();
      return Promise.reject(new OperationRefused(`${path.basename(dirty)} has unsaved changes: save it, then sync.`));
    }
    const running = this.run();
    this.running = running;
    void running
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        this.host.changed();
        this.reschedule();
      });
    return running;
  }

  private async run(): Promise<SyncOutcome> {
    const startedAt = this.host.now();
    const stoppedBefore = this.phase === 'stopped' ? this.stoppedReason : undefined;
    this.phase = 'syncing';
    this.host.changed();
    const { layout } = this.folder.repo;
    // Runs in progress are always offered: a change the watcher missed (during our own writes) still
    // goes. A run deleted meanwhile is not named (the engine refuses unknown runs); with no run left
    // to name, the engine's default applies: the whole playbooks folder, as the CLI's sync.
    const inProgress = this.folder.snapshot.runs.filter((run) => run.status === 'in_progress').map((run) => run.id);
    const named = [...new Set([...this.schedule.changedRuns, ...inProgress])].filter((runId) => this.folder.repo.runExists(runId));
    const runs = named.length > 0 ? named : undefined;
    try {
      if (!this.host.trusted()) throw new OperationRefused('This workspace is not trusted: runs are not synced here.');
      const actor = await this.host.actor(this.folder);
      const onRunsMoved = (renames: readonly RunRename[]): void => this.runsMoved(renames);
      const outcome = await this.host.sync(layout.root, layout, { actor, now: new Date(startedAt), offline: 'queue', onRunsMoved, ...(runs ? { runs } : {}) });
      this.refreshAfter(outcome);
      this.schedule = noteAttempt(this.schedule, startedAt, this.host.now(), { committed: outcome.committed !== undefined, pushed: outcome.pushed, offline: outcome.offline });
      this.phase = outcome.offline ? 'offline' : 'idle';
      this.stoppedReason = undefined;
      await this.tell(outcome);
      return outcome;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!isExpectedError(error)) console.error('[playbooks] live sync failed', error);
      this.schedule = noteRefusal(this.schedule, startedAt);
      const isNew = stoppedBefore !== reason;
      this.phase = 'stopped';
      this.stoppedReason = reason;
      this.host.log(`${this.folder.workspaceFolder.name}: sync stopped: ${reason}`);
      if (isNew) this.host.stopped(this.folder, reason);
      throw error;
    }
  }

  /**
   * Our runs moved to free ids (another clone started runs under the same ids): told while the sync
   * still runs, since it may yet fail (a refused push) with the runs moved. Open editors follow them.
   */
  private runsMoved(renames: readonly RunRename[]): void {
    for (const rename of renames) this.host.runMoved(this.folder, rename.from, rename.to);
    this.folder.refreshNow(renames.flatMap((rename) => [rename.from, rename.to]).map((runId) => this.folder.repo.layout.runDir(runId)));
    this.host.notify(this.folder, renames.map((rename) => ({ runId: rename.to, message: renameNotice(rename) })));
  }

  /** The runs that came in are looked at at once (the watcher would take its settle time too). */
  private refreshAfter(outcome: SyncOutcome): void {
    if (outcome.incoming.length === 0 && outcome.conflicts.length === 0) return;
    const began = performance.now();
    const runs = outcome.incoming.map((change) => change.runId);
    const dirs = runs.flatMap((runId) => {
      try {
        return [this.folder.repo.layout.runDir(runId)];
      } catch {
        return [];
      }
    });
    this.folder.refreshNow(dirs);
    this.lastRefresh = { runs, ms: performance.now() - began };
  }

  private async tell(outcome: SyncOutcome): Promise<void> {
    const name = this.folder.workspaceFolder.name;
    this.host.log(`${name}: ${outcomeLine(outcome)}`);
    for (const line of outcome.summary) this.host.log(`  ${line}`);
    if (outcome.conflicts.length > 0) this.host.stopped(this.folder, `Sync left conflict markers in ${outcome.conflicts.join(', ')}: resolve them, save, and the next sync sends the result.`);
    if (outcome.incoming.length === 0) return;
    const identities = await this.host.identities(this.folder);
    this.newEvents += outcome.incoming.reduce((sum, change) => sum + othersEvents(change, identities).length, 0);
    const notices = incomingNotices(outcome.incoming, identities);
    if (notices.length > 0) this.host.notify(this.folder, notices);
  }

  /** A playbooks file with unsaved edits in an editor tab (text or the playbook form), if any. */
  private dirtyPlaybookFile(): string | undefined {
    const dir = this.folder.repo.layout.playbooksDir;
    for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      const input = tab.input;
      const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
      if (tab.isDirty && uri?.scheme === 'file' && isSameOrInside(dir, uri.fsPath)) return uri.fsPath;
    }
    return undefined;
  }
}
