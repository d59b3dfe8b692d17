import type { Layout } from '../repository/layout';

/**
 * When the editor syncs a folder's runs with its remote: pure scheduling over a clock the caller
 * passes in (milliseconds), so it is tested with fake clocks. The editor's timers only ask
 * `nextSync` when to wake up, and tell `noteChange` / `noteAttempt` what happened.
 */

export type SyncModeSetting = 'off' | 'manual' | 'auto';
export const SYNC_MODES: readonly SyncModeSetting[] = ['off', 'manual', 'auto'];

/** The setting as read; anything unknown is the default, `auto`. */
export function parseSyncMode(value: unknown): SyncModeSetting {
  return SYNC_MODES.find((mode) => mode === value) ?? 'auto';
}

/**
 * What a folder does: never anything in an untrusted workspace (git's hooks and config are the
 * repository's code); `auto` only where the branch has a remote to sync with (its upstream).
 */
export function effectiveSyncMode(setting: SyncModeSetting, where: { trusted: boolean; hasUpstream: boolean }): SyncModeSetting {
  if (!where.trusted) return 'off';
  if (setting === 'auto' && !where.hasUpstream) return 'off';
  return setting;
}

export interface LiveSyncTimings {
  /** A change goes out this long after the last change of a burst (typing a few notes is one commit). */
  pushDelayMs: number;
  /** …but never later than this after the first change, however long the burst goes on. */
  maxPushDelayMs: number;
  /** While a run is in progress, the remote is asked this often. */
  fetchIntervalMs: number;
  /** Offline, each failed attempt doubles the wait, up to this. */
  maxBackoffMs: number;
}

export const DEFAULT_FETCH_INTERVAL_SECONDS = 15;
const MIN_FETCH_INTERVAL_SECONDS = 5;
const MAX_FETCH_INTERVAL_SECONDS = 3600;

/** The timings for the `playbooks.sync.fetchIntervalSeconds` setting (clamped to 5 s … 1 h). */
export function timingsFor(fetchIntervalSeconds: unknown): LiveSyncTimings {
  const seconds = typeof fetchIntervalSeconds === 'number' && Number.isFinite(fetchIntervalSeconds) ? fetchIntervalSeconds : DEFAULT_FETCH_INTERVAL_SECONDS;
  const fetchIntervalMs = Math.round(Math.min(MAX_FETCH_INTERVAL_SECONDS, Math.max(MIN_FETCH_INTERVAL_SECONDS, seconds)) * 1000);
  return { pushDelayMs: 3_000, maxPushDelayMs: 15_000, fetchIntervalMs, maxBackoffMs: Math.max(fetchIntervalMs, 5 * 60_000) };
}

/** What one folder's scheduler remembers between attempts. */
export interface SyncSchedule {
  /** The first and last local change not yet in a sync (ms). */
  firstChangeAt?: number;
  lastChangeAt?: number;
  /** Runs those changes touched: the next sync commits these. */
  changedRuns: readonly string[];
  /** When the last attempt started (ms). */
  lastAttemptAt?: number;
  /** When the remote last had everything (ms). */
  lastSyncedAt?: number;
  /** Consecutive attempts that could not reach the remote. */
  offlineAttempts: number;
  /** Local commits made while offline, not on the remote yet. */
  waiting: number;
  /** The last attempt was refused (detached HEAD, a conflict…): the next waits a fetch interval. */
  refused?: boolean;
}

export const EMPTY_SCHEDULE: SyncSchedule = { changedRuns: [], offlineAttempts: 0, waiting: 0 };

export type SyncReason = 'change' | 'fetch' | 'retry';

/** A local change to these runs was seen at `now`. */
export function noteChange(schedule: SyncSchedule, now: number, runIds: readonly string[]): SyncSchedule {
  return {
    ...schedule,
    firstChangeAt: schedule.firstChangeAt ?? now,
    lastChangeAt: now,
    changedRuns: [...new Set([...schedule.changedRuns, ...runIds])],
  };
}

/** What an attempt that ran to its end reported (a refusal is not one: nothing changed). */
export interface AttemptResult {
  committed: boolean;
  pushed: boolean;
  offline: boolean;
}

/**
 * After an attempt that started at `startedAt` (and took the pending changes with it): changes
 * seen since it started stay pending; offline attempts count up; a push empties the queue.
 */
