import assert from 'node:assert/strict';
import { Layout } from '../../../src/core/repository/layout';
import { OperationRefused } from '../../../src/core/model/errors';
import type { TimelineEvent } from '../../../src/core/model/types';
import { renderEventLine, renderTimelineHeader } from '../../../src/core/runs/timelineFile';
import { groupByRun, isProse, isSyncedFile, runIdOfPath, syncScope } from '../../../src/core/sync/syncPaths';
import { incomingRunChanges, incomingSummary, localCommitMessage, type RunChangeTexts } from '../../../src/core/sync/syncPlan';
import { readRunFacts } from '../../../src/core/sync/runTexts';

const RUN = '2026-11-30-db-failover';

function event(id: string, actor: string, summary: string, at = '2026-11-30T10:00:00Z', type: TimelineEvent['type'] = 'note'): TimelineEvent {
  return { id, at, type, actor, summary };
}

function timeline(...events: TimelineEvent[]): string {
  return `${renderTimelineHeader('DB failover')}${events.map((each) => `${renderEventLine(each)}\n`).join('')}`;
}

function runYaml(owner: string, status = 'in_progress', name = 'DB failover'): string {
  return `# kept by hand\napiVersion: git-playbooks/v1\nkind: Run\nname: ${name}\nplaybook: db\nowner: ${owner}\nstatus: ${status}\n`;
}

const started = event('e1', 'alice', 'Run started', '2026-11-30T09:00:00Z', 'run_started');

describe('sync plan: which files, which runs', function () {
  const layout = new Layout('/repo');

  it('finds the run a file belongs to through the layout, wherever the layout puts run folders', function () {
    // Dated runs live in the folder of their month, others flat: found through runDir alone (and
    // the year folder "2026" is not taken for a flat run).
    assert.equal(runIdOfPath(layout, `playbooks/runs/2026/11/${RUN}/timeline.yaml`), RUN);
    assert.equal(runIdOfPath(layout, 'playbooks/db.yaml'), undefined);
    assert.equal(runIdOfPath(layout, 'src/runs/x/timeline.yaml'), undefined);
    const months = layout;
    assert.equal(runIdOfPath(months, `playbooks/runs/2026/11/${RUN}/run.yaml`), RUN);
    assert.equal(runIdOfPath(months, `playbooks/runs/${RUN}/run.yaml`), undefined, 'not where this layout keeps that run');
    assert.equal(runIdOfPath(months, 'playbooks/runs/undated-run/timeline.yaml'), 'undated-run');
    assert.equal(runIdOfPath(months, `playbooks/runs/2026/11/${RUN}/attachments/graph.png`), RUN);
    assert.deepEqual(groupByRun(months, [`playbooks/runs/2026/11/${RUN}/run.yaml`, `playbooks/runs/2026/11/${RUN}/timeline.yaml`, 'playbooks/README.md']), { runIds: [RUN], otherFiles: ['playbooks/README.md'] });
  });

  it('commits the whole folder, or only the named runs\' folders; an unknown or unsafe run id is refused', function () {
    assert.deepEqual(syncScope(layout, undefined, () => true), ['playbooks']);
    assert.deepEqual(syncScope(layout, [RUN, RUN], () => true), [`playbooks/runs/2026/11/${RUN}`]);
    assert.throws(() => syncScope(layout, ['nope'], () => false), (error: unknown) => error instanceof OperationRefused && /no run "nope"/.test(error.message));
    assert.throws(() => syncScope(layout, ['../../etc'], () => true), /Run/);
  });

  it('lets only Markdown keep conflict markers', function () {
    assert.equal(isProse(`playbooks/runs/${RUN}/retrospective.md`), true);
    assert.equal(isProse(`playbooks/runs/${RUN}/run.yaml`), false);
  });

  it('never commits lock, temporary or staging leftovers', function () {
    assert.equal(isSyncedFile(`playbooks/runs/${RUN}/timeline.yaml`), true);
    assert.equal(isSyncedFile(`playbooks/runs/${RUN}/.lock`), false);
    assert.equal(isSyncedFile(`playbooks/runs/${RUN}/run.yaml.tmp`), false);
    assert.equal(isSyncedFile(`playbooks/runs/.staging-${RUN}-ab12/run.yaml`), false);
  });
});

