import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { dueReminders, type DueItem } from '../../../src/core/runs/reminders';
import {
  describeCounts,
  dueItems,
  isCurrentUser,
  notificationMessage,
  reminderCandidates,
  remindingItems,
  slotOf,
  statusBarContent,
} from '../../../src/core/runs/reminders';
import { ReminderStore } from '../../../src/reminders/reminderStore';
import { plusHours, removeRepo, runDir, tempRepo, writePlaybook, writeRetrospective, writeRun, writeTimeline } from '../reports/fixtures';

const ENDED = '2024-05-01T10:00:00Z';
const at = (hours: number): Date => new Date(plusHours(ENDED, hours));

function item(fields: Partial<DueItem>): DueItem {
  return {
    kind: 'retrospective',
    run: 'r',
    runName: 'R',
    playbook: 'incident',
    owner: 'alice',
    since: ENDED,
    dueAt: ENDED,
    lastReminderAt: ENDED,
    nextReminderAt: null,
    overdue: true,
    ...fields,
  };
}

describe('reminder plan', () => {
  let dir: string;
  let repo: PlaybooksRepository;

  before(() => {
    dir = tempRepo();
    repo = PlaybooksRepository.at(dir);
    writePlaybook(dir, 'incident', 'Incident response');
    const finished = (id: string, reminder: string, owner = 'alice'): void =>
      writeRun(dir, id, { playbook: 'incident', owner, startedAt: plusHours(ENDED, -3), endedAt: ENDED, retroReminder: reminder });
    finished('retro-4h', '4h', 'carol');
    writeRetrospective(dir, 'retro-4h', { status: 'draft', metrics: {} });
    finished('retro-once', 'once');
    finished('retro-published', '1h');
    writeRetrospective(dir, 'retro-published', { status: 'published', metrics: {}, publishedAt: plusHours(ENDED, 1) });
    finished('retro-skipped', '1h');
    writeRetrospective(dir, 'retro-skipped', { status: 'skipped', metrics: {}, skippedAt: plusHours(ENDED, 1) });
    writeRun(dir, 'retro-off', { playbook: 'incident', startedAt: plusHours(ENDED, -3), endedAt: ENDED, retroEnabled: false });
    writeRun(dir, 'status-alice', { playbook: 'incident', owner: 'alice', startedAt: plusHours(ENDED, -2), statusReminder: '1h' });
    writeTimeline(dir, 'status-alice', [{ at: plusHours(ENDED, 1) }]);
    writeRun(dir, 'status-bob', { playbook: 'incident', owner: 'bob', startedAt: plusHours(ENDED, -2), statusReminder: '1h' });
    writeRun(dir, 'status-none', { playbook: 'incident', startedAt: plusHours(ENDED, -2) });
    fs.mkdirSync(runDir(dir, 'broken'), { recursive: true });
    fs.writeFileSync(path.join(runDir(dir, 'broken'), 'run.yaml'), 'kind: [\n');
  });
  after(() => removeRepo(dir));

  it('asks dueReminders only about runs the index says may be due, with the same answer', () => {
    const snapshot = new RepositoryIndex(repo).refresh();
    // status-none has status updates on without a cadence: only a request for an update reminds it.
    assert.deepEqual(reminderCandidates(snapshot), ['retro-4h', 'retro-once', 'status-alice', 'status-bob', 'status-none']);
    for (const hours of [-1, 0, 2, 9, 30]) {
      assert.deepEqual(dueItems(repo, snapshot, at(hours)), dueReminders(repo, at(hours)), `at ${hours}h`);
    }
  });

  it('reminds of every overdue retrospective, but of status updates only their owner', () => {
    const items = dueItems(repo, new RepositoryIndex(repo).refresh(), at(9));
    const runs = (identities: string[], muted: string[] = []): string[] =>
      remindingItems(items, identities, new Set(muted)).map((entry) => `${entry.kind}:${entry.run}`).sort();
    assert.deepEqual(runs(['Alice', 'alice@example.com']), ['retrospective:retro-4h', 'retrospective:retro-once', 'status_update:status-alice']);
    assert.deepEqual(runs(['bob']), ['retrospective:retro-4h', 'retrospective:retro-once', 'status_update:status-bob']);
    assert.deepEqual(runs(['bob'], ['status-bob', 'retro-once']), ['retrospective:retro-4h']);
    // Not yet overdue: nothing reminds.
    assert.deepEqual(remindingItems([item({ overdue: false, lastReminderAt: null })], ['alice'], new Set()), []);
  });

  it('matches the owner by name, handle or e-mail, ignoring case', () => {
    assert.ok(isCurrentUser('Alice', ['alice']));
    assert.ok(isCurrentUser('@alice', ['ALICE']));
    assert.ok(isCurrentUser('alice@example.com', ['Alice Example', 'Alice@Example.com']));
    assert.ok(!isCurrentUser('alice', ['alice-2', 'Alice Example']));
    assert.ok(!isCurrentUser('', ['']));
  });

  it('notifies about each reminder once per interval, whichever window checks', async () => {
    const store = (): ReminderStore => new ReminderStore(path.join(dir, '.git', 'git-playbooks', 'reminders.json'));
    const snapshot = new RepositoryIndex(repo).refresh();
    const notifyAt = async (hours: number): Promise<string[]> => {
      const items = remindingItems(dueItems(repo, snapshot, at(hours)), ['carol'], await store().mutedRuns());
      const claimed = await store().claim(items.flatMap((entry) => slotOf(entry) ?? []));
      return claimed.map((slot) => `${slot.run}@${slot.at}`).sort();
    };
    assert.deepEqual(await notifyAt(-1), [], 'before the runs ended');
    assert.deepEqual(await notifyAt(0), [`retro-4h@${ENDED}`, `retro-once@${ENDED}`]);
    assert.deepEqual(await notifyAt(3), [], 'within the first interval');
    assert.deepEqual(await notifyAt(4), [`retro-4h@${plusHours(ENDED, 4)}`], 'the 4h interval fell; "once" does not repeat');
    await store().mute('retro-4h', at(5));
    assert.deepEqual(await notifyAt(8), [], 'muted');
  });

  it('words the status bar and the notification', () => {
    const retro = item({ runName: 'Primary DB down' });
    const update = item({ kind: 'status_update', runName: 'Checkout errors' });
    assert.equal(statusBarContent([]), undefined);
    assert.deepEqual(statusBarContent([retro, retro, update]), { text: '$(bell) 3', tooltip: '2 retrospectives and 1 status update due' });
    assert.equal(describeCounts([update, update]), '2 status updates');
    assert.equal(notificationMessage([retro]), 'Retrospective of "Primary DB down" is due');
    assert.equal(notificationMessage([update]), 'Status update for "Checkout errors" is overdue');
    assert.equal(notificationMessage([retro, retro, retro]), '3 retrospectives are due');
    assert.equal(notificationMessage([retro, update]), '1 retrospective and 1 status update are due');
    assert.deepEqual(slotOf(item({ lastReminderAt: null })), undefined);
  });
});
