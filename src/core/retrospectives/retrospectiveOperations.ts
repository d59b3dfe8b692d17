import type { MetricConfig, Playbook, RetrospectiveMeta } from '../model/types';
import { formatMetricNumber, metricNumber, parseMetricValue } from '../metrics/metricValues';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { metricId } from '../validation/semanticChecks';
import { OperationRefused, isoNow, type OperationContext } from '../runs/operationContext';
import { withRunLock } from '../runs/runLock';
import { prepareEvent } from '../runs/timelineWriter';
import { requireValidInput } from '../validation/inputRules';
import { editRetrospective, lockedSnapshot, type RetroSnapshot } from './retroSnapshot';

/** Finds a metric by id or (case-insensitive) title. */
export function findMetric(playbook: Playbook, reference: string): MetricConfig {
  const wanted = reference.trim().toLowerCase();
  const metrics = playbook.metrics ?? [];
  const found = metrics.find((metric) => metricId(metric) === wanted) ?? metrics.find((metric) => metric.title.toLowerCase() === wanted);
  if (!found) {
    const known = metrics.map((metric) => `${metricId(metric)} ("${metric.title}")`).join(', ') || 'none';
    throw new OperationRefused(`playbook "${playbook.title}" has no metric ${JSON.stringify(reference)}; its metrics: ${known}`);
  }
  return found;
}

function refuseIfPublished(meta: RetrospectiveMeta, runId: string): void {
  if (meta.status === 'published') {
    throw new OperationRefused(`the retrospective of "${runId}" is published and read-only; change it in a follow-up commit by hand if you must`);
  }
}

/** `changed` is false when the metric already had this value: then nothing is written or added to the timeline. */
export function recordMetric(repo: PlaybooksRepository, context: OperationContext, runId: string, reference: string, input: string): { metric: MetricConfig; value: string | number; changed: boolean } {
  return withRunLock(repo.layout, runId, () => {
    const retro = lockedSnapshot(repo, runId, undefined);
    refuseIfPublished(retro.meta, runId);
    const metric = findMetric(retro.playbook, reference);
    if (metric.retired) throw new OperationRefused(`metric "${metric.title}" is retired and no longer collected`);
    const parsed = parseMetricValue(metric, input);
    if ('error' in parsed) throw new OperationRefused(`${metric.title}: ${parsed.error}`);
    const id = metricId(metric);
    // The same amount written another way (90m for 1h 30m) is the same value too.
    if (metricNumber(metric, retro.meta.metrics[id]) === parsed.numeric) return { metric, value: parsed.value, changed: false };
    const pending = prepareEvent(repo, runId, context, {
      type: 'metric_recorded',
      summary: `${metric.title}: ${formatMetricNumber(metric, parsed.numeric)}`,
      data: { metric: id, value: parsed.value },
    });
    editRetrospective(retro, context, (editor) => editor.set(['metrics', id], parsed.value));
    pending.write();
    return { metric, value: parsed.value, changed: true };
  });
}

/** Metrics that must have a value before publishing (retired ones are no longer collected). */
export function missingMetrics(playbook: Playbook, meta: RetrospectiveMeta): MetricConfig[] {
  return (playbook.metrics ?? []).filter((metric) => !metric.retired && (meta.metrics[metricId(metric)] ?? null) === null);
}

/** Mattermost publishes a retrospective of a run still in progress; here the person is asked first. */
export interface PublishChecks {
  /** The person agreed to publish while the run is in progress (a confirmation, or the CLI's --in-progress). */
  whileInProgress?: boolean;
}

/** Refuses what publishing would refuse, on a snapshot read before anything is written. */
export function checkPublishable(retro: RetroSnapshot, checks: PublishChecks = {}): void {
  const runId = retro.runId;
  refuseIfPublished(retro.meta, runId);
  if (retro.run.status !== 'finished' && checks.whileInProgress !== true) {
    throw new OperationRefused(`run "${runId}" is still in progress; finish it before publishing its retrospective`, { kind: 'input', input: 'publishInProgress' });
  }
  const missing = missingMetrics(retro.playbook, retro.meta);
  if (missing.length > 0) {
    const names = missing.map((metric) => `"${metric.title}" (${metricId(metric)})`);
    throw new OperationRefused(`cannot publish: no value yet for ${names.join(', ')}`);
  }
}

/**
 * Marks the retrospective published (and records it on the timeline) under the run lock. `checked`:
 * the snapshot the checks were made on before the person confirmed; it is used as it is unless a
 * file changed since, so a publish reads each file once.
 */
export function publishRetrospective(repo: PlaybooksRepository, context: OperationContext, runId: string, checked?: RetroSnapshot, checks: PublishChecks = {}): RetrospectiveMeta {
  return withRunLock(repo.layout, runId, () => {
    const retro = lockedSnapshot(repo, runId, checked);
    checkPublishable(retro, checks);
    const at = isoNow(context);
    const pending = prepareEvent(repo, runId, context, { type: 'retrospective_published', summary: `Retrospective published by ${context.actor}` });
    editRetrospective(retro, context, (editor) => {
      editor.set(['status'], 'published');
      for (const key of ['skippedAt', 'skippedBy', 'skipReason']) editor.delete([key]);
      editor.set(['publishedAt'], at).set(['publishedBy'], context.actor, { after: 'publishedAt' });
    });
    pending.write();
    return { ...retro.meta, status: 'published', publishedAt: at, publishedBy: context.actor };
  });
}

/** Refuses what skipping would refuse, on a snapshot read before anything is written. */
export function checkSkippable(retro: RetroSnapshot, reason: string): void {
  if (reason.trim() === '') throw new OperationRefused('say why the retrospective is skipped', { kind: 'input', input: 'skipReason' });
  refuseIfPublished(retro.meta, retro.runId);
  if (retro.meta.status === 'skipped') throw new OperationRefused(`the retrospective of "${retro.runId}" is already skipped`);
}

export function skipRetrospective(repo: PlaybooksRepository, context: OperationContext, runId: string, reason: string, checked?: RetroSnapshot): RetrospectiveMeta {
  const why = reason.trim();
  if (why === '') throw new OperationRefused('say why the retrospective is skipped', { kind: 'input', input: 'skipReason' });
  requireValidInput('skipReason', why);
  return withRunLock(repo.layout, runId, () => {
    const retro = lockedSnapshot(repo, runId, checked);
    checkSkippable(retro, why);
    const at = isoNow(context);
    const pending = prepareEvent(repo, runId, context, { type: 'retrospective_skipped', summary: `Retrospective skipped: ${why.split('\n')[0] ?? why}`, details: why });
    editRetrospective(retro, context, (editor) => {
      editor.set(['status'], 'skipped').set(['skippedAt'], at).set(['skippedBy'], context.actor).set(['skipReason'], why);
    });
    pending.write();
    return { ...retro.meta, status: 'skipped', skippedAt: at, skippedBy: context.actor, skipReason: why };
  });
}
