import { csvDocument } from '../util/csv';
import { formatSinceStart } from '../format/sinceStart';
import { formatIsoUtc, type RunExport } from './runExportModel';

/**
 * Mattermost's timeline export columns (Event Time, Event Type, Summary, Details, Post Link), plus offset
 * and actor, and the event's id last (whole: run delete-event takes it, and it stays unambiguous).
 */
export const TIMELINE_CSV_COLUMNS = ['Event Time', 'Since Start', 'Event Type', 'Actor', 'Summary', 'Details', 'Link', 'Event ID'] as const;

/**
 * The timeline as RFC 4180 CSV (CRLF line ends, header row), one row per event in time order.
 * Times are UTC ISO 8601 and types are the file's ids, so the sheet sorts and filters cleanly.
 */
export function exportTimelineCsv(model: RunExport): string {
  const rows: string[][] = [[...TIMELINE_CSV_COLUMNS]];
  for (const event of model.timeline) {
    rows.push([
      formatIsoUtc(event.at),
      // No leading "+": spreadsheets read it as a formula, and the guard would then show a quote.
      formatSinceStart(event.sinceStartMs, 'negative'),
      event.type,
      event.actor,
      event.summary,
      event.details ?? '',
      event.link ?? '',
      event.id,
    ]);
  }
  return csvDocument(rows);
}
