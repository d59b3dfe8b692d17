import { csvDocument } from '../util/csv';
import { formatMetricNumber } from '../metrics/metricValues';
import { formatDuration } from '../util/duration';
import type { MetricReport, MetricRunValue, PlaybookReport, TimingStats } from './playbookReport';
import type { ActionFigures } from './reportTypes';
import { flagCells, insightMarkdownRows, insightTextLines } from './reportInsightsFormat';

const NONE = '–';

/** Plain text for a terminal: a summary row per metric, a row per published run, then timings. */
export function formatReportTable(report: PlaybookReport): string {
  const lines = [`${report.title} (${report.playbook})`, runsLine(report), ''];
  if (report.metrics.length === 0) lines.push('No metrics are configured for this playbook.');
  else {
    const summary = report.metrics.map((metric) => [
      metric.title + (metric.retired ? ' (retired)' : ''),
      show(metric, metric.target),
      show(metric, metric.average),
      show(metric, metric.median),
      show(metric, metric.rollingAverage),
      percent(metric.rollingAverageChange),
      range(metric),
      String(metric.count),
    ]);
    lines.push(...textTable(['Metric', 'Target', 'Average', 'Median', 'Last 10 avg', 'Change', 'Min–max', 'Runs'], summary), '');
    lines.push(...insightTextLines(report));
    if (report.publishedRuns.length > 0) {
      lines.push(...textTable(['Run', 'Published', ...report.metrics.map((metric) => metric.title)], perRunCells(report)), '');
    } else lines.push('No published retrospectives yet.', '');
  }
  lines.push(...textTable(['Timing', 'Average', 'Median', 'Min–max', 'Runs'], timingRows(report).map(([label, stats]) => timingCells(label, stats))));
  lines.push('', actionsLine(report.actions));
  if (report.actions.byPriority.length > 0) lines.push('', ...textTable(ACTION_HEADER, actionRows(report.actions)));
  lines.push(...skippedLines(report));
  return lines.join('\n') + '\n';
}

/** Markdown: a card (two-column table) per metric, a table of published runs, and timings. */
export function formatReportMarkdown(report: PlaybookReport): string {
  const out = [`# ${md(report.title)}: metrics`, '', runsLine(report), ''];
  for (const metric of report.metrics) {
    out.push(`## ${md(metric.title)}${metric.retired ? ' (retired)' : ''}`, '');
    out.push(
      ...mdTable(
        ['', 'Value'],
        [
          ['Average', show(metric, metric.average)],
          ['Median', show(metric, metric.median)],
          [`Last ${Math.min(metric.count, 10)} runs average`, show(metric, metric.rollingAverage)],
          ['Change vs the up to 10 runs before', percent(metric.rollingAverageChange)],
          ['Range', range(metric)],
          ['Target', show(metric, metric.target)],
          ['Runs with a value', String(metric.count)],
          ...insightMarkdownRows(metric),
        ],
      ),
      '',
    );
  }
  if (report.publishedRuns.length > 0) {
    out.push('## Runs', '', ...mdTable(['Run', 'Published', ...report.metrics.map((metric) => md(metric.title))], perRunCells(report).map((row) => row.map(md))), '');
  }
  const flagged = flagCells(report);
  if (flagged.size > 0) out.push('## Flagged runs', '', ...[...flagged].map(([run, reasons]) => `- ${md(run)}: ${md(reasons)}`), '');
  out.push('## Timings', '', ...mdTable(['', 'Average', 'Median', 'Range', 'Runs'], timingRows(report).map(([label, stats]) => timingCells(label, stats))));
  out.push('', '## Actions', '', actionsLine(report.actions));
  if (report.actions.byPriority.length > 0) out.push('', ...mdTable(ACTION_HEADER, actionRows(report.actions)));
  if (report.skippedRuns.length > 0) out.push('', '## Skipped runs (files with errors)', '', ...problemLines(report).map((line) => `- ${md(line)}`));
  return out.join('\n') + '\n';
}

/**
 * One row per published run: per metric its value and its difference from target, as plain numbers so
 * spreadsheets can compute with them (durations in minutes, currency in its unit).
 */
export function formatReportCsv(report: PlaybookReport): string {
  const header = ['Run', 'Run name', 'Published at'];
  for (const metric of report.metrics) {
    const unit = metric.type === 'duration' ? ' (minutes)' : metric.unit ? ` (${metric.unit})` : '';
    header.push(`${metric.title}${unit}`, `${metric.title} diff from target${unit}`);
  }
  header.push('Open actions', 'Overdue actions', 'Closed actions', 'Flagged');
  const lookups = valueLookups(report);
  const actionsByRun = new Map(report.actions.byRun.map((tally) => [tally.run, tally]));
  const flagged = flagCells(report);
  const rows = report.publishedRuns.map((published) => {
    const cells = [published.run, published.runName, published.publishedAt];
    for (const [index, metric] of report.metrics.entries()) {
      const value = lookups[index]?.get(published.run);
      cells.push(csvNumber(metric, value?.value ?? null), csvNumber(metric, value?.diffFromTarget ?? null));
    }
    const actions = actionsByRun.get(published.run);
    cells.push(String(actions?.open ?? 0), String(actions?.overdue ?? 0), String(actions?.closed ?? 0));
    cells.push(flagged.get(published.run) ?? '');
    return cells;
  });
  return csvDocument([header, ...rows]);
}

