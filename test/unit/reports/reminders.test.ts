import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../../../src/core/files/problem';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { dueReminders, type DueItem } from '../../../src/core/runs/reminders';
import { breakRunFile, plusHours, removeRepo, runDir, tempRepo, writePlaybook, writeRetrospective, writeRun, writeTimeline } from './fixtures';

const ENDED = '2024-05-01T10:00:00Z';
const NOW = new Date(plusHours(ENDED, 9));

describe('dueReminders', () => {
  let dir: string;
  let items: DueItem[];
  const skipped: Array<{ run: string; problems: Problem[] }> = [];

  before(() => {
    dir = tempRepo();
    writePlaybook(dir, 'incident', 'Incident response');
    const finished = (id: string, endedAt: string, retroReminder: string, owner = 'alice'): void =>
      writeRun(dir, id, { playbook: 'incident', owner, startedAt: plusHours(endedAt, -3), endedAt, retroReminder });

    finished('retro-4h', ENDED, '4h', 'carol');
    writeRetrospective(dir, 'retro-4h', { status: 'draft', metrics: {} });
    finished('retro-once', plusHours(ENDED, -1), 'once');
    writeRetrospective(dir, 'retro-once', { status: 'draft', metrics: {} });
    // No retrospective file yet: as due as a draft.
    finished('retro-24h', plusHours(ENDED, -50), '24h');
    finished('retro-published', plusHours(ENDED, -5), '1h');
    writeRetrospective(dir, 'retro-published', { status: 'published', metrics: {}, publishedAt: plusHours(ENDED, -4) });
    finished('retro-skipped', plusHours(ENDED, -5), '1h');
    writeRetrospective(dir, 'retro-skipped', { status: 'skipped', metrics: {}, skippedAt: plusHours(ENDED, -4) });
    writeRun(dir, 'retro-disabled', { playbook: 'incident', startedAt: plusHours(ENDED, -5), endedAt: ENDED, retroEnabled: false });
    // A finished run's timeline is not read for reminders, so a broken one does not hide its retro reminder.
    finished('retro-broken-timeline', plusHours(ENDED, 7), 'once');
    writeRetrospective(dir, 'retro-broken-timeline', { status: 'draft', metrics: {} });
    fs.writeFileSync(path.join(runDir(dir, 'retro-broken-timeline'), 'timeline.yaml'), 'events: [\n');

    const started = plusHours(ENDED, -5);
    writeRun(dir, 'status-overdue', { playbook: 'incident', startedAt: started, statusReminder: '1h' });
    writeTimeline(dir, 'status-overdue', [
      { at: plusHours(started, 2.5), details: 'Rolled back.' },
      { at: plusHours(started, 1), details: 'Investigating.' },
      { at: plusHours(started, 4), type: 'note', summary: 'Not a status update' },
    ]);
    writeRun(dir, 'status-fresh', { playbook: 'incident', startedAt: plusHours(ENDED, 8), statusReminder: '2h' });
    writeRun(dir, 'status-disabled', { playbook: 'incident', startedAt: started, statusEnabled: false, statusReminder: '1h' });
    writeRun(dir, 'status-no-cadence', { playbook: 'incident', startedAt: started });
    // An in-progress run's retrospective is not read, so a broken one does not matter.
    writeRun(dir, 'status-broken-retro', { playbook: 'incident', startedAt: plusHours(ENDED, 6), statusReminder: '5h' });
    fs.writeFileSync(path.join(runDir(dir, 'status-broken-retro'), 'retrospective.md'), 'no front matter\n');

    breakRunFile(dir, 'broken-run', 'apiVersion: git-playbooks/v1\nkind: Run\nstatus: [\n');
    writeRun(dir, 'status-broken-timeline', { playbook: 'incident', startedAt: started, statusReminder: '1h' });
    fs.writeFileSync(path.join(runDir(dir, 'status-broken-timeline'), 'timeline.yaml'), 'apiVersion: git-playbooks/v1\nkind: Timeline\nevents: 3\n');

    items = dueReminders(PlaybooksRepository.at(dir), NOW, { onSkipped: (run, problems) => skipped.push({ run, problems }) });
  });

  after(() => removeRepo(dir));

  const find = (run: string): DueItem => {
    const item = items.find((candidate) => candidate.run === run);
    assert.ok(item, `a reminder for ${run}`);
    return item;
  };

  it('repeats retrospective reminders every interval after the run ended', () => {
    assert.deepEqual(find('retro-4h'), {
      kind: 'retrospective',
      run: 'retro-4h',
      runName: 'retro-4h',
      playbook: 'incident',
      owner: 'carol',
      since: ENDED,
      dueAt: ENDED,
      lastReminderAt: plusHours(ENDED, 8),
      nextReminderAt: plusHours(ENDED, 12),
      overdue: true,
    });
  });

  it('reminds once at the end when the interval is "once"', () => {
    const once = find('retro-once');
    assert.equal(once.lastReminderAt, plusHours(ENDED, -1));
    assert.equal(once.nextReminderAt, null);
    assert.equal(once.overdue, true);
  });

  it('counts whole days for a 24h interval', () => {
    // Ended 59 hours before now: reminders at +0h, +24h, +48h; the next at +72h.
    const daily = find('retro-24h');
    assert.equal(daily.since, plusHours(ENDED, -50));
    assert.equal(daily.lastReminderAt, plusHours(ENDED, -50 + 48));
    assert.equal(daily.nextReminderAt, plusHours(ENDED, -50 + 72));
  });

  it('does not remind about published, skipped or disabled retrospectives', () => {
    const runs = items.map((item) => item.run);
    for (const run of ['retro-published', 'retro-skipped', 'retro-disabled']) assert.ok(!runs.includes(run), run);
  });

  it('marks a status update overdue one cadence after the latest update, and reminds again every cadence', () => {
    const started = plusHours(ENDED, -5);
    assert.deepEqual(find('status-overdue'), {
      kind: 'status_update',
      run: 'status-overdue',
      runName: 'status-overdue',
      playbook: 'incident',
      owner: 'alice',
      since: plusHours(started, 2.5),
      dueAt: plusHours(started, 3.5),
      lastReminderAt: plusHours(started, 13.5),
      nextReminderAt: plusHours(started, 14.5),
      overdue: true,
    });
  });

  it('counts from the start when there is no update yet, and is not overdue before the cadence', () => {
    const fresh = find('status-fresh');
    assert.equal(fresh.since, plusHours(ENDED, 8));
    assert.equal(fresh.nextReminderAt, plusHours(ENDED, 10));
    assert.equal(fresh.lastReminderAt, null);
    assert.equal(fresh.overdue, false);
  });

  it('reads only what each kind of reminder needs', () => {
    assert.equal(find('retro-broken-timeline').lastReminderAt, plusHours(ENDED, 7));
    assert.equal(find('status-broken-retro').nextReminderAt, plusHours(ENDED, 11));
    assert.ok(!items.some((item) => item.run === 'status-disabled' || item.run === 'status-no-cadence'));
  });

  it('skips runs whose files have errors and says so', () => {
    assert.deepEqual(skipped.map((entry) => entry.run), ['broken-run', 'status-broken-timeline']);
    assert.ok(skipped.every((entry) => entry.problems.length > 0 && entry.problems.every((problem) => problem.severity === 'error')));
    assert.ok(!items.some((item) => item.run === 'broken-run' || item.run === 'status-broken-timeline'));
  });

  it('lists overdue reminders first, oldest first, then upcoming ones', () => {
    assert.deepEqual(
      items.map((item) => item.run),
      ['retro-24h', 'retro-once', 'retro-broken-timeline', 'retro-4h', 'status-overdue', 'status-fresh', 'status-broken-retro'],
    );
    const overdue = items.filter((item) => item.overdue).length;
    assert.ok(items.slice(0, overdue).every((item) => item.overdue));
  });

  it('serialises to the JSON the CLI prints', () => {
    const json = JSON.parse(JSON.stringify(items)) as Array<Record<string, unknown>>;
    assert.equal(json[0]?.['run'], 'retro-24h');
    assert.equal(json[0]?.['playbook'], 'incident');
    assert.equal(json[0]?.['nextReminderAt'], plusHours(ENDED, 22));
    assert.equal(json.find((item) => item['run'] === 'retro-once')?.['nextReminderAt'], null);
  });
});
