/** The run table's rows and their order; pure, so it is unit-tested without a browser. */
import type { MetricReport, MetricRunValue, PlaybookReport, PublishedRun } from '../../../src/core/reports/reportTypes';

export type SortKey = 'run' | 'published' | `metric:${string}`;
export interface TableSort {
  key: SortKey;
  descending: boolean;
}

export interface Row {
  published: PublishedRun;
  /** By metric id; a run without a value for a metric has no entry. */
  values: Map<string, MetricRunValue>;
}

export function toRows(report: PlaybookReport): Row[] {
  const byMetric = new Map(report.metrics.map((metric) => [metric.id, new Map(metric.values.map((value) => [value.run, value]))]));
  return report.publishedRuns.map((published) => {
    const values = new Map<string, MetricRunValue>();
    for (const [id, lookup] of byMetric) {
      const value = lookup.get(published.run);
      if (value) values.set(id, value);
    }
    return { published, values };
  });
}

/** Runs without a value for the sorted metric stay at the bottom in both directions; ties go by run id. */
export function sortRows(rows: Row[], sort: TableSort, metrics: MetricReport[]): Row[] {
  const sign = sort.descending ? -1 : 1;
  const metricId = sort.key.startsWith('metric:') ? sort.key.slice('metric:'.length) : undefined;
  // A metric that left the playbook since the sort was saved: keep the report's order.
  if (metricId !== undefined && !metrics.some((metric) => metric.id === metricId)) return rows;
  const keyOf = (row: Row): string | number | undefined => {
    if (sort.key === 'run') return row.published.runName.toLocaleLowerCase();
    if (sort.key === 'published') return Date.parse(row.published.publishedAt);
    return metricId === undefined ? undefined : row.values.get(metricId)?.value;
  };
  return [...rows].sort((a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    if (x === undefined || y === undefined) return x === y ? a.published.run.localeCompare(b.published.run) : x === undefined ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * sign || a.published.run.localeCompare(b.published.run);
  });
}
