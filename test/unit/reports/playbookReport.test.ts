import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { ReportRunCache } from '../../../src/core/reports/reportRuns';
import { buildPlaybookReport, type PlaybookReport } from '../../../src/core/reports/playbookReport';
import { HOUR, MINUTE, breakRunFile, plusHours, removeRepo, runDir, tempRepo, writePlaybook, writeRetrospective, writeRun, writeTimeline } from './fixtures';

const BASE = '2024-03-01T00:00:00.000Z';
const PUBLISHED = 25;
const ids = Array.from({ length: PUBLISHED }, (_, index) => `inc-${String(index + 1).padStart(3, '0')}`);
/** Publish position of run i (1-based): 7 is coprime to 25, so this shuffles 0..24 against run order. */
const position = (i: number): number => (i * 7) % PUBLISHED;
const detectMinutes = (p: number): number => (p + 1) * 10;
const customers = (i: number): number => (i * 37) % 101;
const cost = (p: number): number => 500 + p * 50.25;
const resolutionHours = (i: number): number => (i % 4) + 1;
const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Durations as people type them: compact most of the time, Mattermost's dd:hh:mm now and then. */
function durationText(minutes: number, index: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (index % 3 === 0) return `00:${String(hours).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
  return hours > 0 ? `${hours}h ${rest}m` : `${rest}m`;
}

const INCIDENT_METRICS = `  - id: time-to-detect
    title: Time to detect
    type: duration
    target: 30m
  - title: Customers affected
    type: integer
  - title: Cost
    type: currency
    unit: USD
    target: 1000
  - title: Pages sent
    type: integer
    retired: true
  - title: Legacy score
    type: integer
    retired: true
`;

describe('buildPlaybookReport', () => {
  let dir: string;
  let report: PlaybookReport;
  const firstUpdateMinutes = new Map<string, number>();

  before(() => {
    dir = tempRepo();
    writePlaybook(dir, 'incident', 'Incident response', INCIDENT_METRICS);
    writePlaybook(dir, 'release', 'Release', '  - title: Rollbacks\n    type: integer\n  - title: Downtime\n    type: duration\n');
    writePlaybook(dir, 'maintenance', 'Maintenance', '  - title: Hosts patched\n    type: integer\n    target: 40\n');
    ids.forEach((id, index) => {
      const i = index + 1;
      const p = position(i);
      const startedAt = plusHours(BASE, i * 24);
      writeRun(dir, id, { playbook: 'incident', name: `Incident ${i}`, startedAt, endedAt: plusHours(startedAt, resolutionHours(i)) });
      const metrics: Record<string, string | number> = {
        'time-to-detect': durationText(detectMinutes(p), i),
        'customers-affected': customers(i),
        cost: cost(p),
      };
      const pages = [3, 8, 5, 11][p];
      if (pages !== undefined) metrics['pages-sent'] = pages;
      writeRetrospective(dir, id, { status: 'published', metrics, publishedAt: plusHours(BASE, 1000 + p * 24) });
      // Every third run has status updates, written out of time order, after a non-update event.
      if (i % 3 === 0) {
        firstUpdateMinutes.set(id, i * 2);
        writeTimeline(dir, id, [
          { at: startedAt, type: 'run_started', summary: 'Run started' },
          { at: plusHours(startedAt, 0.9), details: 'Mitigated.' },
          { at: plusHours(startedAt, (i * 2) / 60), details: 'Investigating.' },
        ]);
      }
    });
    // Excluded from metrics, but still runs of the playbook; their extreme values would show if counted.
    const late = plusHours(BASE, 2000);
    writeRun(dir, 'inc-draft', { playbook: 'incident', startedAt: late, endedAt: plusHours(late, 10) });
    writeRetrospective(dir, 'inc-draft', { status: 'draft', metrics: { 'time-to-detect': '99h', 'customers-affected': 5000, cost: null } });
    writeRun(dir, 'inc-skipped', { playbook: 'incident', startedAt: late, endedAt: plusHours(late, 20) });
    writeRetrospective(dir, 'inc-skipped', {
      status: 'skipped',
      metrics: { 'time-to-detect': '98h', 'customers-affected': 4000, cost: 99999 },
      skippedAt: plusHours(late, 21),
    });
    writeRun(dir, 'inc-live', { playbook: 'incident', startedAt: late });
    writeTimeline(dir, 'inc-live', [{ at: plusHours(late, 0.5), details: 'Still looking.' }]);
    writeRun(dir, 'inc-noretro', { playbook: 'incident', startedAt: late, endedAt: plusHours(late, 30), retroEnabled: false });
    // Files with errors: a run.yaml the schema refuses, and a published retrospective with a bad value.
    breakRunFile(dir, 'inc-broken', 'apiVersion: git-playbooks/v1\nkind: Run\nname: Broken\nplaybook: incident\nstatus: done\n');
    writeRun(dir, 'inc-badretro', { playbook: 'incident', startedAt: late, endedAt: plusHours(late, 1) });
    writeRetrospective(dir, 'inc-badretro', { status: 'published', metrics: { 'time-to-detect': 'soon', 'customers-affected': 1, cost: 1 }, publishedAt: late });
    breakRunFile(dir, 'rel-broken', 'apiVersion: git-playbooks/v1\nkind: Run\nplaybook: release\nstatus: [\n');

    for (let i = 1; i <= 12; i += 1) {
      const id = `rel-${String(i).padStart(2, '0')}`;
      const startedAt = plusHours(BASE, i * 24);
      writeRun(dir, id, { playbook: 'release', startedAt, endedAt: plusHours(startedAt, 1) });
      writeRetrospective(dir, id, { status: 'published', metrics: { rollbacks: i <= 2 ? 0 : (i % 3) + 1, downtime: `${i * 5}m` }, publishedAt: plusHours(startedAt, 2) });
    }
    writeRun(dir, 'mnt-1', { playbook: 'maintenance', startedAt: BASE });
    writeRetrospective(dir, 'mnt-1', { status: 'draft', metrics: { 'hosts-patched': 12 } });

    report = buildPlaybookReport(PlaybooksRepository.at(dir), 'incident', { now: new Date('2024-06-01T00:00:00Z') });
  });

  after(() => removeRepo(dir));

  it('reports metrics in config order, leaving out retired metrics without values', () => {
    assert.deepEqual(
      report.metrics.map((metric) => [metric.id, metric.retired]),
      [['time-to-detect', false], ['customers-affected', false], ['cost', false], ['pages-sent', true]],
    );
    assert.equal(report.generatedAt, '2024-06-01T00:00:00.000Z');
  });

  it('counts only published retrospectives, ordered by publishedAt', () => {
    const detect = metric('time-to-detect');
    assert.equal(detect.count, PUBLISHED);
    const byPublication = [...ids].sort((a, b) => position(Number(a.slice(4))) - position(Number(b.slice(4))));
    assert.deepEqual(detect.values.map((value) => value.run), byPublication);
    assert.deepEqual(report.publishedRuns.map((run) => run.run), byPublication);
    assert.equal(detect.values[0]?.runName, 'Incident 25');
    assert.equal(detect.max, 250 * MINUTE, 'the draft (99h) and skipped (98h) values are not counted');
    assert.equal(metric('customers-affected').max, Math.max(...ids.map((_, index) => customers(index + 1))));
  });

  it('computes average, median, min and max in milliseconds for durations', () => {
    const detect = metric('time-to-detect');
    assert.equal(detect.target, 30 * MINUTE);
    assert.equal(detect.average, (sum(Array.from({ length: 25 }, (_, p) => detectMinutes(p))) / 25) * MINUTE);
    assert.equal(detect.average, 130 * MINUTE);
    assert.equal(detect.median, 130 * MINUTE, 'odd count: the 13th of 25 values');
    assert.equal(detect.min, 10 * MINUTE);
  });

  it('compares the last-10 average with the 10 values before them', () => {
    const detect = metric('time-to-detect');
    // Positions 15..24 hold 160..250 minutes (avg 205); positions 5..14 hold 60..150 (avg 105).
    assert.equal(detect.rollingAverage, 205 * MINUTE);
    assert.equal(detect.rollingAverageChange, ((205 - 105) / 105) * 100);
    const costs = metric('cost');
    const last = sum(Array.from({ length: 10 }, (_, k) => cost(15 + k))) / 10;
    const prior = sum(Array.from({ length: 10 }, (_, k) => cost(5 + k))) / 10;
    assert.equal(last, 1479.875);
    assert.ok(Math.abs((costs.rollingAverageChange ?? NaN) - ((last - prior) / prior) * 100) < 1e-9);
    assert.ok(Math.abs((costs.average ?? NaN) - 1103) < 1e-9);
  });

  it('gives each value its difference from the target', () => {
    const detect = metric('time-to-detect');
    assert.equal(detect.values[0]?.value, 10 * MINUTE);
    assert.equal(detect.values[0]?.diffFromTarget, -20 * MINUTE);
    assert.equal(detect.values[24]?.diffFromTarget, 220 * MINUTE);
    const costs = metric('cost');
    assert.equal(costs.unit, 'USD');
    assert.equal(costs.values[3]?.diffFromTarget, cost(3) - 1000);
    assert.ok(metric('customers-affected').values.every((value) => value.diffFromTarget === null));
    assert.equal(metric('customers-affected').target, null);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    const pages = metric('pages-sent');
    assert.deepEqual(pages.values.map((value) => value.value), [3, 8, 5, 11]);
    assert.equal(pages.median, (5 + 8) / 2);
    assert.equal(pages.average, (3 + 8 + 5 + 11) / 4);
    assert.equal(pages.rollingAverageChange, null, 'four values leave nothing before the last 10');
  });

  it('computes timings over every run of the playbook, not only published ones', () => {
    const resolution = report.timings.timeToResolution;
    const expected = [...ids.map((_, index) => resolutionHours(index + 1)), 10, 20, 30];
    assert.equal(resolution.count, 28);
    assert.equal(resolution.average, (sum(expected) * HOUR) / expected.length);
    assert.equal(resolution.min, 1 * HOUR);
    assert.equal(resolution.max, 30 * HOUR);
    assert.equal(resolution.values[0]?.run, 'inc-001');
    assert.equal(resolution.values[0]?.value, 2 * HOUR);

    const first = report.timings.timeToFirstStatusUpdate;
    const minutes = [...firstUpdateMinutes.values(), 30];
    assert.equal(first.count, minutes.length);
    assert.deepEqual(first.values.slice(0, 2), [
      { run: 'inc-003', value: 6 * MINUTE },
      { run: 'inc-006', value: 12 * MINUTE },
    ]);
    assert.equal(first.average, (sum(minutes) * MINUTE) / minutes.length);
    assert.equal(first.median, 30 * MINUTE, 'nine values: 6, 12, ... 48 and 30; the fifth is 30');
  });

  it('counts runs and retrospectives', () => {
    assert.deepEqual(report.runs, {
      total: 29,
      inProgress: 1,
      finished: 28,
      retrospectivesPublished: 25,
      retrospectivesSkipped: 1,
      retrospectivesDue: 1,
    });
  });

  it('skips runs whose files have errors, with their problems, instead of failing', () => {
    assert.deepEqual(report.skippedRuns.map((skipped) => skipped.run), ['inc-badretro', 'inc-broken']);
    const broken = report.skippedRuns.find((skipped) => skipped.run === 'inc-broken');
    assert.ok(broken && broken.problems.length > 0);
    assert.equal(broken.problems[0]?.file, 'playbooks/runs/inc-broken/run.yaml');
    const badRetro = report.skippedRuns.find((skipped) => skipped.run === 'inc-badretro');
    assert.match(badRetro?.problems[0]?.message ?? '', /not a duration/);
  });

  it('handles fewer than 10 prior values and a prior average of 0', () => {
    const release = buildPlaybookReport(PlaybooksRepository.at(dir), 'release');
    const downtime = release.metrics.find((item) => item.id === 'downtime');
    // Last 10: releases 3..12 (avg 37.5m); before them only releases 1 and 2 (avg 7.5m).
    assert.equal(downtime?.rollingAverage, 37.5 * MINUTE);
    assert.equal(downtime?.rollingAverageChange, 400);
    const rollbacks = release.metrics.find((item) => item.id === 'rollbacks');
    assert.equal(rollbacks?.rollingAverageChange, null, 'the two releases before the last 10 had 0 rollbacks');
    assert.equal(rollbacks?.min, 0);
    assert.deepEqual(release.skippedRuns.map((skipped) => skipped.run), ['rel-broken']);
  });

  it('gives nulls when a metric has no published values', () => {
    const maintenance = buildPlaybookReport(PlaybooksRepository.at(dir), 'maintenance');
    assert.deepEqual(maintenance.metrics[0], {
      id: 'hosts-patched',
      title: 'Hosts patched',
      type: 'integer',
      retired: false,
      target: 40,
      average: null,
      median: null,
      rollingAverage: null,
      rollingAverageChange: null,
      min: null,
      max: null,
      count: 0,
      values: [],
      anomalies: [],
      targetMet: null,
      trend: null,
      suggestedTarget: null,
    });
    assert.equal(maintenance.timings.timeToResolution.average, null);
    assert.equal(maintenance.timings.timeToFirstStatusUpdate.count, 0);
    assert.equal(maintenance.runs.inProgress, 1);
  });

  it('gives the same report from the index (only the playbook runs) with a cache, and follows changes', () => {
    const repo = PlaybooksRepository.at(dir);
    const now = new Date('2024-06-01T00:00:00Z');
    const snapshot = new RepositoryIndex(repo).refresh();
    const runIds = snapshot.runs.filter((run) => run.playbook === 'incident' || !run.readable).map((run) => run.id);
    assert.ok(runIds.length < snapshot.runs.length, 'narrowed to the playbook');
    const cache = new ReportRunCache();
    assert.deepEqual(buildPlaybookReport(repo, 'incident', { now, runIds, cache }), report);
    assert.deepEqual(buildPlaybookReport(repo, 'incident', { now, runIds, cache }), report, 'from the cache');
    const id = ids[0] ?? '';
    const retro = path.join(runDir(dir, id), 'retrospective.md');
    const original = fs.readFileSync(retro, 'utf8');
    try {
      fs.writeFileSync(retro, original.replace(/customers-affected: \d+/, 'customers-affected: 4242'));
      const changed = buildPlaybookReport(repo, 'incident', { now, runIds, cache });
      assert.equal(changed.metrics.find((item) => item.id === 'customers-affected')?.values.find((value) => value.run === id)?.value, 4242);
    } finally {
      fs.writeFileSync(retro, original);
    }
  });

  it('refuses a playbook that does not exist', () => {
    assert.throws(() => buildPlaybookReport(PlaybooksRepository.at(dir), 'nope'), /no playbook "nope"/);
  });

  function metric(id: string): PlaybookReport['metrics'][number] {
    const found = report.metrics.find((item) => item.id === id);
    assert.ok(found, `metric ${id}`);
    return found;
  }
});
