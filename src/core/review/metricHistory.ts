import { usableData } from '../files/documentReader';
import type { SeriesValue } from '../metrics/metricInsights';
import { metricNumber } from '../metrics/metricValues';
import type { Playbook } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { playbookInHead, readRunHead } from '../repository/runHead';
import { metricId } from '../validation/semanticChecks';

/** Per metric id, the published values of a playbook's runs (order does not matter to the anomaly rule). */
export type MetricHistory = ReadonlyMap<string, readonly SeriesValue[]>;

/**
 * The published metric values of one playbook, for `review`'s anomaly notice: the run files' heads
 * name their playbook (no parse), and only that playbook's retrospectives are read. A run or
 * retrospective that cannot be read adds nothing; validation reports it.
 */
export function publishedMetricHistory(repo: PlaybooksRepository, slug: string, playbook: Playbook, runIds: readonly string[]): MetricHistory {
  const history = new Map<string, SeriesValue[]>((playbook.metrics ?? []).map((metric) => [metricId(metric), []]));
  const buffer = Buffer.alloc(4096);
  for (const runId of runIds) {
    if (!repo.hasRetrospective(runId) || playbookOf(repo, runId, buffer) !== slug) continue;
    const retro = usableData(repo.readRetrospective(runId, playbook));
    if (retro?.status !== 'published') continue;
    for (const metric of playbook.metrics ?? []) {
      const value = metricNumber(metric, retro.metrics[metricId(metric)]);
      if (value !== undefined) history.get(metricId(metric))?.push({ run: runId, value });
    }
  }
  return history;
}

function playbookOf(repo: PlaybooksRepository, runId: string, buffer: Buffer): string | undefined {
  const head = readRunHead(repo.layout.runFile(runId), buffer);
  if (head === undefined) return undefined;
  // A hand-edited run.yaml may name it further down or in another style: parse it then.
  return playbookInHead(head) ?? usableData(repo.readRun(runId, 'unchecked'))?.playbook;
}
