import assert from 'node:assert/strict';
import { ago, incomingNotices, outcomeLine, syncStatusBar, type FolderSyncView, type IncomingRunNews } from '../../../src/core/sync/liveSyncWording';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const S = 1000;

function view(fields: Partial<FolderSyncView>): FolderSyncView {
  return { folderName: 'checkout-service', mode: 'auto', phase: 'idle', runInProgress: true, newEvents: 0, waiting: 0, ...fields };
}

const ME = ['alice', 'alice@example.com', 'alice-os'];

function news(events: IncomingRunNews['events'], fields: Partial<IncomingRunNews> = {}): IncomingRunNews {
  return { runId: '2026-12-01-db-failover', runName: 'DB failover', events, ...fields };
}

describe('live sync wording', () => {
  it('says how long ago, in seconds, then minutes, then hours', () => {
    assert.deepEqual([0, 999, 4_000, 59_999, 60_000, 3_599_000, 7_200_000].map(ago), ['just now', 'just now', '4 s ago', '59 s ago', '1 min ago', '59 min ago', '2 h ago']);
  });

  it('shows "Run synced 4 s ago · 2 new" while a run is in progress', () => {
    assert.deepEqual(syncStatusBar([view({ lastSyncedAt: NOW - 4 * S, newEvents: 2 })], NOW), {
      text: '$(check) Run synced 4 s ago · 2 new',
      tooltip: 'synced 4 s ago, 2 new events from others\nClick to sync now.',
    });
    assert.equal(syncStatusBar([view({ lastSyncedAt: NOW - 4 * S })], NOW)?.text, '$(check) Run synced 4 s ago');
  });

  it('keeps the last sync time during a routine fetch instead of flashing "Syncing"', () => {
    assert.equal(syncStatusBar([view({ phase: 'syncing', lastSyncedAt: NOW - 15 * S })], NOW)?.text, '$(check) Run synced 15 s ago');
    assert.equal(syncStatusBar([view({ phase: 'syncing' })], NOW)?.text, '$(sync~spin) Syncing run…');
    assert.equal(syncStatusBar([view({ mode: 'manual' })], NOW)?.text, '$(sync) Run not synced yet');
  });

  it('says offline and how many changes wait', () => {
    const offline = syncStatusBar([view({ phase: 'offline', waiting: 3, lastSyncedAt: NOW - 90 * S })], NOW);
    assert.equal(offline?.text, '$(cloud-offline) Offline — 3 changes waiting');
    assert.match(offline?.tooltip ?? '', /the remote does not answer; 3 local commits waiting, sent when it answers again, synced 1 min ago/);
    assert.equal(syncStatusBar([view({ phase: 'offline', waiting: 1 })], NOW)?.text, '$(cloud-offline) Offline — 1 change waiting');
    assert.equal(syncStatusBar([view({ phase: 'offline' })], NOW)?.text, '$(cloud-offline) Offline — no changes waiting');
  });

  it('says sync stopped, with the refusal in the tooltip', () => {
    const stopped = syncStatusBar([view({ phase: 'stopped', stoppedReason: 'HEAD is detached: check out a branch to sync runs.' })], NOW);
    assert.equal(stopped?.text, '$(warning) Run sync stopped');
    assert.match(stopped?.tooltip ?? '', /^sync stopped: HEAD is detached/);
  });

  it('is hidden when sync is off, or nothing is in progress and nothing is waiting', () => {
    assert.equal(syncStatusBar([], NOW), undefined);
    assert.equal(syncStatusBar([view({ mode: 'off', waiting: 2, phase: 'offline' })], NOW), undefined);
    assert.equal(syncStatusBar([view({ runInProgress: false, lastSyncedAt: NOW })], NOW), undefined);
    assert.ok(syncStatusBar([view({ runInProgress: false, phase: 'offline', waiting: 1 })], NOW), 'a queued change keeps it shown');
  });

  it('sums several folders: the stalest sync, every new event and waiting change, each folder named', () => {
    const content = syncStatusBar([view({ lastSyncedAt: NOW - 4 * S, newEvents: 1 }), view({ folderName: 'payments', lastSyncedAt: NOW - 20 * S, newEvents: 2 })], NOW);
    assert.equal(content?.text, '$(check) Run synced 20 s ago · 3 new');
    assert.match(content?.tooltip ?? '', /^checkout-service: synced 4 s ago, 1 new event from others\npayments: synced 20 s ago, 2 new events from others\n/);
    assert.equal(syncStatusBar([view({ lastSyncedAt: NOW }), view({ phase: 'offline', waiting: 2 })], NOW)?.text, '$(cloud-offline) Offline — 2 changes waiting');
  });

  it('notifies a status update and an owner change made by someone else, naming who', () => {
    const notices = incomingNotices(
      [
        news([
          { type: 'status_updated', actor: 'bob', summary: 'Failing over', details: 'Failing over to the replica\nETA 10 minutes' },
          { type: 'owner_changed', actor: 'bob', summary: 'Owner changed from bob to carol', data: { from: 'bob', to: 'carol' } },
        ], { ownerNow: 'carol' }),
      ],
      ME,
    );
    assert.deepEqual(notices, [{ runId: '2026-12-01-db-failover', message: '"DB failover": bob posted a status update: Failing over to the replica; bob made carol the owner' }]);
  });

  it('says "you" when someone else made me the owner, and counts several updates', () => {
    const [notice] = incomingNotices(
      [
        news([
          { type: 'status_updated', actor: 'carol', summary: 'one', details: 'one' },
          { type: 'status_updated', actor: 'bob', summary: 'two', details: 'two' },
          { type: 'owner_changed', actor: 'bob', summary: 'Owner changed', data: { from: 'bob', to: 'alice' } },
        ]),
      ],
      ME,
    );
    assert.equal(notice?.message, '"DB failover": 2 status updates, the last from bob: two; bob made you the owner');
  });

  it('stays quiet about my own events (pushed from another clone) and about notes, tasks and the like', () => {
    const notices = incomingNotices(
      [
        news([{ type: 'status_updated', actor: 'Alice', summary: 'mine', details: 'mine' }]),
        news([{ type: 'note', actor: 'bob', summary: 'a note' }, { type: 'task_state_changed', actor: 'bob', summary: 'done' }], { runId: 'other', runName: 'Other' }),
      ],
      ME,
    );
    assert.deepEqual(notices, []);
  });

  it('notifies a run finished by someone else, and shortens a long update to one line', () => {
    const long = 'x'.repeat(300);
    const [notice] = incomingNotices([news([{ type: 'status_updated', actor: 'bob', summary: 'x', details: long }, { type: 'run_finished', actor: 'bob', summary: 'Run finished by bob' }], { statusNow: 'finished' })], ME);
    assert.equal(notice?.message, `"DB failover": bob posted a status update: ${'x'.repeat(99)}…; bob finished the run`);
  });

  it('notifies a run someone else started, and not one I started from another clone', () => {
    const started = (actor: string): IncomingRunNews => news([{ type: 'run_started', actor, summary: 'Run started' }, { type: 'note', actor, summary: 'n' }], { newRun: true });
    assert.deepEqual(incomingNotices([started('bob')], ME), [{ runId: '2026-12-01-db-failover', message: '"DB failover": bob started the run' }]);
    assert.deepEqual(incomingNotices([started('alice')], ME), []);
  });

  it('describes an outcome in one line for the output channel', () => {
    assert.equal(outcomeLine({ committed: 'abcdef0123456789', pushed: true, offline: false, incoming: [] }), 'committed abcdef01; remote up to date');
    assert.equal(outcomeLine({ committed: undefined, pushed: false, offline: true, incoming: [] }), 'offline: kept locally');
    assert.equal(outcomeLine({ committed: undefined, pushed: true, offline: false, incoming: [news([{ type: 'note', actor: 'bob', summary: 'n' }])] }), 'remote up to date; 1 event came in (2026-12-01-db-failover)');
  });
});
