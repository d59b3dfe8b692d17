import assert from 'node:assert/strict';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { describeItem, dueItems, dueReminders, type DueItem } from '../../../src/core/runs/reminders';
import { plusHours, removeRepo, tempRepo, writePlaybook, writeRetrospective, writeRun, writeTimeline } from '../reports/fixtures';

const START = '2024-05-01T10:00:00Z';
const at = (hours: number): Date => new Date(plusHours(START, hours));
const hoursAfter = (hours: number): string => plusHours(START, hours);

/** What the reminder of one run looks like at a time: when it fell last, when it falls next. */
function reminderOf(repo: PlaybooksRepository, run: string, hours: number): Pick<DueItem, 'overdue' | 'lastReminderAt' | 'nextReminderAt' | 'requestedBy'> | undefined {
  const item = dueReminders(repo, at(hours)).find((candidate) => candidate.run === run);
  if (item === undefined) return undefined;
  return { overdue: item.overdue, lastReminderAt: item.lastReminderAt, nextReminderAt: item.nextReminderAt, ...(item.requestedBy !== undefined ? { requestedBy: item.requestedBy } : {}) };
}

describe('reminders after a switch or a request (retrospective on again, status updates on again, update requested)', () => {
  let dir: string;
  let repo: PlaybooksRepository;

  before(() => {
    dir = tempRepo();
    repo = PlaybooksRepository.at(dir);
    writePlaybook(dir, 'incident', 'Incident response');
    // Finished at +2h with a 4h reminder (+2h, +6h, +10h…); turned off at +3h and on again at +11h.
    writeRun(dir, 'retro-again', { playbook: 'incident', startedAt: START, endedAt: hoursAfter(2), retroReminder: '4h' });
    writeRetrospective(dir, 'retro-again', { status: 'draft', metrics: {} });
    writeTimeline(dir, 'retro-again', [
      { at: hoursAfter(3), type: 'retrospective_disabled' },
      { at: hoursAfter(11), type: 'retrospective_enabled' },
    ]);
    writeRun(dir, 'retro-again-once', { playbook: 'incident', startedAt: START, endedAt: hoursAfter(2), retroReminder: 'once' });
    writeTimeline(dir, 'retro-again-once', [{ at: hoursAfter(10), type: 'retrospective_enabled' }]);
    // Hourly updates; the last at +1h, then a request at +1.5h, answered by an update at +3h.
    writeRun(dir, 'requested', { playbook: 'incident', owner: 'bob', startedAt: START, statusReminder: '1h' });
    writeTimeline(dir, 'requested', [
      { at: hoursAfter(1) },
      { at: hoursAfter(1.5), type: 'status_update_requested' },
      { at: hoursAfter(3) },
    ]);
    writeRun(dir, 'requested-no-cadence', { playbook: 'incident', owner: 'bob', startedAt: START });
    writeTimeline(dir, 'requested-no-cadence', [{ at: hoursAfter(5), type: 'status_update_requested' }]);
    writeRun(dir, 'requested-then-off', { playbook: 'incident', startedAt: START });
    writeTimeline(dir, 'requested-then-off', [
      { at: hoursAfter(1), type: 'status_update_requested' },
      { at: hoursAfter(2), type: 'status_updates_disabled' },
      { at: hoursAfter(3), type: 'status_updates_enabled' },
    ]);
    writeRun(dir, 'requested-while-off', { playbook: 'incident', startedAt: START, statusEnabled: false, statusReminder: '1h' });
    writeTimeline(dir, 'requested-while-off', [{ at: hoursAfter(1), type: 'status_update_requested' }]);
    // Hourly updates, turned on again at +5h: the hour counts from then, not from the start.
    writeRun(dir, 'updates-again', { playbook: 'incident', startedAt: START, statusReminder: '1h' });
    writeTimeline(dir, 'updates-again', [
      { at: hoursAfter(0.5), type: 'status_updates_disabled' },
      { at: hoursAfter(5), type: 'status_updates_enabled' },
    ]);
  });
  after(() => removeRepo(dir));

  it('a retrospective turned on again after the finish reminds at once, then every interval from then', () => {
    assert.deepEqual(reminderOf(repo, 'retro-again', 11.5), { overdue: true, lastReminderAt: hoursAfter(11), nextReminderAt: hoursAfter(15) }, 'not +10h, the finish\'s schedule');
    assert.deepEqual(reminderOf(repo, 'retro-again', 16), { overdue: true, lastReminderAt: hoursAfter(15), nextReminderAt: hoursAfter(19) });
    assert.deepEqual(reminderOf(repo, 'retro-again-once', 11), { overdue: true, lastReminderAt: hoursAfter(10), nextReminderAt: null }, '"once" reminds once more, at the switch');
  });

  it('a request makes the owner\'s reminder due at once, says who asked, and an update answers it', () => {
    assert.deepEqual(reminderOf(repo, 'requested', 1.4), { overdue: false, lastReminderAt: null, nextReminderAt: hoursAfter(2) });
    assert.deepEqual(reminderOf(repo, 'requested', 1.6), { overdue: true, lastReminderAt: hoursAfter(1.5), nextReminderAt: hoursAfter(2.5), requestedBy: 'alice' });
    const item = dueReminders(repo, at(1.6)).find((candidate) => candidate.run === 'requested');
    assert.ok(item);
    assert.equal(describeItem(item), 'alice requested a status update for "requested"');
    assert.deepEqual(reminderOf(repo, 'requested', 3.5), { overdue: false, lastReminderAt: null, nextReminderAt: hoursAfter(4) }, 'answered by the update at +3h');
  });

  it('a request reminds even without a cadence, once; with status updates off it reminds no one', () => {
    assert.equal(reminderOf(repo, 'requested-no-cadence', 4), undefined);
    assert.deepEqual(reminderOf(repo, 'requested-no-cadence', 6), { overdue: true, lastReminderAt: hoursAfter(5), nextReminderAt: null, requestedBy: 'alice' });
    assert.equal(reminderOf(repo, 'requested-while-off', 6), undefined);
    assert.equal(reminderOf(repo, 'requested-then-off', 6), undefined, 'turning status updates off dropped the request');
  });

  it('status updates turned on again count their cadence from the switch', () => {
    assert.deepEqual(reminderOf(repo, 'updates-again', 5.5), { overdue: false, lastReminderAt: null, nextReminderAt: hoursAfter(6) });
    assert.deepEqual(reminderOf(repo, 'updates-again', 6.2), { overdue: true, lastReminderAt: hoursAfter(6), nextReminderAt: hoursAfter(7) });
  });

  it('the index hands the same runs to the extension\'s check as dueReminders sees', () => {
    const snapshot = new RepositoryIndex(repo).refresh();
    for (const hours of [1.6, 6, 11, 15]) assert.deepEqual(dueItems(repo, snapshot, at(hours)), dueReminders(repo, at(hours)), `at ${hours}h`);
  });
});
