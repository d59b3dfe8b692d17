import type { TimelineEvent } from '../model/types';
import { linkWebUrl, parseLink } from '../runs/links';
import { sortEvents } from '../runs/timelineFile';
import type { RepositoryWeb } from '../util/remoteWeb';
import { codeText, escapeTableCell, markdownTable } from './markdownText';
import { eventTypeLabel } from '../format/eventTypes';
import { formatSinceStartAt } from '../format/sinceStart';
import { formatExportTime } from './runExportModel';

const TIMELINE_TABLE_COLUMNS = ['Time', 'Since start', 'Type', 'Actor', 'Summary', 'Link'] as const;

/**
 * A run's timeline as a Markdown table, oldest first: the export's Timeline section and what "Insert
 * Timeline into Retrospective" writes, so both escape alike (pipes, line breaks, HTML). With the remote's
 * web pages, commits and `path:line` links (at their recorded commit) become links.
 */
export function timelineMarkdownTable(events: readonly TimelineEvent[], startedAt: string, web?: RepositoryWeb): string {
  const rows = sortEvents(events).map((event) => [
    formatExportTime(event.at),
    formatSinceStartAt(startedAt, event.at),
    eventTypeLabel(event.type),
    escapeTableCell(event.actor),
    escapeTableCell(event.summary),
    event.link === undefined ? '' : linkCell(event.link, linkWebUrl(event.link, event.details, web)),
  ]);
  return markdownTable(TIMELINE_TABLE_COLUMNS, rows);
}

/** URLs as autolinks, commits and paths as code, linked to their web page when there is one. */
function linkCell(link: string, webUrl: string | undefined): string {
  const parsed = parseLink(link);
  if (parsed.kind === 'url') return `<${cellUrl(parsed.url)}>`;
  const label = parsed.kind === 'commit' ? codeText(parsed.sha.slice(0, 12)) : codeText(link.trim()).replace(/\|/g, '\\|');
  return webUrl === undefined ? label : `[${label}](${cellUrl(webUrl)})`;
}

/** Characters that would end a URL or its cell, encoded. */
function cellUrl(url: string): string {
  return url.replace(/[<>()|\s\\]/g, (c) => encodeURIComponent(c));
}
