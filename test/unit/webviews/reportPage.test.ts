import assert from 'node:assert/strict';
import type { MetricReport, PlaybookReport } from '../../../src/core/reports/playbookReport';
import {
  durationStep, formatAxis, formatChange, formatDiff, formatRange, formatValue, truncate, verdictOfChange, verdictOfDiff,
} from '../../../webview/src/report/reportFormat';
import { sortRows, toRows } from '../../../webview/src/report/reportRows';

const MINUTE = 60_000;
const duration = { type: 'duration' } as const;
const usd = { type: 'currency', unit: 'USD', decimals: 2 } as const;
const count = { type: 'integer' } as const;

describe('metrics report page: formatting', () => {
  it('formats values per type, and a missing figure as a dash', () => {
    assert.equal(formatValue(duration, 90 * MINUTE), '1h 30m');
    assert.equal(formatValue(usd, 1250), 'USD 1,250.00');
    assert.equal(formatValue(count, 12.4), '12.4');
    assert.equal(formatValue(count, null), '—');
  });

  it('spells out the sign of a difference from target', () => {
    assert.equal(formatDiff(duration, 15 * MINUTE), '+15m');
    assert.equal(formatDiff(duration, -5 * MINUTE), '\u22125m');
    assert.equal(formatDiff(usd, -12.5), '\u2212USD 12.50');
    assert.equal(formatDiff(count, 0), '±0');
    assert.equal(formatDiff(count, null), '');
  });

  it('treats at or under target as better, and a rising last-10 average as worse', () => {
    assert.equal(verdictOfDiff(-1), 'better');
    assert.equal(verdictOfDiff(0), 'better');
    assert.equal(verdictOfDiff(1), 'worse');
    assert.equal(verdictOfDiff(null), undefined);
    assert.equal(verdictOfChange(12), 'worse');
    assert.equal(verdictOfChange(-3), 'better');
    assert.equal(verdictOfChange(null), undefined);
  });

  it('shows the change with an arrow and one decimal, or a dash when there is nothing to compare', () => {
    assert.equal(formatChange(95.238), '↑ 95.2%');
    assert.equal(formatChange(-30.64), '↓ 30.6%');
    assert.equal(formatChange(null), '—');
  });

  it('shows a range once when min and max are equal', () => {
    assert.equal(formatRange(duration, 5 * MINUTE, 40 * MINUTE), '5m – 40m');
    assert.equal(formatRange(count, 3, 3), '3');
    assert.equal(formatRange(count, null, null), '—');
  });

  it('labels axes briefly and steps durations in whole units', () => {
    assert.equal(formatAxis(duration, 90 * MINUTE), '1h 30m');
    assert.equal(formatAxis(usd, 2500), 'USD 2,500');
    assert.equal(formatAxis(usd, 25_000), 'USD 25K');
    assert.equal(durationStep(30 * MINUTE), 10 * MINUTE);
    assert.equal(durationStep(150 * MINUTE), 30 * MINUTE);
    assert.equal(durationStep(6 * 86_400_000), 2 * 86_400_000);
  });

  it('truncates long run names with an ellipsis', () => {
    assert.equal(truncate('Short'), 'Short');
    assert.equal(truncate('Primary DB down again', 12), 'Primary DB…');
  });
});

describe('metrics report page: run table order', () => {
  const metric = (values: Array<[string, number]>): MetricReport => ({
    id: 'ttd', title: 'Time to detect', type: 'duration', retired: false, target: null,
    average: null, median: null, rollingAverage: null, rollingAverageChange: null, min: null, max: null, count: values.length,
    values: values.map(([run, value]) => ({ run, runName: run, publishedAt: '', value, diffFromTarget: null })),
    anomalies: [], targetMet: null, trend: null, suggestedTarget: null,
  });
  const report = (metrics: MetricReport[]): PlaybookReport => ({
    playbook: 'p', title: 'P', generatedAt: '',
    runs: { total: 3, inProgress: 0, finished: 3, retrospectivesPublished: 3, retrospectivesSkipped: 0, retrospectivesDue: 0 },
    publishedRuns: [
      { run: 'a', runName: 'Beta', publishedAt: '2026-01-01T00:00:00Z' },
      { run: 'b', runName: 'alpha', publishedAt: '2026-01-03T00:00:00Z' },
      { run: 'c', runName: 'Gamma', publishedAt: '2026-01-02T00:00:00Z' },
    ],
    metrics,
    timings: { timeToResolution: { average: null, median: null, min: null, max: null, count: 0, values: [], anomalies: [] }, timeToFirstStatusUpdate: { average: null, median: null, min: null, max: null, count: 0, values: [], anomalies: [] } },
    actions: { total: 0, open: 0, overdue: 0, closed: 0, medianTimeToClose: null, byStatus: { open: 0, in_progress: 0, done: 0, wont_do: 0 }, byPriority: [], byRun: [] },
    skippedRuns: [],
  });
  const ids = (rows: ReturnType<typeof toRows>): string[] => rows.map((row) => row.published.run);

  it('sorts by publication, name (case-insensitive) and metric value', () => {
    const metrics = [metric([['a', 5], ['b', 1], ['c', 9]])];
    const rows = toRows(report(metrics));
    assert.deepEqual(ids(sortRows(rows, { key: 'published', descending: true }, metrics)), ['b', 'c', 'a']);
    assert.deepEqual(ids(sortRows(rows, { key: 'run', descending: false }, metrics)), ['b', 'a', 'c']);
    assert.deepEqual(ids(sortRows(rows, { key: 'metric:ttd', descending: true }, metrics)), ['c', 'a', 'b']);
    assert.deepEqual(ids(sortRows(rows, { key: 'metric:ttd', descending: false }, metrics)), ['b', 'a', 'c']);
  });

  it('keeps runs without a value at the bottom in both directions', () => {
    const metrics = [metric([['a', 5], ['c', 9]])];
    const rows = toRows(report(metrics));
    assert.deepEqual(ids(sortRows(rows, { key: 'metric:ttd', descending: true }, metrics)), ['c', 'a', 'b']);
    assert.deepEqual(ids(sortRows(rows, { key: 'metric:ttd', descending: false }, metrics)), ['a', 'c', 'b']);
  });

  it('keeps the report order when the sorted metric no longer exists', () => {
    const metrics = [metric([['a', 5]])];
    assert.deepEqual(ids(sortRows(toRows(report(metrics)), { key: 'metric:gone', descending: true }, metrics)), ['a', 'b', 'c']);
  });
});
