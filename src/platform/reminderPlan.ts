import type { IndexSnapshot, RunSummary } from '../core/index/indexTypes';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { dueReminders, type DueItem } from '../core/runs/reminders';
import type { ReminderSlot } from './reminderStore';

/**
 * Which items remind, decided without the editor so it can be tested: the schedule itself is
 * `dueReminders` (the CLI's `due`), asked only about runs the index says could be due.
 */

/**
 * Runs that may have a reminder, from the index (no file read): finished runs whose retrospective
 * is on and not published or skipped, and runs in progress with a status-update cadence. Unreadable
 * runs are left out: dueReminders would skip them too.
 */
export function reminderCandidates(snapshot: IndexSnapshot): string[] {
  return snapshot.runs.filter(mayBeDue).map((summary) => summary.id);
}

function mayBeDue(summary: RunSummary): boolean {
  if (!summary.readable) return false;
  if (summary.status === 'finished') return summary.retrospectiveEnabled && summary.retrospective !== 'published' && summary.retrospective !== 'skipped';
  return summary.statusUpdateReminder !== undefined;
}

/**
 * The same items as `dueReminders(repo, now)`, reading only the candidates' files: with 20,000
 * runs, a check every minute costs a few reads instead of 20,000.
 */
export function dueItems(repo: PlaybooksRepository, snapshot: IndexSnapshot, now: Date): DueItem[] {
  return dueReminders(repo, now, { runIds: reminderCandidates(snapshot) });
}

/** Names the current person goes by: git user name and e-mail, operating-system user. */
export function isCurrentUser(person: string, identities: readonly string[]): boolean {
  const normalize = (name: string): string => name.trim().replace(/^@/, '').toLowerCase();
  const wanted = normalize(person);
  return wanted !== '' && identities.some((identity) => normalize(identity) === wanted);
}

/**
 * Items that remind the current person now: every overdue retrospective (as Mattermost reminds the
 * whole channel), overdue status updates only of runs they own, none of a muted run.
 */
export function remindingItems(items: readonly DueItem[], identities: readonly string[], muted: ReadonlySet<string>): DueItem[] {
  return items.filter((item) => {
    if (!item.overdue || item.lastReminderAt === null || muted.has(item.run)) return false;
    return item.kind === 'retrospective' || isCurrentUser(item.owner, identities);
  });
}

/** The slot an overdue item occupies: one notification per slot, across windows. */
export function slotOf(item: DueItem): ReminderSlot | undefined {
  return item.lastReminderAt === null ? undefined : { kind: item.kind, run: item.run, at: item.lastReminderAt };
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 retrospectives and 1 status update": the status bar tooltip and the merged notification. */
export function describeCounts(items: readonly DueItem[]): string {
  const retros = items.filter((item) => item.kind === 'retrospective').length;
  const updates = items.length - retros;
  const parts = [
    ...(retros > 0 ? [counted(retros, 'retrospective', 'retrospectives')] : []),
    ...(updates > 0 ? [counted(updates, 'status update', 'status updates')] : []),
  ];
  return parts.join(' and ');
}

export function describeItem(item: DueItem): string {
  return item.kind === 'retrospective' ? `Retrospective of "${item.runName}" is due` : `Status update for "${item.runName}" is overdue`;
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
