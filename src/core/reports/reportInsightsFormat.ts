import { formatMetricNumber } from '../metrics/metricValues';
import { csvDocument } from '../util/csv';
import type { MetricAnomaly, MetricReport, PlaybookReport, TimingStats } from './reportTypes';

/**
 * The anomalies, target-met counts, trends and suggested targets of a report in words, for the text,
 * Markdown and CSV formats (reportFormats.ts) and `report --anomalies`. The rules are in
 * src/core/metrics/metricInsights.ts.
 */

/** One flagged value: of a metric, or of a timing. */
export interface FlaggedRun {
  run: string;
  runName: string;
  /** The metric's id, or `timeToResolution` / `timeToFirstStatusUpdate`. */
  measure: string;
  /** The metric's title or the timing's name. */
  title: string;
  /** Milliseconds for durations. */
  value: number;
  reason: string;
}

const TIMINGS: ReadonlyArray<['timeToResolution' | 'timeToFirstStatusUpdate', string]> = [
  ['timeToResolution', 'Time to resolution'],
  ['timeToFirstStatusUpdate', 'Time to first status update'],
];

/** Every flagged value of the report: metrics in their order, then timings; oldest first within each. */
export function flaggedRuns(report: PlaybookReport): FlaggedRun[] {
  const names = new Map(report.publishedRuns.map((published) => [published.run, published.runName]));
  const flagged = (measure: string, title: string, anomalies: readonly MetricAnomaly[]): FlaggedRun[] =>
    anomalies.map((anomaly) => ({ run: anomaly.run, runName: names.get(anomaly.run) ?? anomaly.run, measure, title, value: anomaly.value, reason: anomaly.reason }));
  const timings: Record<string, TimingStats> = report.timings;
  return [
    ...report.metrics.flatMap((metric) => flagged(metric.id, metric.title, metric.anomalies)),
    ...TIMINGS.flatMap(([key, title]) => flagged(key, title, timings[key]?.anomalies ?? [])),
  ];
}

/** "met in 7 of the last 10", the trend and the suggestion of one metric; empty parts left out. */
export function insightPhrases(metric: MetricReport): string[] {
  const parts: string[] = [];
  if (metric.targetMet !== null) parts.push(`target met in ${metric.targetMet.met} of the last ${metric.targetMet.of}`);
  if (metric.trend !== null) parts.push(`trend: ${metric.trend}`);
  if (metric.suggestedTarget !== null) {
    parts.push(`suggested target ${formatMetricNumber(metric, metric.suggestedTarget.value)} (${metric.suggestedTarget.basis})`);
  }
  return parts;
}

/** Plain-text lines under the summary table: per metric its insights, then the flagged runs. */
export function insightTextLines(report: PlaybookReport): string[] {
  const lines = report.metrics.flatMap((metric) => {
    const phrases = insightPhrases(metric);
    return phrases.length === 0 ? [] : [`${metric.title}: ${phrases.join('; ')}`];
  });
  const flagged = flaggedRuns(report);
  if (flagged.length > 0) lines.push(...(lines.length > 0 ? [''] : []), 'Flagged runs (outliers against the playbook\'s history):', ...flagged.map((item) => `  ${flaggedLine(item)}`));
  return lines.length === 0 ? [] : [...lines, ''];
}

/** The rows a metric's Markdown card gains. */
export function insightMarkdownRows(metric: MetricReport): string[][] {
  const rows: string[][] = [];
  if (metric.targetMet !== null) rows.push(['Target met', `in ${metric.targetMet.met} of the last ${metric.targetMet.of}`]);
  if (metric.trend !== null) rows.push(['Trend (last 10 vs the 10 before)', metric.trend]);
  if (metric.suggestedTarget !== null) rows.push(['Suggested target', `${formatMetricNumber(metric, metric.suggestedTarget.value)}: ${metric.suggestedTarget.basis}`]);
  return rows;
}

/** The CSV flag cell of each run: its flagged measures with their reasons, `; `-separated. */
export function flagCells(report: PlaybookReport): Map<string, string> {
  const cells = new Map<string, string>();
  for (const item of flaggedRuns(report)) {
    const before = cells.get(item.run);
    cells.set(item.run, `${before === undefined ? '' : `${before}; `}${item.title}: ${item.reason}`);
  }
  return cells;
}

/** `report --anomalies`: only the flagged runs, in the chosen format. */
export function formatAnomalies(report: PlaybookReport, format: 'table' | 'md' | 'json' | 'csv'): string {
  const flagged = flaggedRuns(report);
  switch (format) {
    case 'json':
      return JSON.stringify(flagged, null, 2) + '\n';
    case 'csv':
      return csvDocument([['Run', 'Run name', 'Measure', 'Value', 'Reason'], ...flagged.map((item) => [item.run, item.runName, item.title, plainValue(report, item), item.reason])]);
    case 'md': {
      const out = [`# ${mdText(report.title)}: flagged runs`, ''];
      if (flagged.length === 0) return out.concat(noneText(report), '').join('\n');
      out.push('| Run | Measure | Reason |', '| --- | --- | --- |', ...flagged.map((item) => `| ${mdText(runLabel(item))} | ${mdText(item.title)} | ${mdText(item.reason)} |`));
      return out.join('\n') + '\n';
    }
    case 'table':
      return (flagged.length === 0 ? noneText(report) : flagged.map(flaggedLine).join('\n')) + '\n';
  }
}

function noneText(report: PlaybookReport): string {
  return `No runs of ${report.playbook} stand out (at least 5 values are needed per metric or timing).`;
}

function flaggedLine(item: FlaggedRun): string {
  return `${runLabel(item)}  ${item.title}  ${item.reason}`;
}

function runLabel(item: FlaggedRun): string {
  return item.runName === item.run ? item.run : `${item.runName} (${item.run})`;
}

/** As the report's CSV: durations in minutes, other numbers as they are. */
function plainValue(report: PlaybookReport, item: FlaggedRun): string {
  const metric = report.metrics.find((candidate) => candidate.id === item.measure);
  const isDuration = metric === undefined || metric.type === 'duration';
  return isDuration ? `${Math.round((item.value / 60_000) * 10_000) / 10_000}` : String(item.value);
}

function mdText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/[\r\n]+/g, ' ');
}
