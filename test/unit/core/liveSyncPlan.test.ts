import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Layout } from '../../../src/core/repository/layout';
import {
  backoffMs,
  effectiveSyncMode,
  EMPTY_SCHEDULE,
  nextSync,
  noteAttempt,
  noteChange,
  noteRefusal,
  parseSyncMode,
  runIdOfPath,
  timingsFor,
  type SyncSchedule,
} from '../../../src/core/sync/liveSyncPlan';

const timings = timingsFor(15);
const S = 1000;

/** A fake clock driving the plan the way the editor's timers do: wake at nextSync, attempt, note. */
class FakeFolder {
  schedule: SyncSchedule = EMPTY_SCHEDULE;
  attempts: Array<{ at: number; reason: string; runs: readonly string[] }> = [];
  constructor(
    public now: number,
    public runInProgress = true,
    public remoteAnswers = true,
  ) {}

  change(runId: string): void {
    this.schedule = noteChange(this.schedule, this.now, [runId]);
  }

  /** Advances the clock to `until`, running every attempt that falls due on the way. */
  advance(until: number): void {
    for (;;) {
      const next = nextSync(this.schedule, timings, this.runInProgress);
      if (!next || Math.max(next.at, this.now) > until) break;
      this.now = Math.max(next.at, this.now);
      const committed = this.schedule.changedRuns.length > 0;
      this.attempts.push({ at: this.now, reason: next.reason, runs: this.schedule.changedRuns });
      this.schedule = noteAttempt(this.schedule, this.now, this.now + 200, { committed, pushed: this.remoteAnswers, offline: !this.remoteAnswers });
    }
    this.now = until;
  }
}

