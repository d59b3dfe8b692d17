import { formatIsoUtc, formatSinceStart, type RunExport } from './runExportModel';

/** Mattermost's timeline export columns (Event Time, Event Type, Summary, Details, Post Link), plus offset and actor. */
export const TIMELINE_CSV_COLUMNS = ['Event Time', 'Since Start', 'Event Type', 'Actor', 'Summary', 'Details', 'Link'] as const;

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
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** One field: formula-guarded, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = guardFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR before one) as a formula, so text from
 * a timeline could call out or run commands when the file is opened (CSV injection, OWASP).
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
