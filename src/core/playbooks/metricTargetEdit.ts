import type { MetricConfig, Playbook } from '../model/types';
import { OperationRefused } from '../model/errors';
import { formatDuration } from '../util/duration';
import { metricId } from '../validation/semanticChecks';
import type { PlaybookEdit } from './playbookEditTypes';

/** How a metric's `target:` is written: durations as `1h30m` (the form people type), the rest as numbers. */
export function targetFileValue(config: Pick<MetricConfig, 'type'>, value: number): string | number {
  return config.type === 'duration' ? formatDuration(value).replace(/ /g, '') : value;
}

/**
 * The playbook-form edit that sets metric `id`'s target, for the playbook as parsed from the document
 * being edited (its metrics' order is the document's). `value`: milliseconds for durations.
 */
export function setMetricTargetEdit(playbook: Playbook, id: string, value: number): PlaybookEdit {
  const metrics = playbook.metrics ?? [];
  const index = metrics.findIndex((config) => metricId(config) === id);
  const config = metrics[index];
  if (config === undefined) throw new OperationRefused(`the playbook has no metric "${id}" any more`);
  return { op: 'set', path: ['metrics', index, 'target'], value: targetFileValue(config, value) };
}
