import type { Run, TimelineEvent } from '../core/model/types';
import { eventIdPrefixLength } from '../core/runs/eventIds';
import type { RunListRow } from '../core/runs/runList';
import { formatSinceStartAt } from '../core/format/sinceStart';

const STATE_MARK = { open: '[ ]', in_progress: '[~]', closed: '[x]', skipped: '[-]' } as const;

/** A run as a person reads it in a terminal; task ids are shown because commands take them. */
export function formatRunSummary(runId: string, run: Run): string {
  const lines = [
    `${run.name}  (${runId})`,
    `playbook:     ${run.playbook}${run.playbookCommit ? ` @ ${run.playbookCommit.slice(0, 7)}` : ''}`,
    `status:       ${run.status}${run.endedAt ? ` (ended ${run.endedAt})` : ''}`,
    `owner:        ${run.owner}`,
    `participants: ${run.participants.join(', ')}`,
    `started:      ${run.startedAt}`,
  ];
  run.checklists.forEach((checklist, c) => {
    lines.push('', `${c + 1}. ${checklist.title}`);
    checklist.items.forEach((item, i) => {
      const extra = [item.assignee ? `@${item.assignee}` : '', item.due ? `due ${item.due}` : ''].filter(Boolean).join(' ');
      lines.push(`   ${STATE_MARK[item.state]} ${c + 1}.${i + 1} ${item.title}  [${item.id}]${extra ? `  ${extra}` : ''}`);
    });
  });
  return lines.join('\n');
}

/**
 * Timeline as an aligned table: id (the shortest unambiguous prefix in `idsOf`, which delete-event
 * takes), time, offset from the start, type, actor, summary.
 */
export function formatTimelineTable(run: Run, events: TimelineEvent[], idsOf: readonly TimelineEvent[] = events): string {
  const idLength = eventIdPrefixLength(idsOf.map((event) => event.id));
  const rows = events.map((event) => {
    const since = formatSinceStartAt(run.startedAt, event.at);
    const summary = event.summary.replace(/\s+/g, ' ') + (event.link ? `  <${event.link}>` : '');
    return [event.id.slice(0, idLength), event.at, since, event.type, event.actor, summary];
  });
  return alignedTable(['ID', 'TIME', 'SINCE START', 'TYPE', 'ACTOR', 'SUMMARY'], rows);
}

/** `run list`: one run a line, newest first; the name last, as it is the longest. */
export function formatRunList(rows: readonly RunListRow[]): string {
  if (rows.length === 0) return 'No runs.';
  const cells = rows.map((row) => [row.id, row.status, row.retrospective ?? '—', row.owner, row.name]);
  return alignedTable(['RUN', 'STATUS', 'RETROSPECTIVE', 'OWNER', 'NAME'], cells);
}

/** Columns padded to their widest cell; the last one is not padded. */
export function alignedTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
