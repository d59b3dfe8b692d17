import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { recordMetric } from '../../../src/core/retrospectives/retrospectiveOperations';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { addNote, changeOwner, postStatusUpdate } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import { changeTask } from '../../../src/core/runs/taskOperations';
import { buildRunViewState } from '../../../src/webviews/runViewModel';
import { sinceStartWords } from '../../../src/core/format/sinceStart';
import { dueView } from '../../../webview/src/run/format';
import { allState, DEFAULT_CATEGORIES, filterEvents, toggleCategory } from '../../../webview/src/run/timelineFilter';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });

function startedRun(): { repo: PlaybooksRepository; runId: string } {
  const root = tempDir('gp-view-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down', owner: 'bob' });
  return { repo, runId };
}

describe('run editor view model', () => {
  it('pre-fills the first status update with the template, later ones with the last update (Mattermost)', () => {
    const { repo, runId } = startedRun();
    assert.equal(buildRunViewState(repo, runId, { readOnly: false }).statusUpdateDraft, 'Impact:');
    postStatusUpdate(repo, at('2026-11-24T10:10:00Z'), runId, 'Impact: checkout at 30%\nNext: fail over');
    postStatusUpdate(repo, at('2026-11-24T10:40:00Z'), runId, 'Impact: none\nFailed over.');
    const state = buildRunViewState(repo, runId, { readOnly: false });
    assert.equal(state.statusUpdateDraft, 'Impact: none\nFailed over.');
    assert.equal(state.statusUpdatesEnabled, true);
    assert.equal(state.retrospectiveEnabled, true);
  });

  it('lists events newest first, each with its time since the start', () => {
    const { repo, runId } = startedRun();
    changeOwner(repo, at('2026-11-24T12:10:00Z'), runId, 'carol');
    addNote(repo, at('2026-11-24T10:30:00Z'), runId, { summary: 'First alert', at: '15m ago' });
    const events = buildRunViewState(repo, runId, { readOnly: false }).timeline.events;
    assert.deepEqual(events.map((event) => event.type), ['owner_changed', 'note', 'run_started']);
    assert.deepEqual(events.map((event) => event.sinceStartMs), [2 * 3_600_000 + 10 * 60_000, 15 * 60_000, 0]);
    assert.deepEqual(events.map((event) => sinceStartWords(event.sinceStartMs)), ['+2h 10m after start', '+15m after start', 'at start']);
  });

  it('shows a note backdated before the start as "before start"', () => {
    const { repo, runId } = startedRun();
    addNote(repo, at('2026-11-24T10:05:00Z'), runId, { summary: 'Alert fired', at: '2026-11-24T09:52:00Z' });
    const note = buildRunViewState(repo, runId, { readOnly: false }).timeline.events.find((event) => event.type === 'note');
    assert.equal(note?.sinceStartMs, -8 * 60_000);
    assert.equal(sinceStartWords(note?.sinceStartMs ?? 0), '8m before start');
  });

  it('offers deleting only notes, and nothing in a read-only (untrusted) workspace', () => {
    const { repo, runId } = startedRun();
    addNote(repo, at('2026-11-24T10:05:00Z'), runId, { summary: 'A note', link: 'https://status.example.com/1' });
    changeTask(repo, at('2026-11-24T10:06:00Z'), runId, '1.1', { state: 'closed' });
    const writable = buildRunViewState(repo, runId, { readOnly: false });
    assert.deepEqual(
      writable.timeline.events.map((event) => [event.type, event.deletable]),
      [['task_state_changed', false], ['note', true], ['run_started', false]],
    );
    assert.equal(writable.timeline.events.find((event) => event.type === 'note')?.link, 'https://status.example.com/1');
    const readOnly = buildRunViewState(repo, runId, { readOnly: true });
    assert.equal(readOnly.readOnly, true);
    assert.ok(readOnly.timeline.events.every((event) => !event.deletable));
  });

  it('lists metrics in the playbook order with their stored values and targets as people read them', () => {
    const { repo, runId } = startedRun();
    recordMetric(repo, at('2026-11-24T11:00:00Z'), runId, 'time-to-mitigate', 'PT1H30M');
    recordMetric(repo, at('2026-11-24T11:01:00Z'), runId, 'credits', '250.5');
    const retro = buildRunViewState(repo, runId, { readOnly: false }).retrospective;
    assert.equal(retro?.status, 'draft');
    assert.deepEqual(
      retro?.metrics.map((metric) => [metric.id, metric.type, metric.value, metric.targetText, metric.unit]),
      [
        ['time-to-mitigate', 'duration', '1h 30m', '1h', undefined],
        ['tickets', 'integer', null, '10', undefined],
        ['credits', 'currency', 250.5, undefined, 'USD'],
      ],
    );
  });

  it('carries the run facts and checklists as the page shows them', () => {
    const { repo, runId } = startedRun();
    changeTask(repo, at('2026-11-24T10:06:00Z'), runId, '1.2', { state: 'in_progress', assignee: 'dave' });
    const state = buildRunViewState(repo, runId, { readOnly: false });
    assert.equal(state.name, 'Primary DB down');
    assert.deepEqual(state.playbook, { id: 'db-incident', title: 'Database incident' });
    assert.equal(state.owner, 'bob');
    assert.equal(state.status, 'in_progress');
    assert.equal(state.endedAt, undefined);
    const failover = state.checklists[0]?.items[1];
    assert.deepEqual([failover?.state, failover?.assignee, failover?.due], ['in_progress', 'dave', '2026-11-24T11:00:00Z']);
    assert.deepEqual(state.problems, []);
  });

  it('reports a broken timeline at its file and line instead of throwing, and keeps the rest', () => {
    const { repo, runId } = startedRun();
    fs.appendFileSync(repo.layout.timelineFile(runId), '  - {id: "x", at: nonsense\n');
    const state = buildRunViewState(repo, runId, { readOnly: false });
    assert.equal(state.name, 'Primary DB down');
    assert.deepEqual(state.timeline.events, []);
    assert.equal(state.problems.length > 0, true);
    assert.match(state.problems[0]?.file ?? '', /timeline\.yaml$/);
  });

  it('says so when the run does not exist', () => {
    const { repo } = startedRun();
    const state = buildRunViewState(repo, '2026-01-01-gone', { readOnly: false });
    assert.equal(state.startedAt, '');
    assert.match(state.problems[0]?.message ?? '', /does not exist/);
  });
});

