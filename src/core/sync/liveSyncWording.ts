import type { RunStatus, TimelineEvent } from '../model/types';
import { isCurrentUser } from '../runs/reminders';
import type { SyncModeSetting } from './liveSyncPlan';

/**
 * The editor's words for live sync: the status bar item and the notifications about what came in.
 * Pure, over times in milliseconds.
 */

/** What came in for one run in a sync (the shape of syncPlaybooks' IncomingRunChange). */
export interface IncomingRunNews {
  runId: string;
  runName: string;
  events: ReadonlyArray<Pick<TimelineEvent, 'type' | 'actor' | 'summary' | 'details' | 'data'>>;
  ownerNow?: string;
  statusNow?: RunStatus;
  /** The run was started elsewhere. */
  newRun?: boolean;
}

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'stopped';

/** One folder as the status bar sees it. */
export interface FolderSyncView {
  folderName: string;
  mode: SyncModeSetting;
  phase: SyncPhase;
  runInProgress: boolean;
  lastSyncedAt?: number;
  /** Events others made that came in since the person last looked. */
  newEvents: number;
  /** Local commits waiting for the remote. */
  waiting: number;
  /** Why sync stopped (a refusal, in its own words). */
  stoppedReason?: string;
}

export interface StatusBarContent {
  text: string;
  tooltip: string;
}

/** "just now", "4 s ago", "3 min ago", "2 h ago". */
export function ago(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** Whether a folder shows in the status bar: sync is on and there is something to say. */
export function isShown(view: FolderSyncView): boolean {
  if (view.mode === 'off') return false;
  return view.runInProgress || view.waiting > 0 || view.newEvents > 0 || view.phase === 'offline' || view.phase === 'stopped';
}

/**
 * The status bar item for every folder together: a stopped sync first, then offline (with what
 * waits), else when the stalest folder last synced and how many new events came in.
 * Undefined: hidden.
 */
export function syncStatusBar(views: readonly FolderSyncView[], now: number): StatusBarContent | undefined {
  const shown = views.filter(isShown);
  if (shown.length === 0) return undefined;
  const tooltip = [...shown.map((view) => folderLine(view, now, shown.length > 1)), 'Click to sync now.'].join('\n');
  const stopped = shown.find((view) => view.phase === 'stopped');
  if (stopped) return { text: '$(warning) Run sync stopped', tooltip };
  const waiting = shown.reduce((sum, view) => sum + view.waiting, 0);
  if (shown.some((view) => view.phase === 'offline')) {
    return { text: `$(cloud-offline) Offline — ${waiting === 0 ? 'no changes waiting' : `${plural(waiting, 'change')} waiting`}`, tooltip };
  }
  const newEvents = shown.reduce((sum, view) => sum + view.newEvents, 0);
  const synced = shown.map((view) => view.lastSyncedAt);
  const news = newEvents > 0 ? ` · ${newEvents} new` : '';
  if (synced.some((at) => at === undefined)) {
    const syncing = shown.some((view) => view.phase === 'syncing');
    return { text: syncing ? `$(sync~spin) Syncing run…${news}` : `$(sync) Run not synced yet${news}`, tooltip };
  }
  const stalest = Math.min(...synced.map((at) => at ?? now));
  return { text: `$(check) Run synced ${ago(now - stalest)}${news}`, tooltip };
}

function folderLine(view: FolderSyncView, now: number, named: boolean): string {
  const prefix = named ? `${view.folderName}: ` : '';
  const mode = view.mode === 'manual' ? ' (manual: Sync Now)' : '';
  if (view.phase === 'stopped') return `${prefix}sync stopped: ${view.stoppedReason ?? 'refused'}`;
  const parts: string[] = [];
  if (view.phase === 'offline') parts.push(`the remote does not answer; ${plural(view.waiting, 'local commit')} waiting, sent when it answers again`);
  else if (view.phase === 'syncing') parts.push('syncing');
  parts.push(view.lastSyncedAt === undefined ? 'not synced yet' : `synced ${ago(now - view.lastSyncedAt)}`);
  if (view.newEvents > 0) parts.push(`${plural(view.newEvents, 'new event')} from others`);
  return `${prefix}${parts.join(', ')}${mode}`;
}

/** A notification about one run: what others did there. */
export interface SyncNotice {
  runId: string;
  message: string;
}

const MESSAGE_CHARS = 100;

function shorten(text: string): string {
  const line = (text.trim().split('\n')[0] ?? '').trim();
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS - 1)}…` : line;
}

/** Events others made (an event of one's own, pushed from another clone, is not news). */
export function othersEvents(change: IncomingRunNews, identities: readonly string[]): IncomingRunNews['events'] {
  return change.events.filter((event) => !isCurrentUser(event.actor, identities));
}

/**
 * The notifications a sync deserves: a run started, status updates, owner changes and the run
 * finished or restored, when someone else did them. One per run, naming who did what.
 */
export function incomingNotices(changes: readonly IncomingRunNews[], identities: readonly string[]): SyncNotice[] {
  const notices: SyncNotice[] = [];
  for (const change of changes) {
    const theirs = othersEvents(change, identities);
    const parts: string[] = [];
    const started = change.newRun === true ? theirs.find((event) => event.type === 'run_started') : undefined;
    if (started) parts.push(`${started.actor} started the run`);
    const updates = theirs.filter((event) => event.type === 'status_updated');
    const lastUpdate = updates.at(-1);
    if (lastUpdate) {
      const text = shorten(lastUpdate.details ?? lastUpdate.summary);
      parts.push(updates.length === 1 ? `${lastUpdate.actor} posted a status update: ${text}` : `${plural(updates.length, 'status update')}, the last from ${lastUpdate.actor}: ${text}`);
    }
    const ownerChange = theirs.filter((event) => event.type === 'owner_changed').at(-1);
    if (ownerChange) {
      const owner = change.ownerNow ?? (typeof ownerChange.data?.['to'] === 'string' ? ownerChange.data['to'] : undefined);
      if (owner !== undefined) parts.push(`${ownerChange.actor} made ${isCurrentUser(owner, identities) ? 'you' : owner} the owner`);
    }
    const lifecycle = theirs.filter((event) => event.type === 'run_finished' || event.type === 'run_restored').at(-1);
    if (lifecycle && change.statusNow !== undefined) parts.push(`${lifecycle.actor} ${change.statusNow === 'finished' ? 'finished' : 'restored'} the run`);
    if (parts.length > 0) notices.push({ runId: change.runId, message: `"${change.runName}": ${parts.join('; ')}` });
  }
  return notices;
}

/** One line for the output channel about a sync's outcome, for the person who wonders what it did. */
export function outcomeLine(outcome: { committed: string | undefined; pushed: boolean; offline: boolean; incoming: readonly IncomingRunNews[] }): string {
  const parts: string[] = [];
  if (outcome.committed !== undefined) parts.push(`committed ${outcome.committed.slice(0, 8)}`);
  if (outcome.offline) parts.push('offline: kept locally');
  else if (outcome.pushed) parts.push('remote up to date');
  const events = outcome.incoming.reduce((sum, change) => sum + change.events.length, 0);
  if (events > 0) parts.push(`${plural(events, 'event')} came in (${outcome.incoming.map((change) => change.runId).join(', ')})`);
  return parts.length === 0 ? 'nothing to do' : parts.join('; ');
}
