import assert from 'node:assert/strict';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { buildPlaybookReport } from '../../../src/core/reports/playbookReport';
import { findAnomalies, metricInsights, suggestTarget, targetMet, trendOf, type MetricShape } from '../../../src/core/metrics/metricInsights';
import { plusHours, removeRepo, tempRepo, writePlaybook, writeRun, writeTimeline } from './fixtures';

const MINUTE = 60_000;
const COUNT: MetricShape = { type: 'integer' };
const DURATION: MetricShape = { type: 'duration' };
const USD: MetricShape = { type: 'currency', unit: 'USD', decimals: 2 };

/** Run ids r1, r2, … for a list of values. */
const series = (values: number[]): Array<{ run: string; value: number }> => values.map((value, index) => ({ run: `r${index + 1}`, value }));
const minutes = (values: number[]): number[] => values.map((value) => value * MINUTE);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('metric anomalies (median ± 3 robust standard deviations)', () => {
  it('flags the clear outlier, and only it, with the reason in the metric\'s words', () => {
    assert.deepEqual(findAnomalies(series([12, 11, 13, 12, 10, 14, 12, 41]), COUNT), [
      { run: 'r8', value: 41, reason: '41: 3.4× the median of 12 (half the runs within ±1 of it)' },
    ]);
  });

  it('flags nothing in a steady series, nor in a series of 4 values however odd', () => {
    assert.deepEqual(findAnomalies(series(minutes([30, 32, 28, 31, 29, 33, 30, 27, 34])), DURATION), []);
    assert.deepEqual(findAnomalies(series([12, 12, 12, 41]), COUNT), [], 'fewer than 5 values');
    assert.equal(findAnomalies(series([12, 12, 12, 12, 41]), COUNT).length, 1, 'the fifth value makes a history');
  });

  it('with ties (MAD 0) flags a value only when it differs from the constant history by more than 3 units', () => {
    assert.deepEqual(findAnomalies(series([12, 12, 12, 12, 13, 12, 40]), COUNT), [
      { run: 'r7', value: 40, reason: '40: 3.3× the median of 12 (half the runs or more at exactly 12)' },
    ]);
    assert.deepEqual(findAnomalies(series([5, 5, 5, 5, 5, 5]), COUNT), [], 'all equal');
    assert.deepEqual(findAnomalies(series([0, 0, 0, 0, 1, 0, 0, 1, 3]), COUNT), [], 'a few tickets more than none is no anomaly');
    assert.deepEqual(findAnomalies(series([0, 0, 0, 0, 0, 7]), COUNT), [{ run: 'r6', value: 7, reason: '7: 7 above the median of 0 (half the runs or more at exactly 0)' }]);
  });

  it('says durations as durations, above and below the median', () => {
    assert.deepEqual(findAnomalies(series(minutes([30, 35, 25, 30, 40, 28, 240])), DURATION), [
      { run: 'r7', value: 240 * MINUTE, reason: '4h: 8.0× the median of 30m (half the runs within ±5m of it)' },
    ]);
    assert.deepEqual(findAnomalies(series(minutes([60, 58, 62, 61, 59, 60, 5])), DURATION), [
      { run: 'r7', value: 5 * MINUTE, reason: '5m: 55m below the median of 1h (half the runs within ±1m of it)' },
    ]);
  });

  it('says currency as currency', () => {
    assert.deepEqual(findAnomalies(series([1200, 1150.5, 1300, 1250, 1180, 5000]), USD), [
      { run: 'r6', value: 5000, reason: 'USD 5,000.00: 4.1× the median of USD 1,225.00 (half the runs within ±USD 59.75 of it)' },
    ]);
  });

  it('does not flag a run 15% off a very steady median', () => {
    assert.deepEqual(findAnomalies(series(minutes([120, 120, 120, 121, 120, 120, 138])), DURATION), [], '18m off 2h is within 3 × 5% of it');
    assert.equal(findAnomalies(series(minutes([120, 120, 120, 121, 120, 120, 180])), DURATION).length, 1);
  });
});

