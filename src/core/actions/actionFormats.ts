import { csvDocument } from '../util/csv';
import { escapeTableCell, inlineText, markdownTable } from '../export/markdownText';
import { daysOverdue } from './actionDeadlines';
import type { ActionView } from './actionTypes';

/** How `action list` prints actions besides its table: CSV for spreadsheets, Markdown for a weekly review. */

const CSV_HEADER = ['run', 'run_name', 'playbook', 'action', 'title', 'owner', 'priority', 'status', 'due', 'due_at', 'overdue', 'days_overdue', 'link', 'created_at', 'closed_at', 'closed_by'];

export function actionsCsv(views: readonly ActionView[], now: Date): string {
  const rows = views.map((view) => [
    view.runId,
    view.runName,
    view.playbook,
    view.id,
    view.title,
    view.owner ?? '',
    view.priority ?? '',
    view.status,
    view.due ?? '',
    view.dueAt ?? '',
    view.overdue ? 'yes' : 'no',
    view.overdue ? String(daysOverdue(view, now) ?? '') : '',
    view.link ?? '',
    view.createdAt,
    view.closedAt ?? '',
    view.closedBy ?? '',
  ]);
  return csvDocument([CSV_HEADER, ...rows]);
}

/**
 * A report for a weekly review: a heading, how many, and a table with run, action, owner, due, days
 * overdue and the tracker link. `title` says what the list is (the overdue ones, one person's…).
 */
export function actionsMarkdown(views: readonly ActionView[], now: Date, title: string): string {
  const day = now.toISOString().slice(0, 10);
  const out = [`# ${inlineText(title)} — ${day}`, ''];
  if (views.length === 0) return [...out, 'None.', ''].join('\n');
  const overdue = views.filter((view) => view.overdue).length;
  out.push(`${views.length} action${views.length === 1 ? '' : 's'}${overdue > 0 ? `, ${overdue} overdue` : ''}.`, '');
  const rows = views.map((view) => [
    `${escapeTableCell(view.runName)} (\`${view.runId}\`)`,
    `${escapeTableCell(view.title)} (\`${view.id}\`)${view.priority !== undefined ? ` ${view.priority}` : ''}`,
    escapeTableCell(view.owner ?? '—'),
    view.dueAt !== undefined ? view.dueAt.slice(0, 10) : '—',
    view.overdue ? String(daysOverdue(view, now) ?? '') : '—',
    view.link !== undefined ? `[issue](${view.link.replace(/[()\s]/g, encodeURIComponent)})` : '—',
  ]);
  out.push(markdownTable(['Run', 'Action', 'Owner', 'Due', 'Days overdue', 'Link'], rows), '');
  return out.join('\n');
}
