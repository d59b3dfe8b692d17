import * as fs from 'node:fs';
import { errorsOf, usableData } from '../files/documentReader';
import type { Problem } from '../files/problem';
import type { IndexSnapshot, RunSummary } from '../index/indexTypes';
import type { EventType, Run, TimelineEvent } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { parseDuration } from '../util/duration';
import { overdueActionItems } from './actionReminders';
import { toIso } from './operationContext';

export type DueKind = 'retrospective' | 'status_update' | 'action';

export interface DueItem {
  kind: DueKind;
  run: string;
  runName: string;
  playbook: string;
  owner: string;
  /**
   * ISO: endedAt for retrospectives; for status updates the last update, or when they were turned
   * on again, or startedAt, whichever is latest.
   */
  since: string;
  /** The follow-up action of an `action` item (its owner is `owner`). */
  action?: { id: string; title: string };
  /** Who asked the owner for the status update that is due (a `status_update_requested` event). */
  requestedBy?: string;
  /** ISO: the first reminder, when the item became (or will become) due; reminders repeat from it. */
  dueAt: string;
  /** The latest reminder time that has passed, or null when none has. */
  lastReminderAt: string | null;
  /** The next reminder time, or null when no further reminder is scheduled (`once`). */
  nextReminderAt: string | null;
  overdue: boolean;
}

export interface DueRemindersOptions {
  /** Told about each run left out because one of its files has errors. */
  onSkipped?: (run: string, problems: Problem[]) => void;
  /** Only these runs (the extension's index knows which can be due); every run when absent. */
  runIds?: readonly string[];
}

/**
 * Reminders that are due or scheduled at `now`, most pressing first. Reads every run.yaml, then the
 * timeline (and, of finished runs, the retrospective) only of runs that can be due, so it stays
 * linear in the number of runs with one to three reads each.
 */
export function dueReminders(repo: PlaybooksRepository, now: Date, options: DueRemindersOptions = {}): DueItem[] {
  const items: DueItem[] = [];
  const nowMs = now.getTime();
  for (const id of options.runIds ?? repo.listRunIds()) {
    if (!repo.runExists(id)) continue;
    // Without the playbook-exists check: a warning, and only errors matter here.
    const runRead = repo.readRun(id, 'unchecked');
    const run = usableData(runRead);
    if (run === undefined) {
      options.onSkipped?.(id, errorsOf(runRead));
      continue;
    }
    const item =
      run.status === 'finished' ? retrospectiveItem(repo, id, run, nowMs, options) : statusUpdateItem(repo, id, run, nowMs, options);
    if (item !== undefined) items.push(item);
  }
  return items.sort(compareItems);
}

function retrospectiveItem(repo: PlaybooksRepository, id: string, run: Run, nowMs: number, options: DueRemindersOptions): DueItem | undefined {
  if (!run.retrospective.enabled || run.endedAt === undefined) return undefined;
  // A missing retrospective file has not been written yet: it is as due as a draft.
  if (repo.hasRetrospective(id)) {
    // Without the playbook: only the status matters here, and a half-typed metric must not silence the reminder.
    const retroRead = repo.readRetrospective(id);
    const retro = usableData(retroRead);
    if (retro === undefined) {
      options.onSkipped?.(id, errorsOf(retroRead));
      return undefined;
    }
    if (retro.status !== 'draft') return undefined;
  }
  // Turned on again after the finish: reminded at once, then every interval from then (as Mattermost).
  // A timeline with errors must not silence the reminder: it then counts from the finish.
  const events = timelineEvents(repo, id, {}) ?? [];
  const endedAt = Date.parse(run.endedAt);
  const firstAt = Math.max(endedAt, latestAt(events, 'retrospective_enabled', nowMs) ?? endedAt);
  const { last, next } = reminderSchedule(firstAt, retrospectiveInterval(run.retrospective.reminder), nowMs);
  return {
    ...describe(id, run, 'retrospective'),
    since: run.endedAt,
    dueAt: toIso(new Date(firstAt)),
    lastReminderAt: iso(last),
    nextReminderAt: iso(next),
    overdue: last !== null,
  };
}