export function formatReportJson(report: PlaybookReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

function csvNumber(metric: MetricReport, value: number | null): string {
  if (value === null) return '';
  const number = metric.type === 'duration' ? value / 60_000 : value;
  // Rounding drops binary noise (0.1 + 0.2) without losing a currency's decimals or a second.
  return String(Math.round(number * 10_000) / 10_000);
}

/** Per metric, run id → value: a lookup per cell would be quadratic in the number of runs. */
function valueLookups(report: PlaybookReport): Array<Map<string, MetricRunValue>> {
  return report.metrics.map((metric) => new Map(metric.values.map((value) => [value.run, value])));
}

function perRunCells(report: PlaybookReport): string[][] {
  const lookups = valueLookups(report);
  return report.publishedRuns.map((published) => [
    published.runName === published.run ? published.run : `${published.runName} (${published.run})`,
    published.publishedAt.slice(0, 10),
    ...report.metrics.map((metric, index) => {
      const value = lookups[index]?.get(published.run);
      if (value === undefined) return NONE;
      return value.diffFromTarget === null ? show(metric, value.value) : `${show(metric, value.value)} (${diff(metric, value.diffFromTarget)})`;
    }),
  ]);
}

function timingRows(report: PlaybookReport): Array<[string, TimingStats]> {
  return [
    ['Time to resolution', report.timings.timeToResolution],
    ['Time to first status update', report.timings.timeToFirstStatusUpdate],
  ];
}

function timingCells(label: string, stats: TimingStats): string[] {
  const duration = (ms: number | null): string => (ms === null ? NONE : formatDuration(ms));
  const span = stats.min === null || stats.max === null ? NONE : `${duration(stats.min)} – ${duration(stats.max)}`;
  return [label, duration(stats.average), duration(stats.median), span, String(stats.count)];
}

const ACTION_HEADER = ['Priority', 'Open', 'Overdue', 'Closed', 'Median time to close'];

/** "Actions: 5 open (2 overdue), 3 closed; median time to close 4d 2h." */
export function actionsLine(actions: ActionFigures): string {
  if (actions.total === 0) return 'Actions: none yet.';
  const close = actions.medianTimeToClose === null ? '' : `; median time to close ${formatDuration(actions.medianTimeToClose)}`;
  return `Actions: ${actions.open} open (${actions.overdue} overdue), ${actions.closed} closed${close}.`;
}

function actionRows(actions: ActionFigures): string[][] {
  return actions.byPriority.map((row) => [
    row.priority === 'none' ? 'No priority' : row.priority,
    String(row.open),
    String(row.overdue),
    String(row.closed),
    row.medianTimeToClose === null ? NONE : formatDuration(row.medianTimeToClose),
  ]);
}

function runsLine(report: PlaybookReport): string {
  const runs = report.runs;
  return (
    `Runs: ${runs.total} (${runs.inProgress} in progress, ${runs.finished} finished). ` +
    `Retrospectives: ${runs.retrospectivesPublished} published, ${runs.retrospectivesSkipped} skipped, ${runs.retrospectivesDue} due.`
  );
}

function skippedLines(report: PlaybookReport): string[] {
  if (report.skippedRuns.length === 0) return [];
  return ['', `Skipped ${report.skippedRuns.length} run(s) with errors:`, ...problemLines(report).map((line) => `  ${line}`)];
}

/** The first problem of each skipped run: enough to find the file; `validate` lists them all. */
function problemLines(report: PlaybookReport): string[] {
  return report.skippedRuns.map((skipped) => {
    const first = skipped.problems[0];
    return `${skipped.run}: ${first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : 'unreadable'}`;
  });
}

function show(metric: MetricReport, value: number | null): string {
  return value === null ? NONE : formatMetricNumber(metric, value);
}

/** `+15m` / `-5m`; a signed number reads as the difference it is. */
function diff(metric: MetricReport, value: number): string {
  if (value === 0) return '±0';
  return `${value > 0 ? '+' : '-'}${formatMetricNumber(metric, Math.abs(value))}`;
}

function percent(value: number | null): string {
  if (value === null) return NONE;
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
}

function range(metric: MetricReport): string {
  return metric.min === null || metric.max === null ? NONE : `${show(metric, metric.min)} – ${show(metric, metric.max)}`;
}

function textTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function mdTable(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** Names come from files anyone can edit: keep them from breaking the table or adding HTML. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/[\r\n]+/g, ' ');
}
