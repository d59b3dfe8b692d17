import { median } from '../util/median';
import type { MetricConfig } from '../model/types';
import type { MetricAnomaly, MetricTrend, SuggestedTarget, TargetMet } from '../reports/reportTypes';
import { formatMetricNumber } from './metricValues';

/**
 * What a metric's history says beyond its averages: the runs that stand out, how often the target is
 * met, the trend and a suggested target. Pure functions over numbers (milliseconds for durations), so
 * the report, `review` and the report page compute the same thing. Every rule is in docs/metrics.md.
 * All of a playbook's targets are ceilings (a value at or below the target meets it), as in the
 * review and the reports' "diff from target": durations, counts and costs are better lower.
 */

export type MetricShape = Pick<MetricConfig, 'type' | 'unit' | 'decimals'>;

/** Fewer values than this flag nothing: with 4 runs any one of them can look odd. */
export const ANOMALY_MIN_VALUES = 5;
/** A value further than this many robust standard deviations from the median is flagged. */
const ANOMALY_THRESHOLD = 3;
/** MAD × 1.4826 estimates the standard deviation of normally distributed values. */
const MAD_TO_SD = 1.4826;
/** A very steady history does not make a run that is 15% off (3 × 5%) an anomaly. */
const RELATIVE_SCALE_FLOOR = 0.05;
/** "The last 10", against "the 10 before": the report's rolling window. */
const RECENT_RUNS = 10;
/** The trend needs this many values before the last 10. */
const TREND_MIN_PRIOR = 5;
/** Medians closer than this (relative to the earlier one, or one unit) are a steady trend. */
const TREND_TOLERANCE = 0.1;
const SUGGESTION_WINDOW = 20;
const SUGGESTION_PERCENTILE = 75;
/** A target met by at least 9 of 10 is too loose, by at most 1 of 10 out of reach. */
const NEARLY_ALL = 0.9;
const ALMOST_NONE = 0.1;

export interface SeriesValue {
  run: string;
  value: number;
}

export interface MetricInsights {
  anomalies: MetricAnomaly[];
  targetMet: TargetMet | null;
  trend: MetricTrend | null;
  suggestedTarget: SuggestedTarget | null;
}

/** The middle of a history and how far from it a value may be before it is flagged. */
export interface RobustSpread {
  median: number;
  /** The median absolute deviation from the median. */
  mad: number;
  /** The robust standard deviation, after its floors (see docs/metrics.md). */
  scale: number;
}

/**
 * Everything the report shows about one metric, from its published values in publication order
 * (oldest first) and its target (null: none). The report page and `report` call it per metric.
 */
export function metricInsights(metric: MetricShape & { target: number | null; values: readonly SeriesValue[]; retired?: boolean }): MetricInsights {
  const numbers = metric.values.map((item) => item.value);
  const met = targetMet(numbers, metric.target);
  return {
    anomalies: findAnomalies(metric.values, metric),
    targetMet: met,
    trend: trendOf(numbers, metric),
    // A metric no longer collected needs no new target.
    suggestedTarget: metric.retired === true ? null : suggestTarget(numbers, metric.target, met, metric),
  };
}

/** The smallest difference worth a word: a minute, one (ticket, dollar). */
function unitOf(shape: MetricShape): number {
  return shape.type === 'duration' ? 60_000 : 1;
}

/** The rules below only take medians of non-empty series. */
function medianOf(numbers: readonly number[]): number {
  return median(numbers) ?? 0;
}

/** Undefined when there are fewer than ANOMALY_MIN_VALUES values. */
export function robustSpread(numbers: readonly number[], shape: MetricShape): RobustSpread | undefined {
  if (numbers.length < ANOMALY_MIN_VALUES) return undefined;
  const median = medianOf(numbers);
  const mad = medianOf(numbers.map((value) => Math.abs(value - median)));
  // MAD is 0 when half the runs share one value: the floors keep "any other value" from being an anomaly.
  const scale = Math.max(mad * MAD_TO_SD, unitOf(shape), Math.abs(median) * RELATIVE_SCALE_FLOOR);
  return { median, mad, scale };
}