describe('targets over time', () => {
  it('counts the last 10 values at or below the target', () => {
    assert.deepEqual(targetMet(range(1, 12), 5), { met: 3, of: 10 }, '3, 4 and 5 of 3…12');
    assert.deepEqual(targetMet([1, 9], 5), { met: 1, of: 2 });
    assert.equal(targetMet(range(1, 12), null), null, 'no target');
    assert.equal(targetMet([], 5), null, 'no value');
  });

  it('calls the trend from the medians of the last 10 and the 10 before, lower being better', () => {
    const earlier = minutes(Array.from({ length: 10 }, (_, index) => 60 + (index % 3)));
    const lower = minutes(Array.from({ length: 10 }, (_, index) => 40 + (index % 3)));
    assert.equal(trendOf([...earlier, ...lower], DURATION), 'improving');
    assert.equal(trendOf([...lower, ...earlier], DURATION), 'worsening');
    assert.equal(trendOf([...earlier, ...minutes([63, 62, 58, 61, 60, 64, 59, 60, 62, 61])], DURATION), 'steady', 'within 10% of the earlier median');
    assert.equal(trendOf([...earlier, ...minutes([60, 60, 60, 60, 60, 60, 60, 60, 60, 600])], DURATION), 'steady', 'one outlier does not turn it');
    assert.equal(trendOf([...earlier.slice(0, 4), ...lower], DURATION), null, 'fewer than 5 values before the last 10');
    assert.equal(trendOf([...Array<number>(10).fill(0), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], COUNT), 'steady', 'one unit of difference is no trend');
  });

  it('suggests the 75th percentile of the last 20 values when there is no target, with its basis', () => {
    assert.deepEqual(suggestTarget(range(1, 20), null, null, COUNT), {
      value: 15,
      basis: '75th percentile of the last 20 runs: 15 of them were at or below it; there is no target yet',
    });
    assert.equal(suggestTarget(range(1, 25), null, null, COUNT)?.value, 20, 'the last 20 are 6…25');
    assert.equal(suggestTarget([1, 2, 3, 4], null, null, COUNT), null, 'fewer than 5 values');
  });

  it('suggests one when the target is met by nearly all or almost none of the last 10, not when by some', () => {
    const values = range(1, 20);
    assert.match(suggestTarget(values, 100, targetMet(values, 100), COUNT)?.basis ?? '', /the target 100 was met by 10 of the last 10$/);
    assert.equal(suggestTarget(values, 0, targetMet(values, 0), COUNT)?.value, 15, 'met by none');
    assert.equal(suggestTarget(values, 15, targetMet(values, 15), COUNT), null, 'met by 5 of 10');
    assert.equal(suggestTarget(range(5, 24), 20, targetMet(range(5, 24), 20), COUNT), null, 'the same as the target: nothing to suggest');
  });

  it('rounds the suggestion up to the minute or the whole amount', () => {
    const durations = [10, 12.5, 11.25, 14.5, 13.1].map((value) => value * MINUTE);
    assert.equal(suggestTarget(durations, null, null, DURATION)?.value, 14 * MINUTE, 'the 4th of 5 sorted, 13m 6s, rounds up to 14m');
    const costs = suggestTarget([100.25, 120.5, 99.99, 130.1, 110.75], null, null, USD);
    assert.equal(costs?.value, 121);
    assert.match(costs?.basis ?? '', /^75th percentile of the last 5 runs, rounded up to a whole amount: 4 of them were at or below it/);
  });

  it('gives the report page every figure of a metric from one call', () => {
    const values = series([...range(10, 24), 90]);
    const insights = metricInsights({ ...COUNT, target: 20, values });
    assert.deepEqual(insights.anomalies.map((anomaly) => anomaly.run), ['r16']);
    assert.deepEqual(insights.targetMet, { met: 5, of: 10 }, '16…20 of 16…24, 90');
    assert.equal(insights.trend, 'worsening');
    assert.equal(insights.suggestedTarget, null, 'the target is met by some');
    assert.notEqual(metricInsights({ ...COUNT, target: null, values }).suggestedTarget, null);
    assert.equal(metricInsights({ ...COUNT, target: null, values, retired: true }).suggestedTarget, null, 'a retired metric needs no new target');
  });
});

describe('the report flags timings too', () => {
  it('flags the run that took far longer to resolve, published or not', () => {
    const dir = tempRepo();
    try {
      writePlaybook(dir, 'incident', 'Incident', '  - title: Tickets\n    type: integer\n');
      [60, 60, 65, 60, 55, 540].forEach((resolutionMinutes, index) => {
        const id = `run-${index + 1}`;
        const startedAt = plusHours('2026-02-01T00:00:00Z', index * 24);
        writeRun(dir, id, { playbook: 'incident', startedAt, endedAt: plusHours(startedAt, resolutionMinutes / 60) });
        writeTimeline(dir, id, [{ at: startedAt, type: 'run_started', summary: 'Run started' }]);
      });
      const report = buildPlaybookReport(PlaybooksRepository.at(dir), 'incident');
      assert.deepEqual(report.timings.timeToResolution.anomalies, [{ run: 'run-6', value: 540 * MINUTE, reason: '9h: 9.0× the median of 1h (half the runs within ±2m 30s of it)' }]);
      assert.deepEqual(report.timings.timeToFirstStatusUpdate.anomalies, [], 'no status updates at all');
    } finally {
      removeRepo(dir);
    }
  });
});
