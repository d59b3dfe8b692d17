import type { MetricConfig, MetricType } from '../model/types';
import { formatDuration, parseDuration } from '../util/duration';

export type MetricValue = string | number;

/** Durations are stored to the second; longer ones would no longer be whole milliseconds in a number. */
const LONGEST_DURATION_MS = Math.floor(Number.MAX_SAFE_INTEGER / 1000) * 1000;
/** Any decimal of at most 15 significant digits reads back from a YAML number exactly. */
const EXACT_DIGITS = 15;
export type ParsedMetricValue = { value: MetricValue; numeric: number } | { error: string };

/**
 * Checks a value typed by a person (or read from a file) against the metric's type and returns what is
 * stored: durations as compact text (`1h 30m`), integers and currency amounts as numbers.
 */
export function parseMetricValue(metric: Pick<MetricConfig, 'type' | 'decimals' | 'title'>, input: string | number): ParsedMetricValue {
  const text = String(input).trim();
  switch (metric.type) {
    case 'duration': {
      const ms = parseDuration(text);
      if (ms === undefined) return { error: `${JSON.stringify(text)} is not a duration; use 1h30m, PT1H30M or dd:hh:mm` };
      if (Math.round(ms / 1000) * 1000 > LONGEST_DURATION_MS) {
        return { error: `${JSON.stringify(text)} is longer than ${formatDuration(LONGEST_DURATION_MS)}, the longest duration that can be stored` };
      }
      return { value: formatDuration(ms), numeric: ms };
    }
    case 'integer': {
      if (!/^\d+$/.test(text)) return { error: `${JSON.stringify(text)} is not a whole number (0 or more)` };
      const value = Number(text);
      if (!Number.isSafeInteger(value)) return { error: `${JSON.stringify(text)} is larger than ${Number.MAX_SAFE_INTEGER}, the largest whole number that can be stored exactly` };
      return { value, numeric: value };
    }
    case 'currency': {
      const decimals = metric.decimals ?? 2;
      const pattern = decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+(?:\\.\\d{1,${decimals}})?$`);
      if (!pattern.test(text)) {
        const allowed = decimals === 0 ? 'no decimals' : `at most ${decimals} decimals`;
        return { error: `${JSON.stringify(text)} is not an amount (0 or more, ${allowed}, no currency sign)` };
      }
      if (text.replace('.', '').replace(/^0+/, '').length > EXACT_DIGITS) {
        return { error: `${JSON.stringify(text)} has more than ${EXACT_DIGITS} digits; larger or more precise amounts cannot be stored exactly` };
      }
      const value = Number(text);
      return { value, numeric: value };
    }
  }
}

/** The number a stored value stands for (milliseconds for durations), or undefined when it is not valid. */
export function metricNumber(metric: Pick<MetricConfig, 'type' | 'decimals' | 'title'>, value: unknown): number | undefined {
  if (value === null || value === undefined || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
  const parsed = parseMetricValue(metric, value);
  return 'error' in parsed ? undefined : parsed.numeric;
}

/** Shows a number of a metric's type to a person: `1h 30m`, `12`, `USD 1,250.00`. */
export function formatMetricNumber(metric: Pick<MetricConfig, 'type' | 'unit' | 'decimals'>, numeric: number): string {
  const type: MetricType = metric.type;
  if (type === 'duration') return formatDuration(numeric);
  if (type === 'integer') return Number.isInteger(numeric) ? String(numeric) : numeric.toFixed(1);
  const decimals = metric.decimals ?? 2;
  const amount = numeric.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return metric.unit ? `${metric.unit} ${amount}` : amount;
}