describe('run page helpers', () => {
  it('filters the timeline by Mattermost-like categories; assignments start hidden, unknown types always show', () => {
    const event = (type: string) => ({ id: type, at: '', type, actor: 'a', summary: type, sinceStartMs: 0, deletable: false });
    const events = ['owner_changed', 'assignee_changed', 'note', 'status_updated', 'some_future_type'].map(event);
    assert.equal(DEFAULT_CATEGORIES.includes('assignments'), false);
    assert.deepEqual(filterEvents(events, DEFAULT_CATEGORIES).map((e) => e.type), ['owner_changed', 'note', 'status_updated', 'some_future_type']);
    assert.equal(allState(DEFAULT_CATEGORIES), 'some');
    const all = toggleCategory(DEFAULT_CATEGORIES, 'all', true);
    assert.equal(allState(all), 'all');
    assert.equal(filterEvents(events, all).length, 5);
    assert.deepEqual(filterEvents(events, toggleCategory(all, 'notes', false)).map((e) => e.type), ['owner_changed', 'assignee_changed', 'status_updated', 'some_future_type']);
    assert.equal(allState(toggleCategory(all, 'all', false)), 'none');
  });

  it('says when a task is due, and marks it overdue only while it is not done', () => {
    const now = Date.parse('2026-11-24T10:20:00Z');
    assert.deepEqual(dueView('2026-11-24T11:00:00Z', false, now), { text: 'due in 40m', overdue: false });
    assert.deepEqual(dueView('2026-11-24T10:15:00Z', false, now), { text: 'overdue by 5m', overdue: true });
    assert.equal(dueView('2026-11-24T10:15:00Z', true, now).overdue, false);
  });
});
