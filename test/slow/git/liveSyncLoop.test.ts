import assert from 'node:assert/strict';
import { teamWithRun, type Clone } from '../../helpers/syncClones';
import { readFile } from '../../helpers/tempRepo';
import { Layout } from '../../../src/core/repository/layout';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { postStatusUpdate } from '../../../src/core/runs/runOperations';
import { EMPTY_SCHEDULE, nextSync, noteAttempt, noteChange, timingsFor, type SyncSchedule } from '../../../src/core/sync/liveSyncPlan';
import { incomingNotices, syncStatusBar, type SyncNotice } from '../../../src/core/sync/liveSyncWording';
import { syncPlaybooks } from '../../../src/git/syncPlaybooks';
import { runPath } from '../../helpers/runPaths';

/**
 * The editor's live-sync plan driving the real engine over a real bare remote, on a fake clock:
 * what the VS Code part does with timers, minus VS Code. Two people, each with a clone.
 */

const S = 1000;
const timings = timingsFor(15);
const UNREACHABLE = 'http://127.0.0.1:9/remote.git';

interface Person {
  name: string;
  clone: Clone;
  schedule: SyncSchedule;
  notices: Array<SyncNotice & { at: number }>;
  offline: boolean;
}

function person(name: string, clone: Clone): Person {
  return { name, clone, schedule: EMPTY_SCHEDULE, notices: [], offline: false };
}

describe('live sync plan over the real engine (two clones, fake clock)', function () {
  this.timeout(120_000);
  let now = 0;
  let runId: string;
  let alice: Person;
  let bob: Person;

  /** One attempt for one person, as FolderLiveSync makes it. */
  async function attempt(who: Person): Promise<void> {
    const startedAt = now;
    const runs = who.schedule.changedRuns.length > 0 ? who.schedule.changedRuns : [runId];
    const outcome = await syncPlaybooks(who.clone.root, new Layout(who.clone.root), { actor: who.name, now: new Date(Date.UTC(2026, 11, 2) + now), runs, offline: 'queue', gitEnv: who.clone.env });
    who.schedule = noteAttempt(who.schedule, startedAt, now, { committed: outcome.committed !== undefined, pushed: outcome.pushed, offline: outcome.offline });
    who.offline = outcome.offline;
    const identities = [who.name, `${who.name.toLowerCase()}@example.com`];
    who.notices.push(...incomingNotices(outcome.incoming, identities).map((notice) => ({ ...notice, at: now })));
  }

  /** Moves the clock to `until`, running every attempt that falls due on the way, earliest first. */
  async function advance(until: number): Promise<void> {
    for (;;) {
      const due = [alice, bob]
        .map((who) => ({ who, next: nextSync(who.schedule, timings, true) }))
        .filter((entry) => entry.next !== undefined && entry.next.at <= until)
        .sort((a, b) => (a.next?.at ?? 0) - (b.next?.at ?? 0))[0];
      if (!due?.next) break;
      now = Math.max(now, due.next.at);
      await attempt(due.who);
    }
    now = until;
  }

  function post(who: Person, message: string): void {
    postStatusUpdate(new PlaybooksRepository(new Layout(who.clone.root)), { actor: who.name, now: () => new Date(Date.UTC(2026, 11, 2) + now) }, runId, message);
    who.schedule = noteChange(who.schedule, now, [runId]);
  }

  const timeline = (who: Person): string => readFile(who.clone.root, `${runPath(runId)}/timeline.yaml`);

  before(async () => {
    const team = await teamWithRun();
    runId = team.runId;
    alice = person('Alice', team.first);
    bob = person('Bob', team.clone('Bob'));
    await advance(1 * S); // both sync once on start
  });

  it("brings Alice's status update to Bob within one fetch interval of her posting it, and tells Bob who posted", async () => {
    post(alice, 'Failing over to the replica');
    const postedAt = now;
    await advance(postedAt + 20 * S);
    assert.match(timeline(bob), /Failing over to the replica/, "in Bob's work tree");
    const notice = bob.notices.find((each) => each.message.includes('Failing over'));
    assert.ok(notice, `Bob was notified: ${JSON.stringify(bob.notices)}`);
    assert.equal(notice.message, '"DB down": Alice posted a status update: Failing over to the replica');
    assert.ok(notice.at - postedAt <= timings.pushDelayMs + timings.fetchIntervalMs, `came in ${(notice.at - postedAt) / S} s after it was posted`);
    assert.deepEqual(alice.notices, [], 'Alice is not told about her own update');
  });

  it('offline: the update waits as a local commit, the status bar says so, and it reaches Bob once the remote answers', async () => {
    const remote = alice.clone.git(['remote', 'get-url', 'origin']).trim();
    alice.clone.git(['remote', 'set-url', 'origin', UNREACHABLE]);
    post(alice, 'Replica promoted; writes are back');
    await advance(now + 10 * S);
    assert.equal(alice.offline, true);
    assert.equal(alice.schedule.waiting, 1, 'one local commit waits');
    assert.equal(alice.clone.git(['status', '--porcelain', '--', 'playbooks']), '', 'committed locally');
    const view = { folderName: 'alice', mode: 'auto' as const, phase: 'offline' as const, runInProgress: true, newEvents: 0, waiting: alice.schedule.waiting };
    assert.equal(syncStatusBar([view], now)?.text, '$(cloud-offline) Offline — 1 change waiting');
    assert.doesNotMatch(timeline(bob), /Replica promoted/);

    alice.clone.git(['remote', 'set-url', 'origin', remote]);
    const back = now;
    await advance(now + 3 * 60 * S);
    assert.equal(alice.offline, false);
    assert.equal(alice.schedule.waiting, 0, 'sent');
    assert.match(timeline(bob), /Replica promoted; writes are back/);
    const notice = bob.notices.find((each) => each.message.includes('Replica promoted'));
    assert.ok(notice && notice.at - back <= 2 * 60 * S, `within the backoff of the remote answering again (${notice ? (notice.at - back) / S : '?'} s)`);
  });
});
