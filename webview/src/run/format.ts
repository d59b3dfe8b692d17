/**
 * Pure text formatting for the run page (no DOM), shared by its components and unit-tested in Node.
 * Times are shown to the minute: seconds are noise in an incident timeline.
 */
import { formatDuration } from '../../../src/core/util/duration';
import type { FollowUpView } from '../../../src/shared/protocol';

const MINUTE = 60_000;

/** `2h 10m`, rounded down to the minute (never `0m` for less than a minute: `<1m`). */
export function minutesText(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  return minutes === 0 ? '<1m' : formatDuration(minutes * MINUTE);
}

/** Local date and time for people (the ISO text goes in the tooltip). */
export function absoluteTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** `5m ago`, `in 2h`: how far a time is from now. */
export function relativeTime(iso: string, now: number): string {
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return iso;
  if (Math.abs(ms) < MINUTE) return 'just now';
  return ms < 0 ? `${minutesText(ms)} ago` : `in ${minutesText(ms)}`;
}

export interface DueView {
  text: string;
  overdue: boolean;
}

/** `due in 15m` or `overdue by 5m`; a done or skipped task is never overdue. */
export function dueView(dueIso: string, done: boolean, now: number): DueView {
  const ms = Date.parse(dueIso) - now;
  if (Number.isNaN(ms)) return { text: `due ${dueIso}`, overdue: false };
  if (done) return { text: `was due ${absoluteTime(dueIso)}`, overdue: false };
  return ms >= 0 ? { text: `due in ${minutesText(ms)}`, overdue: false } : { text: `overdue by ${minutesText(ms)}`, overdue: true };
}

/** How long a run took, or has been running. */
export function runDuration(startedAt: string, endedAt: string | undefined, now: number): string {
  const start = Date.parse(startedAt);
  const end = endedAt === undefined ? now : Date.parse(endedAt);
  if (Number.isNaN(start) || Number.isNaN(end)) return '';
  return minutesText(end - start);
}

/** Links are URLs (opened by VS Code outside the page), commit ids or `path:line` (shown as code). */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/\S+$/i.test(link.trim());
}

/** Overdue by the host's clock when it built the state, or by the page's since (the page's clock moves on). */
export function isOverdue(action: FollowUpView, now: number): boolean {
  if (action.status === 'done' || action.status === 'wont_do') return false;
  return action.overdue || (action.dueAt !== undefined && Date.parse(action.dueAt) < now);
}

/** "due 24 Dec 2026", "due 4w after publishing", "overdue since 24 Dec 2026". */
export function dueText(action: FollowUpView, now: number): string | undefined {
  if (action.dueAt !== undefined) return `${isOverdue(action, now) ? 'overdue since' : 'due'} ${absoluteTime(action.dueAt)}`;
  if (action.due !== undefined) return `due ${action.due} after publishing`;
  return undefined;
}
