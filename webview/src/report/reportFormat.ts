/** How the report page words and colours numbers; pure, so the page and its tests agree. */
import { formatMetricNumber } from '../../../src/core/metrics/metricValues';
import type { MetricReport } from '../../../src/core/reports/reportTypes';
import { formatDuration } from '../../../src/core/util/duration';

export type MetricShape = Pick<MetricReport, 'type' | 'unit' | 'decimals'>;

const MINUS = '\u2212';

export function formatValue(metric: MetricShape, value: number | null): string {
  return value === null ? '—' : formatMetricNumber(metric, value);
}

/** `+15m`, `−5m`, `±0`: the sign is spelled out so colour is never the only cue. */
export function formatDiff(metric: MetricShape, diff: number | null): string {
  if (diff === null) return '';
  if (diff === 0) return '±0';
  return `${diff > 0 ? '+' : MINUS}${formatMetricNumber(metric, Math.abs(diff))}`;
}

/**
 * Every metric type we have (durations, counts, costs) is one where less is better: a value at or
 * under its target is "better". Metric configs carry no direction, so this is an assumption; if a
 * "higher is better" metric is ever added, the direction belongs in the playbook's metric config.
 */
export type Verdict = 'better' | 'worse';

export function verdictOfDiff(diff: number | null): Verdict | undefined {
  if (diff === null) return undefined;
  return diff <= 0 ? 'better' : 'worse';
}

/** A rise of the last-10 average is worse under the same assumption. */
export function verdictOfChange(change: number | null): Verdict | undefined {
  if (change === null || change === 0) return undefined;
  return change < 0 ? 'better' : 'worse';
}

/** `↑ 12.5%`, `↓ 3.0%`, or `—` when there is nothing to compare with. */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  if (change === 0) return '0.0%';
  return `${change > 0 ? '↑' : '↓'} ${Math.abs(change).toFixed(1)}%`;
}

export function describeChange(change: number | null): string {
  if (change === null) return 'no earlier runs to compare with';
  return `${Math.abs(change).toFixed(1)}% ${change >= 0 ? 'higher' : 'lower'} than the 10 runs before`;
}

export function formatRange(metric: MetricShape, min: number | null, max: number | null): string {
  if (min === null || max === null) return '—';
  return min === max ? formatValue(metric, min) : `${formatValue(metric, min)} – ${formatValue(metric, max)}`;
}

/** Short axis labels: durations as `1h 30m`, amounts without decimals once they are large. */
export function formatAxis(metric: MetricShape, value: number): string {
  if (metric.type === 'duration') return formatDuration(value);
  if (metric.type === 'integer') return String(value);
  const amount = value.toLocaleString('en-US', { notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard', maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
  return metric.unit ? `${metric.unit} ${amount}` : amount;
}

const DURATION_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((minutes) => minutes * 60_000);

/** A step of whole minutes, hours or days so that the axis of a duration chart has 3 to 6 ticks. */
export function durationStep(maxMs: number): number {
  const wanted = maxMs / 5;
  return DURATION_STEPS_MS.find((step) => step >= wanted) ?? Math.ceil(wanted / 86_400_000) * 86_400_000;
}

/** Bar labels stay short; the tooltip shows the whole name. */
export function truncate(text: string, max = 14): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