function statusUpdateItem(repo: PlaybooksRepository, id: string, run: Run, nowMs: number, options: DueRemindersOptions): DueItem | undefined {
  const settings = run.statusUpdates;
  if (!settings.enabled) return undefined;
  const parsed = settings.reminder !== undefined ? parseDuration(settings.reminder) : undefined;
  const cadence = parsed !== undefined && parsed > 0 ? parsed : undefined;
  const events = timelineEvents(repo, id, options);
  if (events === undefined) return undefined;
  const lastUpdate = latestAt(events, 'status_updated', nowMs);
  const turnedOn = latestAt(events, 'status_updates_enabled', nowMs);
  const since = Math.max(Date.parse(run.startedAt), lastUpdate ?? -Infinity, turnedOn ?? -Infinity);
  // A request the owner has not answered with an update makes the reminder due at once; it then
  // repeats every cadence from the request (or stays a single reminder without a cadence). Turning
  // status updates off drops a pending request, as Mattermost removes the reminder.
  const request = latestEvent(events, 'status_update_requested', nowMs);
  const answered = Math.max(lastUpdate ?? -Infinity, turnedOn ?? -Infinity);
  const requestAt = request !== undefined && Date.parse(request.at) > answered ? Date.parse(request.at) : undefined;
  if (requestAt === undefined && cadence === undefined) return undefined;
  const dueAt = requestAt ?? since + (cadence ?? 0);
  // Like retrospectives, an update still missing is reminded again every cadence.
  const { last, next } = reminderSchedule(dueAt, cadence ?? null, nowMs);
  return {
    ...describe(id, run, 'status_update'),
    since: toIso(new Date(since)),
    ...(requestAt !== undefined && request !== undefined ? { requestedBy: request.actor } : {}),
    dueAt: toIso(new Date(dueAt)),
    lastReminderAt: iso(last),
    nextReminderAt: iso(next),
    overdue: last !== null,
  };
}

/** The run's events, [] without a timeline file; undefined (and reported) when the file has errors. */
function timelineEvents(repo: PlaybooksRepository, id: string, options: DueRemindersOptions): readonly TimelineEvent[] | undefined {
  if (!fs.existsSync(repo.layout.timelineFile(id))) return [];
  const timelineRead = repo.readTimeline(id);
  const timeline = usableData(timelineRead);
  if (timeline === undefined) options.onSkipped?.(id, errorsOf(timelineRead));
  return timeline?.events;
}

/**
 * The latest event of a type that had happened at `now` (later ones had not, with due --now in the
 * past). Events are in merge order, not time order: the latest `at` wins.
 */
function latestEvent(events: readonly TimelineEvent[], type: EventType, nowMs: number): TimelineEvent | undefined {
  let latest: TimelineEvent | undefined;
  let latestMs = -Infinity;
  for (const event of events) {
    if (event.type !== type) continue;
    const at = Date.parse(event.at);
    if (at > nowMs || at <= latestMs) continue;
    latest = event;
    latestMs = at;
  }
  return latest;
}

function latestAt(events: readonly TimelineEvent[], type: EventType, nowMs: number): number | undefined {
  const event = latestEvent(events, type, nowMs);
  return event === undefined ? undefined : Date.parse(event.at);
}

/** Milliseconds between retrospective reminders, or null for a single reminder (`once`, `0` or unset). */
export function retrospectiveInterval(reminder: string | undefined): number | null {
  if (reminder === undefined || reminder.trim().toLowerCase() === 'once') return null;
  const ms = parseDuration(reminder);
  return ms === undefined || ms <= 0 ? null : ms;
}

/** Reminders at firstAt + k·interval (k ≥ 0), or only at firstAt without an interval: the last that fell and the next to come. */
function reminderSchedule(firstAt: number, interval: number | null, nowMs: number): { last: number | null; next: number | null } {
  if (nowMs < firstAt) return { last: null, next: firstAt };
  if (interval === null) return { last: firstAt, next: null };
  const last = firstAt + Math.floor((nowMs - firstAt) / interval) * interval;
  return { last, next: last + interval };
}

function describe(id: string, run: Run, kind: DueKind): Pick<DueItem, 'kind' | 'run' | 'runName' | 'playbook' | 'owner'> {
  return { kind, run: id, runName: run.name, playbook: run.playbook, owner: run.owner };
}

/**
 * Overdue items sort by the reminder that fell (oldest first), the rest by the one to come; since every
 * overdue time is ≤ now < every upcoming one, overdue items come first.
 */
function compareItems(a: DueItem, b: DueItem): number {
  return sortTime(a) - sortTime(b) || a.run.localeCompare(b.run) || a.kind.localeCompare(b.kind);
}

function sortTime(item: DueItem): number {
  const time = item.overdue ? item.lastReminderAt : item.nextReminderAt;
  return time === null ? Number.POSITIVE_INFINITY : Date.parse(time);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : toIso(new Date(ms));
}