export function noteAttempt(schedule: SyncSchedule, startedAt: number, endedAt: number, result: AttemptResult): SyncSchedule {
  const changedSince = schedule.lastChangeAt !== undefined && schedule.lastChangeAt > startedAt;
  const pending = changedSince ? { firstChangeAt: Math.max(startedAt, schedule.firstChangeAt ?? startedAt), lastChangeAt: schedule.lastChangeAt } : {};
  // Which runs changed after the start is not known: all stay (committing a clean run adds nothing).
  const base: SyncSchedule = { changedRuns: changedSince ? schedule.changedRuns : [], offlineAttempts: 0, waiting: schedule.waiting, lastAttemptAt: startedAt, ...pending };
  if (schedule.lastSyncedAt !== undefined) base.lastSyncedAt = schedule.lastSyncedAt;
  if (result.offline) return { ...base, offlineAttempts: schedule.offlineAttempts + 1, waiting: schedule.waiting + (result.committed ? 1 : 0) };
  if (result.pushed) return { ...base, waiting: 0, lastSyncedAt: endedAt };
  return base;
}

/** After a refused attempt: the changes stay pending, tried again at the fetch pace (not at once). */
export function noteRefusal(schedule: SyncSchedule, startedAt: number): SyncSchedule {
  return { ...schedule, lastAttemptAt: startedAt, refused: true };
}

/** How long to wait after the n-th consecutive offline attempt: the fetch interval, doubling. */
export function backoffMs(offlineAttempts: number, timings: LiveSyncTimings): number {
  if (offlineAttempts <= 0) return timings.fetchIntervalMs;
  return Math.min(timings.maxBackoffMs, timings.fetchIntervalMs * 2 ** Math.min(offlineAttempts - 1, 20));
}

/**
 * When the next attempt is due, and why: a pending change a few seconds after the burst ended
 * (offline: not sooner than that after the last attempt either, but it is still committed
 * locally); while a run is in progress or commits wait, the remote is asked every fetch interval,
 * or with backoff while it does not answer; after a refusal, a fetch interval later. Undefined:
 * nothing to do until something changes.
 */
export function nextSync(schedule: SyncSchedule, timings: LiveSyncTimings, runInProgress: boolean): { at: number; reason: SyncReason } | undefined {
  if (schedule.refused === true && schedule.lastAttemptAt !== undefined) {
    // What refused will refuse again at once: no quicker than the fetch pace, whatever is pending.
    const pending = schedule.lastChangeAt !== undefined || runInProgress || schedule.waiting > 0 || schedule.offlineAttempts > 0;
    return pending ? { at: schedule.lastAttemptAt + timings.fetchIntervalMs, reason: 'retry' } : undefined;
  }
  const candidates: Array<{ at: number; reason: SyncReason }> = [];
  if (schedule.lastChangeAt !== undefined) {
    const first = schedule.firstChangeAt ?? schedule.lastChangeAt;
    let at = Math.min(schedule.lastChangeAt + timings.pushDelayMs, first + timings.maxPushDelayMs);
    if (schedule.offlineAttempts > 0 && schedule.lastAttemptAt !== undefined) at = Math.max(at, schedule.lastAttemptAt + timings.pushDelayMs);
    candidates.push({ at, reason: 'change' });
  }
  const offline = schedule.offlineAttempts > 0;
  if (runInProgress || schedule.waiting > 0 || offline) {
    const last = schedule.lastAttemptAt;
    if (last === undefined) candidates.push({ at: 0, reason: 'fetch' });
    else candidates.push(offline ? { at: last + backoffMs(schedule.offlineAttempts, timings), reason: 'retry' } : { at: last + timings.fetchIntervalMs, reason: 'fetch' });
  }
  return candidates.reduce<{ at: number; reason: SyncReason } | undefined>((best, candidate) => (best === undefined || candidate.at < best.at ? candidate : best), undefined);
}

/**
 * The run a changed file belongs to: the nearest folder above it, inside the runs folder, that is
 * where the layout keeps a known run (so it holds whatever way runs are laid out in folders).
 */
export function runIdOfPath(layout: Layout, file: string, isRun: (runId: string) => boolean): string | undefined {
  const run = layout.runOfPath(file);
  return run !== undefined && isRun(run.runId) && safeRunDir(layout, run.runId) === run.dir ? run.runId : undefined;
}

function safeRunDir(layout: Layout, runId: string): string | undefined {
  try {
    return layout.runDir(runId);
  } catch {
    return undefined;
  }
}