/** Why the value stands out against the spread, in words; undefined when it does not. */
export function anomalyReason(value: number, spread: RobustSpread, shape: MetricShape): string | undefined {
  const { median, mad } = spread;
  if (Math.abs(value - median) <= ANOMALY_THRESHOLD * spread.scale) return undefined;
  const show = (number: number): string => formatMetricNumber(shape, number);
  const against =
    value < median
      ? `${show(median - value)} below the median of ${show(median)}`
      : median > 0
        ? `${ratio(value / median)}× the median of ${show(median)}`
        : `${show(value - median)} above the median of ${show(median)}`;
  const usual = mad > 0 ? `half the runs within ±${show(mad)} of it` : `half the runs or more at exactly ${show(median)}`;
  return `${show(value)}: ${against} (${usual})`;
}

/** The runs of the series whose value is an outlier against the whole series. */
export function findAnomalies(series: readonly SeriesValue[], shape: MetricShape): MetricAnomaly[] {
  const spread = robustSpread(
    series.map((item) => item.value),
    shape,
  );
  if (spread === undefined) return [];
  return series.flatMap((item) => {
    const reason = anomalyReason(item.value, spread, shape);
    return reason === undefined ? [] : [{ run: item.run, value: item.value, reason }];
  });
}

/** How many of the last 10 values are at or below the target; null without a target or a value. */
export function targetMet(numbers: readonly number[], target: number | null): TargetMet | null {
  if (target === null || numbers.length === 0) return null;
  const recent = numbers.slice(-RECENT_RUNS);
  return { met: recent.filter((value) => value <= target).length, of: recent.length };
}

/**
 * The median of the last 10 against the median of the up to 10 before (at least 5 of them): lower
 * by more than the tolerance is improving, higher is worsening. Medians, so one outlier cannot turn it.
 */
export function trendOf(numbers: readonly number[], shape: MetricShape): MetricTrend | null {
  const prior = numbers.slice(-2 * RECENT_RUNS, -RECENT_RUNS);
  if (prior.length < TREND_MIN_PRIOR) return null;
  const before = medianOf(prior);
  const now = medianOf(numbers.slice(-RECENT_RUNS));
  const tolerance = Math.max(Math.abs(before) * TREND_TOLERANCE, unitOf(shape));
  if (now < before - tolerance) return 'improving';
  if (now > before + tolerance) return 'worsening';
  return 'steady';
}

/**
 * A target from the history when there is none, or when the current one is met by (nearly) every
 * recent run or (almost) none: the 75th percentile (nearest rank) of the last 20 values, rounded up to
 * the metric's unit, so about three runs in four meet it. Needs ANOMALY_MIN_VALUES values.
 */
export function suggestTarget(numbers: readonly number[], target: number | null, met: TargetMet | null, shape: MetricShape): SuggestedTarget | null {
  if (numbers.length < ANOMALY_MIN_VALUES) return null;
  const share = met === null || met.of === 0 ? undefined : met.met / met.of;
  if (target !== null && share !== undefined && share > ALMOST_NONE && share < NEARLY_ALL) return null;
  const window = numbers.slice(-SUGGESTION_WINDOW);
  const sorted = [...window].sort((a, b) => a - b);
  const rank = Math.ceil((SUGGESTION_PERCENTILE / 100) * sorted.length);
  const unit = unitOf(shape);
  const value = Math.ceil((sorted[rank - 1] ?? 0) / unit) * unit;
  if (value === target) return null;
  const atOrBelow = window.filter((item) => item <= value).length;
  const rounding = shape.type === 'duration' ? ', rounded up to the minute' : shape.type === 'currency' ? ', rounded up to a whole amount' : '';
  const why =
    target === null || met === null
      ? 'there is no target yet'
      : `the target ${formatMetricNumber(shape, target)} was met by ${met.met} of the last ${met.of}`;
  return {
    value,
    basis: `${SUGGESTION_PERCENTILE}th percentile of the last ${window.length} runs${rounding}: ${atOrBelow} of them were at or below it; ${why}`,
  };
}

function ratio(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}