/** One reminder that fell: a run's retrospective or status update, at the time the schedule gave. */
export interface ReminderSlot {
  kind: DueKind;
  run: string;
  /** ISO time of the reminder (DueItem.lastReminderAt). */
  at: string;
}

// Which items remind the extension's user, decided without the editor so it can be tested: the
// schedule itself is `dueReminders` (the CLI's `due`), asked only about runs the index says could be due.

/**
 * Runs that may have a reminder, from the index (no file read): finished runs whose retrospective
 * is on and not published or skipped, and runs in progress with status updates on. Unreadable
 * runs are left out: dueReminders would skip them too.
 */
export function reminderCandidates(snapshot: IndexSnapshot): string[] {
  return snapshot.runs.filter(mayBeDue).map((summary) => summary.id);
}

function mayBeDue(summary: RunSummary): boolean {
  if (!summary.readable) return false;
  if (summary.status === 'finished') return summary.retrospectiveEnabled && summary.retrospective !== 'published' && summary.retrospective !== 'skipped';
  // Without a cadence, a request for an update still reminds the owner.
  return summary.statusUpdatesEnabled;
}

/**
 * The same items as `dueReminders(repo, now)`, reading only the candidates' files (with 20,000
 * runs, a check every minute costs a few reads instead of 20,000), then the overdue follow-up
 * actions that have an owner (read only of runs the index says have one).
 */
export function dueItems(repo: PlaybooksRepository, snapshot: IndexSnapshot, now: Date): DueItem[] {
  return [...dueReminders(repo, now, { runIds: reminderCandidates(snapshot) }), ...overdueActionItems(repo, snapshot, now)].sort(compareItems);
}

/** Names the current person goes by: git user name and e-mail, operating-system user. */
export function isCurrentUser(person: string, identities: readonly string[]): boolean {
  const normalize = (name: string): string => name.trim().replace(/^@/, '').toLowerCase();
  const wanted = normalize(person);
  return wanted !== '' && identities.some((identity) => normalize(identity) === wanted);
}

/**
 * Items that remind the current person now: every overdue retrospective (as Mattermost reminds the
 * whole channel), overdue status updates only of runs they own, overdue actions only they own, none
 * of a muted run.
 */
export function remindingItems(items: readonly DueItem[], identities: readonly string[], muted: ReadonlySet<string>): DueItem[] {
  return items.filter((item) => {
    if (!item.overdue || item.lastReminderAt === null || muted.has(item.run)) return false;
    return item.kind === 'retrospective' || isCurrentUser(item.owner, identities);
  });
}

/** The slot an overdue item occupies: one notification per slot, across windows (an action's is its own, within its run). */
export function slotOf(item: DueItem): ReminderSlot | undefined {
  if (item.lastReminderAt === null) return undefined;
  return { kind: item.kind, run: item.action === undefined ? item.run : `${item.run}/${item.action.id}`, at: item.lastReminderAt };
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 retrospectives and 1 status update": the status bar tooltip and the merged notification. */
export function describeCounts(items: readonly DueItem[]): string {
  const retros = items.filter((item) => item.kind === 'retrospective').length;
  const actions = items.filter((item) => item.kind === 'action').length;
  const updates = items.filter((item) => item.kind === 'status_update').length;
  const parts = [
    ...(retros > 0 ? [counted(retros, 'retrospective', 'retrospectives')] : []),
    ...(updates > 0 ? [counted(updates, 'status update', 'status updates')] : []),
    ...(actions > 0 ? [counted(actions, 'follow-up action', 'follow-up actions')] : []),
  ];
  return parts.join(' and ');
}

export function describeItem(item: DueItem): string {
  if (item.kind === 'retrospective') return `Retrospective of "${item.runName}" is due`;
  if (item.kind === 'action') return `Action "${item.action?.title ?? ''}" of "${item.runName}" is overdue`;
  return item.requestedBy !== undefined ? `${item.requestedBy} requested a status update for "${item.runName}"` : `Status update for "${item.runName}" is overdue`;
}

/** The one notification for the items just claimed. */
export function notificationMessage(items: readonly DueItem[]): string {
  const [first] = items;
  if (items.length === 1 && first) return describeItem(first);
  return `${describeCounts(items)} ${items.length === 1 ? 'is' : 'are'} due`;
}

/** Status bar: `$(bell) 3`, hidden (undefined) when nothing is due. */
export function statusBarContent(items: readonly DueItem[]): { text: string; tooltip: string } | undefined {
  if (items.length === 0) return undefined;
  return { text: `$(bell) ${items.length}`, tooltip: `${describeCounts(items)} due` };
}
