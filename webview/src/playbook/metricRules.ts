/** Metric rules the form checks as you type (the same as the host's checks, said next to the field). */
import { metricId } from '../../../src/core/validation/semanticChecks';
import { parseMetricValue } from '../../../src/core/metrics/metricValues';
import type { DocPath, PlaybookEdit } from '../../../src/shared/protocol';
import type { Parsed } from './formController';
import type { MetricFormView } from './playbookView';

const NEW_TITLE = /^New metric(?: \d+)?$/;

export function metricSlug(title: string): string {
  return metricId({ title });
}

/** "New metric", or "New metric 2"… when taken. */
export function uniqueTitle(metrics: MetricFormView[]): string {
  const taken = new Set(metrics.map((metric) => metric.title.trim().toLowerCase()));
  for (let n = 1; ; n += 1) {
    const title = n === 1 ? 'New metric' : `New metric ${n}`;
    if (!taken.has(title.toLowerCase())) return title;
  }
}

/**
 * A rename. Values are stored under the metric's id, which defaults to the slug of its title: a metric
 * without an explicit id keeps its old one, so published retrospectives still match it. Metrics the form
 * just added ("New metric") have no values yet and simply take the new title's slug.
 */
export function renameEdits(path: DocPath, metric: MetricFormView, title: string): PlaybookEdit[] {
  const edits: PlaybookEdit[] = [{ op: 'set', path: [...path, 'title'], value: title }];
  const oldId = metricSlug(metric.title);
  if (metric.id === undefined && !NEW_TITLE.test(metric.title.trim()) && metricSlug(title) !== oldId) {
    edits.unshift({ op: 'set', path: [...path, 'id'], value: oldId });
  }
  return edits;
}

export function parseTarget(metric: Pick<MetricFormView, 'type' | 'decimals' | 'title'>, path: DocPath, text: string): Parsed {
  const value = text.trim();
  if (value === '') return { edits: [{ op: 'delete', path }] };
  const decimals = metric.decimals === '' ? undefined : Number(metric.decimals);
  const parsed = parseMetricValue({ type: metric.type, title: metric.title, ...(decimals === undefined ? {} : { decimals }) }, value);
  if ('error' in parsed) return { error: parsed.error };
  return { edits: [{ op: 'set', path, value: metric.type === 'duration' ? value : Number(value) }] };
}

export function targetHint(metric: MetricFormView): string {
  if (metric.type === 'duration') return 'A duration: 15m, 1h30m, 2d.';
  if (metric.type === 'integer') return 'A whole number, 0 or more.';
  const decimals = metric.decimals === '' ? 2 : Number(metric.decimals);
  return `An amount${metric.unit ? ` in ${metric.unit}` : ''}, up to ${decimals} decimals.`;
}
