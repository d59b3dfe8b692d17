import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { startRun } from '../../../src/core/runs/startRun';
import { addNote, changeOwner, changeParticipants, finishRun, postStatusUpdate, removeNote, restoreRun } from '../../../src/core/runs/runOperations';
import { changeTask } from '../../../src/core/runs/taskOperations';
import { publishRetrospective, recordMetric, skipRetrospective } from '../../../src/core/retrospectives/retrospectiveOperations';
import { OperationRefused, type OperationContext } from '../../../src/core/runs/operationContext';
import { sortEvents } from '../../../src/core/runs/timelineFile';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

function setup(): { repo: PlaybooksRepository; at: (iso: string, actor?: string) => OperationContext } {
  const root = tempDir('gp-life-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });
  return { repo, at };
}

describe('run lifecycle', () => {
  it('starts a run from the playbook: checklists with absolute due times, settings and retrospective template', () => {
    const { repo, at } = setup();
    const { runId, run } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down', owner: 'bob' });
    assert.equal(runId, '2026-11-24-primary-db-down');
    assert.equal(run.owner, 'bob');
    assert.deepEqual(run.participants, ['bob', 'alice']);
    const stored = repo.requireRun(runId);
    const [page, failover] = stored.checklists[0]?.items ?? [];
    assert.equal(page?.assignee, 'bob', 'owner assignee resolves to the run owner');
    assert.equal(page?.due, '2026-11-24T10:15:00Z');
    assert.equal(failover?.due, '2026-11-24T11:00:00Z');
    assert.equal(stored.statusUpdates.reminder, '1h');
    assert.equal(stored.retrospective.reminder, '4h');
    const retro = repo.readRetrospective(runId, repo.requirePlaybook('db-incident'));
    assert.equal(retro.data?.status, 'draft');
    assert.deepEqual(retro.data?.metrics, { 'time-to-mitigate': null, tickets: null, credits: null });
    assert.match(retro.body ?? '', /## What went well/);
    const events = repo.requireTimeline(runId).events;
    assert.deepEqual(events.map((event) => event.type), ['run_started']);
    // A second run with the same name on the same day gets its own folder.
    assert.equal(startRun(repo, at('2026-11-24T12:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down' }).runId, '2026-11-24-primary-db-down-2');
  });

  it('records every operation as a timeline event, in order, and the repository stays valid', () => {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    postStatusUpdate(repo, at('2026-11-24T10:10:00Z'), runId, 'Failing over now.\nETA 20 minutes.');
    changeOwner(repo, at('2026-11-24T10:12:00Z'), runId, 'bob');
    changeParticipants(repo, at('2026-11-24T10:13:00Z'), runId, ['carol', 'dave'], []);
    changeParticipants(repo, at('2026-11-24T10:14:00Z'), runId, [], ['dave']);
    changeTask(repo, at('2026-11-24T10:15:00Z'), runId, '1.2', { assignee: 'carol', state: 'in_progress' });
    changeTask(repo, at('2026-11-24T10:40:00Z'), runId, 'fail-over-to-the-replica', { state: 'closed' });
    changeTask(repo, at('2026-11-24T10:41:00Z'), runId, 'Write the customer note', { state: 'skipped' });
    addNote(repo, at('2026-11-24T10:45:00Z'), runId, { summary: 'Alert fired at 09:52', at: '2026-11-24T09:52:00Z', link: 'src/db/pool.ts:42' });
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);

    const run = repo.requireRun(runId);
    assert.equal(run.status, 'finished');
    assert.equal(run.endedAt, '2026-11-24T11:00:00Z');
    assert.equal(run.owner, 'bob');
    assert.deepEqual(run.participants, ['alice', 'bob', 'carol']);
    assert.deepEqual(run.checklists[0]?.items[1], { id: 'fail-over-to-the-replica', title: 'Fail over to the replica', state: 'closed', assignee: 'carol', due: '2026-11-24T11:00:00Z' });
    assert.equal(run.checklists[1]?.items[0]?.state, 'skipped');

    const events = sortEvents(repo.requireTimeline(runId).events);
    assert.deepEqual(events.map((event) => event.type), [
      'note', // backdated before the start
      'run_started',
      'status_updated',
      'owner_changed',
      'participants_changed',
      'participants_changed',
      'assignee_changed',
      'task_state_changed',
      'task_state_changed',
      'task_state_changed',
      'run_finished',
    ]);
    const update = events.find((event) => event.type === 'status_updated');
    assert.equal(update?.summary, 'Failing over now.');
    assert.equal(update?.details, 'Failing over now.\nETA 20 minutes.');
    assert.equal(events.find((event) => event.type === 'owner_changed')?.summary, 'Owner changed from alice to bob (1 task follows the owner)');
    assert.equal(events[0]?.link, 'src/db/pool.ts:42');
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('refuses changes to a finished run except restore, notes and the retrospective', () => {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
    assert.throws(() => postStatusUpdate(repo, at('2026-11-24T11:05:00Z'), runId, 'late'), /finished; restore it first/);
    assert.throws(() => changeTask(repo, at('2026-11-24T11:05:00Z'), runId, '1.1', { state: 'closed' }), OperationRefused);
    assert.throws(() => finishRun(repo, at('2026-11-24T11:05:00Z'), runId), /already finished/);
    addNote(repo, at('2026-11-24T11:06:00Z'), runId, { summary: 'Found the root cause' });
    restoreRun(repo, at('2026-11-24T11:10:00Z'), runId);
    const run = repo.requireRun(runId);
    assert.equal(run.status, 'in_progress');
    assert.equal(run.endedAt, undefined);
    postStatusUpdate(repo, at('2026-11-24T11:15:00Z'), runId, 'Back on it');
  });

  it('lets notes be deleted but not the events the tool recorded', () => {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    const note = addNote(repo, at('2026-11-24T10:05:00Z'), runId, { summary: 'Wrong run' });
    const started = repo.requireTimeline(runId).events[0];
    assert.throws(() => removeNote(repo, runId, started?.id ?? ''), /only notes can be deleted/);
    removeNote(repo, runId, note.id);
    assert.deepEqual(repo.requireTimeline(runId).events.map((event) => event.type), ['run_started']);
  });

  it('refuses bad input with a sentence that says what to do', () => {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    const now = at('2026-11-24T10:30:00Z');
    assert.throws(() => addNote(repo, now, runId, { summary: 'x', at: 'yesterday' }), /not a date and time; use ISO 8601/);
    assert.equal(addNote(repo, now, runId, { summary: 'x', at: '1h 5m ago' }).at, '2026-11-24T09:25:00Z');
    assert.throws(() => addNote(repo, now, runId, { summary: 'x', at: '2026-11-25T10:00:00Z' }), /in the future/);
    assert.throws(() => addNote(repo, now, runId, { summary: 'x', link: '../../etc/passwd:1' }), /leaves the repository/);
    assert.throws(() => addNote(repo, now, runId, { summary: 'x', link: 'javascript:alert(1)' }), /not allowed|not a URL/);
    assert.throws(() => changeTask(repo, now, runId, '1.1', { state: 'done' }), /not a task state; use one of open, in_progress, closed, skipped/);
    assert.throws(() => changeTask(repo, now, runId, '9.9', { state: 'closed' }), /no task "9.9"/);
    assert.throws(() => changeParticipants(repo, now, runId, [], ['alice']), /owns the run/);
    assert.throws(() => startRun(repo, now, { playbook: '../secrets', name: 'x' }), /not a valid name/);
    assert.throws(() => repo.requireRun('../../etc'), /not a valid name/);
    assert.throws(() => startRun(repo, now, { playbook: 'nope', name: 'x' }), /no playbook "nope"; playbooks: db-incident/);
  });
});

describe('retrospective', () => {
  function finishedRun(): { repo: PlaybooksRepository; at: (iso: string, actor?: string) => OperationContext; runId: string } {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
    return { repo, at, runId };
  }

  it('records metric values in each type\'s form and refuses malformed ones', () => {
    const { repo, at, runId } = finishedRun();
    const now = at('2026-11-24T12:00:00Z');
    assert.equal(recordMetric(repo, now, runId, 'time-to-mitigate', 'PT1H30M').value, '1h 30m');
    assert.equal(recordMetric(repo, now, runId, 'Time to mitigate', '00:01:05').value, '1h 5m');
    assert.equal(recordMetric(repo, now, runId, 'tickets', '42').value, 42);
    assert.equal(recordMetric(repo, now, runId, 'credits', '1250.50').value, 1250.5);
    assert.throws(() => recordMetric(repo, now, runId, 'tickets', '4.5'), /not a whole number/);
    assert.throws(() => recordMetric(repo, now, runId, 'credits', '$12'), /not an amount/);
    assert.throws(() => recordMetric(repo, now, runId, 'time-to-mitigate', 'an hour'), /not a duration/);
    assert.throws(() => recordMetric(repo, now, runId, 'mood', '3'), /no metric "mood"; its metrics: time-to-mitigate/);
    const meta = repo.readRetrospective(runId, repo.requirePlaybook('db-incident')).data;
    assert.deepEqual(meta?.metrics, { 'time-to-mitigate': '1h 5m', tickets: 42, credits: 1250.5 });
  });

  it('refuses to publish with missing metrics (naming them), then publishes once', () => {
    const { repo, at, runId } = finishedRun();
    const now = at('2026-11-24T12:00:00Z');
    recordMetric(repo, now, runId, 'tickets', '3');
    assert.throws(() => publishRetrospective(repo, now, runId), /no value yet for "Time to mitigate".*"Credits"/);
    recordMetric(repo, now, runId, 'time-to-mitigate', '45m');
    recordMetric(repo, now, runId, 'credits', '0');
    const published = publishRetrospective(repo, at('2026-11-24T13:00:00Z', 'bob'), runId);
    assert.equal(published.status, 'published');
    const meta = repo.readRetrospective(runId, repo.requirePlaybook('db-incident')).data;
    assert.equal(meta?.publishedAt, '2026-11-24T13:00:00Z');
    assert.equal(meta?.publishedBy, 'bob');
    assert.throws(() => publishRetrospective(repo, now, runId), /published and read-only/);
    assert.throws(() => recordMetric(repo, now, runId, 'tickets', '4'), /published and read-only/);
    assert.throws(() => skipRetrospective(repo, now, runId, 'no'), /published and read-only/);
    assert.equal(sortEvents(repo.requireTimeline(runId).events).at(-1)?.type, 'retrospective_published');
  });

  it('skips with a reason, and can still be published afterwards', () => {
    const { repo, at, runId } = finishedRun();
    const now = at('2026-11-24T12:00:00Z');
    assert.throws(() => skipRetrospective(repo, now, runId, '  '), /say why/);
    skipRetrospective(repo, now, runId, 'False alarm');
    const meta = repo.readRetrospective(runId).data;
    assert.equal(meta?.status, 'skipped');
    assert.equal(meta?.skipReason, 'False alarm');
    for (const [metric, value] of [['time-to-mitigate', '5m'], ['tickets', '0'], ['credits', '0']] as const) recordMetric(repo, now, runId, metric, value);
    publishRetrospective(repo, now, runId);
    const after = repo.readRetrospective(runId).data;
    assert.equal(after?.status, 'published');
    assert.equal(after?.skipReason, undefined);
  });

  it('publishes while the run is in progress only when the person agreed (the CLI\'s --in-progress, a confirmation)', () => {
    const { repo, at } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    const now = at('2026-11-24T10:30:00Z');
    assert.throws(
      () => publishRetrospective(repo, now, runId),
      (error: unknown) => error instanceof OperationRefused && /still in progress/.test(error.message) && error.hint?.kind === 'input' && error.hint.input === 'publishInProgress',
    );
    for (const [metric, value] of [['time-to-mitigate', '5m'], ['tickets', '0'], ['credits', '0']] as const) recordMetric(repo, now, runId, metric, value);
    publishRetrospective(repo, now, runId, undefined, { whileInProgress: true });
    assert.equal(repo.readRetrospective(runId).data?.status, 'published');
    assert.equal(repo.requireRun(runId).status, 'in_progress', 'the run goes on');
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('is not created when the playbook turns retrospectives off', () => {
    const { repo, at } = setup();
    writeFile(repo.layout.root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK.replace('retrospective:\n  enabled: true', 'retrospective:\n  enabled: false'));
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
    assert.equal(fs.existsSync(repo.layout.retrospectiveFile(runId)), false);
    assert.throws(() => recordMetric(repo, at('2026-11-24T10:00:00Z'), runId, 'tickets', '1'), /retrospective turned off/);
  });
});
