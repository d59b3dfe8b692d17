import type { TimelineEvent } from '../model/types';
import { parseLink } from '../runs/links';
import { sortEvents } from '../runs/timelineFile';
import { codeText, escapeTableCell, markdownTable } from './markdownText';
import { EVENT_TYPE_LABELS, formatExportTime, formatSinceStart } from './runExportModel';

export const TIMELINE_TABLE_COLUMNS = ['Time', 'Since start', 'Type', 'Actor', 'Summary', 'Link'] as const;

/**
 * A run's timeline as a Markdown table, oldest first: the export's Timeline section and what "Insert
 * Timeline into Retrospective" writes, so both escape alike (pipes, line breaks, HTML).
 */
export function timelineMarkdownTable(events: readonly TimelineEvent[], startedAt: string): string {
  const started = Date.parse(startedAt);
  const rows = sortEvents(events).map((event) => [
    formatExportTime(event.at),
    formatSinceStart(Date.parse(event.at) - started),
    EVENT_TYPE_LABELS[event.type],
    escapeTableCell(event.actor),
    escapeTableCell(event.summary),
    event.link === undefined ? '' : linkCell(event.link),
  ]);
  return markdownTable(TIMELINE_TABLE_COLUMNS, rows);
}

/** URLs as autolinks (characters that would end them encoded), commits and paths as code. */
function linkCell(link: string): string {
  const parsed = parseLink(link);
  if (parsed.kind === 'url') return `<${parsed.url.replace(/[<>|\s\\]/g, (c) => encodeURIComponent(c))}>`;
  if (parsed.kind === 'commit') return codeText(parsed.sha.slice(0, 12));
  return codeText(link.trim()).replace(/\|/g, '\\|');
}