describe('sync plan: the commit message', function () {
  it('names the one new event in the subject, lists events in the body and ends with the run\'s trailer', function () {
    const message = localCommitMessage([{ runId: RUN, before: { run: runYaml('alice'), timeline: timeline(started) }, after: { run: runYaml('alice'), timeline: timeline(started, event('e2', 'bob', 'Replica lag 40 s', '2026-11-30T10:05:00Z')) } }], [], 'bob');
    assert.equal(message, [`DB failover: Replica lag 40 s`, '', `${RUN} (DB failover):`, '- 2026-11-30T10:05:00Z bob: Replica lag 40 s', '', 'Synced by bob with git-playbooks.', '', `Playbook-Run: ${RUN}`].join('\n'));
  });

  it('counts events per run and gives each run its own Playbook-Run trailer', function () {
    const other = '2026-11-29-disk-full';
    const many = Array.from({ length: 25 }, (_, i) => event(`n${i}`, i % 2 === 0 ? 'alice' : 'bob', `note ${i}`, `2026-11-30T10:${String(i).padStart(2, '0')}:00Z`));
    const runs: RunChangeTexts[] = [
      { runId: RUN, before: { run: runYaml('alice'), timeline: timeline(started) }, after: { run: runYaml('alice'), timeline: timeline(started, ...many) } },
      { runId: other, before: {}, after: { run: runYaml('carol', 'in_progress', 'Disk full'), timeline: timeline(event('d1', 'carol', 'Run started')) } },
    ];
    const message = localCommitMessage(runs, ['playbooks/db.yaml'], 'alice');
    const lines = message.split('\n');
    assert.equal(lines[0], 'Playbooks: 26 events in 2 runs');
    assert.deepEqual(lines.slice(-2), [`Playbook-Run: ${RUN}`, `Playbook-Run: ${other}`]);
    assert.ok(lines.includes('- and 5 more'), 'at most 20 event lines per run');
    assert.ok(lines.includes('Also: playbooks/db.yaml'));
    const single = localCommitMessage([runs[0] as RunChangeTexts], [], 'alice');
    assert.equal(single.split('\n')[0], 'DB failover: 25 events by alice and bob');
  });

  it('says what changed when no event did (a checklist edit, a playbook)', function () {
    assert.equal(localCommitMessage([{ runId: RUN, before: { run: runYaml('alice') }, after: { run: `${runYaml('alice')}# edited\n` } }], [], 'alice').split('\n')[0], 'DB failover: update the run');
    assert.equal(localCommitMessage([], ['playbooks/db.yaml'], 'alice').split('\n')[0], 'Playbooks: update playbooks/db.yaml');
  });
});

describe('sync plan: what came in', function () {
  it('counts new events by actor and says who owns the run now, and whether it finished or was restored', function () {
    const before = { run: runYaml('alice'), timeline: timeline(started) };
    const after = {
      run: runYaml('carol', 'finished'),
      timeline: timeline(started, event('e3', 'bob', 'Owner changed', '2026-11-30T10:02:00Z', 'owner_changed'), event('e2', 'bob', 'Lag', '2026-11-30T10:01:00Z'), event('e4', 'carol', 'Done', '2026-11-30T10:03:00Z', 'run_finished')),
    };
    const changes = incomingRunChanges([{ runId: RUN, before, after }]);
    assert.deepEqual(changes.map((change) => ({ ...change, events: change.events.map((each) => each.id) })), [{ runId: RUN, runName: 'DB failover', events: ['e2', 'e3', 'e4'], ownerNow: 'carol', statusNow: 'finished' }]);
    assert.deepEqual(incomingSummary(changes), [`${RUN}: 2 events from bob, 1 from carol; owner is now carol; finished`]);
    const restored = incomingRunChanges([{ runId: RUN, before: { run: runYaml('carol', 'finished') }, after: { run: runYaml('carol') } }]);
    assert.deepEqual(incomingSummary(restored), [`${RUN}: restored (in progress again)`]);
  });

  it('tells a run started or removed elsewhere, and lists other files that came in', function () {
    const changes = incomingRunChanges([
      { runId: RUN, before: {}, after: { run: runYaml('bob'), timeline: timeline(event('e1', 'bob', 'Run started')) } },
      { runId: 'old-run', before: { run: runYaml('bob') }, after: {} },
    ]);
    assert.equal(changes[0]?.newRun, true);
    assert.equal(changes[0]?.ownerNow, undefined, 'a new run has no owner change');
    assert.deepEqual(incomingSummary(changes, { folder: 'playbooks', inFolder: ['playbooks/db.yaml'], outsideCount: 3 }), [
      `${RUN}: new run "DB failover"; 1 event from bob`,
      'old-run: removed',
      'also: playbooks/db.yaml changed; 3 files outside playbooks/',
    ]);
  });

  it('reads a half-merged or hand-broken file without failing: what cannot be read is left out', function () {
    const conflicted = `${runYaml('alice')}<<<<<<< ours\nowner: bob\n=======\nowner: carol\n>>>>>>> theirs\n`;
    assert.deepEqual(readRunFacts({ run: conflicted, timeline: 'events: [1, {id: x}]\n' }), { exists: true, events: [] });
    const changes = incomingRunChanges([{ runId: RUN, before: { run: runYaml('alice') }, after: { run: conflicted } }]);
    assert.deepEqual(incomingSummary(changes), [`${RUN}: updated`]);
  });
});
