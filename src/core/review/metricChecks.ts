import { anomalyReason, robustSpread } from '../metrics/metricInsights';
import { formatMetricNumber, metricNumber } from '../metrics/metricValues';
import type { MetricConfig, Playbook } from '../model/types';
import { metricId } from '../validation/semanticChecks';
import type { MetricHistory } from './metricHistory';
import { isRecord, type PositionedYaml } from './positionedYaml';
import type { MetricAgainstTarget, ReviewFinding } from './reviewTypes';

export const METRIC_MISSING = 'metric-missing';
export const METRIC_ANOMALOUS = 'metric-anomalous';

export interface MetricsInput {
  file: string;
  /** The front matter, positioned in the file. */
  frontMatter: PositionedYaml;
  playbook: Playbook;
}

/** The collected metrics: every one that is not retired. */
function collected(playbook: Playbook): MetricConfig[] {
  return (playbook.metrics ?? []).filter((metric) => metric.retired !== true);
}

function metricValues(frontMatter: PositionedYaml): Record<string, unknown> {
  const metrics = isRecord(frontMatter.value) ? frontMatter.value['metrics'] : undefined;
  return isRecord(metrics) ? metrics : {};
}

/**
 * Every collected metric has a value in the front matter: an error once the retrospective is
 * published (reports would miss it), a warning while it is a draft. Points at the metric's key, or at
 * `metrics:` when the key is not there at all (a draft only: in a published retrospective an absent
 * key is a metric the playbook gained later, as docs/format.md says).
 */
export function checkMetricsFilled(input: MetricsInput): ReviewFinding[] {
  const meta = isRecord(input.frontMatter.value) ? input.frontMatter.value : {};
  if (meta['status'] === 'skipped') return [];
  const published = meta['status'] === 'published';
  const values = metricValues(input.frontMatter);
  return collected(input.playbook).flatMap((metric): ReviewFinding[] => {
    const id = metricId(metric);
    const value = values[id];
    if (value !== null && value !== undefined && String(value).trim() !== '') return [];
    // A metric added to the playbook after publishing does not make older retrospectives incomplete.
    if (published && !(id in values)) return [];
    const position = id in values ? input.frontMatter.at(['metrics', id], true) : input.frontMatter.at(['metrics'], true);
    return [
      {
        ruleId: METRIC_MISSING,
        severity: published ? 'error' : 'warning',
        file: input.file,
        ...position,
        title: 'Metric not filled in',
        message: `metric "${metric.title}" has no value${published ? ' in a published retrospective' : ''}`,
        suggestion: `fill in "${id}:" under metrics, or run: git-playbooks retro metric <run> ${id} <value>`,
      },
    ];
  });
}

/**
 * A notice for each metric value that stands out against the playbook's published values (the other
 * runs', with this one's value as it is now): the report's anomaly rule, so reviewers look at it.
 */
export function checkMetricsAnomalous(input: MetricsInput & { runId: string; history: MetricHistory }): ReviewFinding[] {
  const meta = isRecord(input.frontMatter.value) ? input.frontMatter.value : {};
  if (meta['status'] === 'skipped') return [];
  const values = metricValues(input.frontMatter);
  return (input.playbook.metrics ?? []).flatMap((metric): ReviewFinding[] => {
    const id = metricId(metric);
    const value = metricNumber(metric, values[id]);
    if (value === undefined) return [];
    const others = (input.history.get(id) ?? []).filter((item) => item.run !== input.runId).map((item) => item.value);
    const spread = robustSpread([...others, value], metric);
    const reason = spread === undefined ? undefined : anomalyReason(value, spread, metric);
    if (reason === undefined) return [];
    return [
      {
        ruleId: METRIC_ANOMALOUS,
        severity: 'notice',
        file: input.file,
        ...input.frontMatter.at(['metrics', id], true),
        title: 'Metric stands out',
        message: `metric "${metric.title}" stands out against the playbook's ${others.length} published values: ${reason}`,
        suggestion: 'reviewers may want to look at it: is the value right, and what made this run different?',
      },
    ];
  });
}

/**
 * Each collected metric (and a retired one that has a value) with its value and target as the
 * reports show them, and whether the value is at or below the target.
 */
export function metricsAgainstTargets(playbook: Playbook, frontMatter: PositionedYaml | undefined): MetricAgainstTarget[] {
  return metricsAgainstValues(playbook, frontMatter === undefined ? {} : metricValues(frontMatter));
}

/** The playbook's metrics (retired ones only with a value) against their targets, from the front matter's `metrics:` values. */
export function metricsAgainstValues(playbook: Playbook, values: Readonly<Record<string, unknown>>): MetricAgainstTarget[] {
  return (playbook.metrics ?? []).flatMap((metric): MetricAgainstTarget[] => {
    const id = metricId(metric);
    const value = metricNumber(metric, values[id]);
    if (metric.retired === true && value === undefined) return [];
    const target = metric.target === undefined ? undefined : metricNumber(metric, metric.target);
    return [
      {
        id,
        title: metric.title,
        ...(value !== undefined ? { value: formatMetricNumber(metric, value) } : {}),
        ...(target !== undefined ? { target: formatMetricNumber(metric, target) } : {}),
        ...(value !== undefined && target !== undefined ? { met: value <= target } : {}),
      },
    ];
  });
}