describe('live sync plan', () => {
  it('reads the mode setting, defaulting to auto', () => {
    assert.equal(parseSyncMode('manual'), 'manual');
    assert.equal(parseSyncMode('off'), 'off');
    assert.equal(parseSyncMode('sometimes'), 'auto');
    assert.equal(parseSyncMode(undefined), 'auto');
  });

  it('is off in an untrusted workspace whatever the setting, and auto needs an upstream', () => {
    assert.equal(effectiveSyncMode('auto', { trusted: false, hasUpstream: true }), 'off');
    assert.equal(effectiveSyncMode('manual', { trusted: false, hasUpstream: true }), 'off');
    assert.equal(effectiveSyncMode('auto', { trusted: true, hasUpstream: false }), 'off');
    assert.equal(effectiveSyncMode('auto', { trusted: true, hasUpstream: true }), 'auto');
    assert.equal(effectiveSyncMode('manual', { trusted: true, hasUpstream: false }), 'manual', 'Sync Now says what is missing');
  });

  it('clamps the fetch interval setting to 5 s … 1 h', () => {
    assert.equal(timingsFor(15).fetchIntervalMs, 15 * S);
    assert.equal(timingsFor(1).fetchIntervalMs, 5 * S);
    assert.equal(timingsFor(99_999).fetchIntervalMs, 3600 * S);
    assert.equal(timingsFor('soon').fetchIntervalMs, 15 * S);
  });

  it('syncs at once when it starts on a run in progress, then every fetch interval', () => {
    const folder = new FakeFolder(1_000_000);
    folder.advance(1_000_000 + 46 * S);
    assert.deepEqual(folder.attempts.map((attempt) => [attempt.at - 1_000_000, attempt.reason]), [[0, 'fetch'], [15 * S, 'fetch'], [30 * S, 'fetch'], [45 * S, 'fetch']]);
  });

  it('does not fetch while no run is in progress and nothing waits', () => {
    const folder = new FakeFolder(0, false);
    folder.advance(10 * 60 * S);
    assert.deepEqual(folder.attempts, []);
    assert.equal(nextSync(EMPTY_SCHEDULE, timings, false), undefined);
  });

  it('pushes a change a few seconds after it is made, one commit for a burst of changes', () => {
    const folder = new FakeFolder(0, false);
    folder.change('db-failover');
    folder.advance(1 * S);
    folder.change('db-failover');
    folder.advance(2 * S);
    folder.change('checkout');
    folder.advance(20 * S);
    assert.deepEqual(folder.attempts, [{ at: 5 * S, reason: 'change', runs: ['db-failover', 'checkout'] }], '3 s after the last change of the burst');
  });

  it('pushes a long burst of changes no later than 15 s after its first change', () => {
    const folder = new FakeFolder(0, false);
    for (let second = 0; second <= 30; second += 2) {
      folder.advance(second * S);
      folder.change('db-failover');
    }
    assert.equal(folder.attempts[0]?.at, 15 * S);
    assert.equal(folder.attempts[0]?.reason, 'change');
  });

  it('keeps a change made during an attempt for the next attempt', () => {
    let schedule = noteChange(EMPTY_SCHEDULE, 0, ['a']);
    const startedAt = 3 * S;
    schedule = noteChange(schedule, 3.5 * S, ['b']); // while the attempt runs
    schedule = noteAttempt(schedule, startedAt, 4 * S, { committed: true, pushed: true, offline: false });
    assert.deepEqual(schedule.changedRuns, ['a', 'b']);
    assert.equal(nextSync(schedule, timings, false)?.at, 6.5 * S);
    const clean = noteAttempt(noteChange(EMPTY_SCHEDULE, 0, ['a']), startedAt, 4 * S, { committed: true, pushed: true, offline: false });
    assert.deepEqual(clean.changedRuns, []);
    assert.equal(clean.lastSyncedAt, 4 * S, 'synced when the attempt ended');
  });

  it('offline: changes are committed locally and counted, retries back off, and all go out when the remote answers', () => {
    const folder = new FakeFolder(0, true, false);
    folder.advance(0); // the first attempt finds the remote gone
    folder.change('db-failover');
    folder.advance(4 * S);
    folder.change('db-failover');
    folder.advance(10 * S);
    assert.equal(folder.schedule.waiting, 2, 'two local commits wait');
    assert.equal(folder.schedule.offlineAttempts, 3);
    folder.advance(200 * S);
    const retries = folder.attempts.filter((attempt) => attempt.reason === 'retry').map((attempt) => attempt.at / S);
    assert.deepEqual(retries, [67, 187], 'the last attempt at 7 s, then waits of 60 s and 120 s (doubling)');
    folder.remoteAnswers = true;
    const before = folder.attempts.length;
    folder.advance(folder.now + 10 * 60 * S);
    assert.equal(folder.attempts[before]?.at, 427 * S, 'the next retry reaches it');
    assert.equal(folder.schedule.waiting, 0, 'pushed');
    assert.equal(folder.schedule.offlineAttempts, 0);
  });

  it('backs off by doubling the fetch interval, up to five minutes', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 30].map((n) => backoffMs(n, timings) / S), [15, 15, 30, 60, 120, 240, 300, 300]);
  });

  it('keeps retrying while commits wait, even with no run in progress', () => {
    let schedule = noteAttempt(noteChange(EMPTY_SCHEDULE, 0, ['a']), 3 * S, 4 * S, { committed: true, pushed: false, offline: true });
    assert.equal(schedule.waiting, 1);
    assert.deepEqual(nextSync(schedule, timings, false), { at: 18 * S, reason: 'retry' });
    schedule = noteAttempt(schedule, 18 * S, 19 * S, { committed: false, pushed: true, offline: false });
    assert.equal(nextSync(schedule, timings, false), undefined, 'nothing left to do');
  });

  it('after a refusal, tries again at the fetch pace (not at once, though a change is pending), and normally once it works', () => {
    let schedule = noteRefusal(noteChange(EMPTY_SCHEDULE, 0, ['a']), 3 * S);
    assert.deepEqual(schedule.changedRuns, ['a'], 'the change is still to be sent');
    schedule = noteChange(schedule, 4 * S, ['a']);
    assert.deepEqual(nextSync(schedule, timings, false), { at: 18 * S, reason: 'retry' });
    assert.equal(nextSync(noteRefusal(EMPTY_SCHEDULE, 3 * S), timings, false), undefined, 'nothing pending: nothing to retry');
    schedule = noteAttempt(schedule, 18 * S, 19 * S, { committed: true, pushed: true, offline: false });
    assert.equal(schedule.refused, undefined);
    assert.deepEqual(nextSync(schedule, timings, true), { at: 33 * S, reason: 'fetch' });
  });

  it('finds the run of a changed file, at any depth of the run folder, and nothing outside runs', () => {
    const layout = new Layout(path.resolve('/repo'), 'ops/playbooks');
    const known = new Set(['2026-12-01-db-failover']);
    const isRun = (id: string): boolean => known.has(id);
    const runDir = layout.runDir('2026-12-01-db-failover');
    assert.equal(runIdOfPath(layout, path.join(runDir, 'timeline.yaml'), isRun), '2026-12-01-db-failover');
    assert.equal(runIdOfPath(layout, path.join(runDir, 'attachments', 'graph.png'), isRun), '2026-12-01-db-failover');
    assert.equal(runIdOfPath(layout, runDir, isRun), '2026-12-01-db-failover');
    assert.equal(runIdOfPath(layout, layout.playbookFile('incident'), isRun), undefined, 'a playbook is not a run');
    assert.equal(runIdOfPath(layout, path.join(layout.runsDir, 'unknown', 'run.yaml'), isRun), undefined);
    assert.equal(runIdOfPath(layout, '/elsewhere/runs/2026-12-01-db-failover/run.yaml', isRun), undefined);
  });
});
