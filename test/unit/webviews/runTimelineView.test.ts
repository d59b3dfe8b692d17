import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { addNote } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import type { RunViewState } from '../../../src/shared/protocol';
import { DEFAULT_QUERY, EVENTS_PAGE, readSortedTimeline, TimelineCache } from '../../../src/webviews/runTimelineView';
import { buildRunViewState } from '../../../src/webviews/runViewModel';
import { filterEvents, matchingCount, sameCategories, visibleEvents } from '../../../webview/src/run/timelineFilter';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });
const TYPES = ['note', 'assignee_changed', 'status_updated', 'task_state_changed', 'owner_changed'] as const;

/** A run whose timeline has `count` more events after run_started, one a minute, of the types above in turn. */
function longRun(count: number): { repo: PlaybooksRepository; runId: string } {
  const root = tempDir('gp-paging-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Long run', owner: 'bob' });
  const lines = Array.from({ length: count }, (_, i) => {
    const type = TYPES[i % TYPES.length] ?? 'note';
    const when = new Date(Date.parse('2026-11-24T10:01:00Z') + i * 60_000).toISOString();
    return `  - {id: "ev-${String(i).padStart(5, '0')}", at: "${when}", type: ${type}, actor: "alice", summary: "event ${i}"}\n`;
  });
  fs.appendFileSync(repo.layout.timelineFile(runId), lines.join(''));
  return { repo, runId };
}

const summaries = (state: RunViewState): string[] => state.timeline.events.map((event) => event.summary);

describe('run editor timeline paging', () => {
  it('sends one page of a long timeline, newest first, with the total and the counts the filter needs', () => {
    const { repo, runId } = longRun(1000);
    const state = buildRunViewState(repo, runId, { readOnly: false });
    const timeline = state.timeline;
    assert.equal(timeline.complete, false);
    assert.equal(timeline.total, 1001);
    assert.equal(timeline.events.length, EVENTS_PAGE);
    assert.deepEqual(timeline.categories, DEFAULT_QUERY.categories);
    // Assignments are hidden by default: the page holds the newest of the other events.
    assert.equal(summaries(state)[0], 'event 999');
    assert.ok(timeline.events.every((event) => event.type !== 'assignee_changed'));
    assert.deepEqual([timeline.counts['notes'], timeline.counts['assignments'], timeline.counts['status'], timeline.counts['taskStates'], timeline.counts['roles'], timeline.other], [200, 200, 201, 200, 200, 0]);
    assert.equal(matchingCount(timeline, DEFAULT_QUERY.categories), 801);
    assert.equal(state.statusUpdates.total, 200);
    assert.deepEqual(state.statusUpdates.events.map((event) => event.summary), ['event 997', 'event 992', 'event 987', 'event 982', 'event 977', 'event 972', 'event 967', 'event 962', 'event 957', 'event 952']);
    assert.equal(state.statusUpdateDraft, 'event 997', 'the draft is the last update, found without the page');
    assert.ok(JSON.stringify(state).length < 80_000, 'the message holds the page, not the timeline');
  });

  it('filters on the host and pages further on request, in the same order as the whole timeline filtered', () => {
    const { repo, runId } = longRun(1000);
    const all = buildRunViewState(repo, runId, { readOnly: false, query: { ...DEFAULT_QUERY, count: 5000 } }).timeline;
    assert.equal(all.complete, true, 'everything fits: the page gets the whole timeline, unfiltered');
    assert.equal(all.events.length, 1001);
    const notes = ['notes'];
    const page = buildRunViewState(repo, runId, { readOnly: false, query: { ...DEFAULT_QUERY, categories: notes, count: 150 } }).timeline;
    assert.deepEqual(page.categories, notes);
    assert.deepEqual(page.events, filterEvents(all.events, notes).slice(0, 150));
    assert.equal(matchingCount(page, notes), 200);
    const more = buildRunViewState(repo, runId, { readOnly: false, query: { ...DEFAULT_QUERY, categories: notes, count: 300 } }).timeline;
    assert.deepEqual(more.events, filterEvents(all.events, notes), 'the second page ends the list');
    const updates = buildRunViewState(repo, runId, { readOnly: false, query: { ...DEFAULT_QUERY, statusUpdates: 25 } }).statusUpdates;
    assert.equal(updates.events.length, 25);
  });

  it('shows a new note at once, and while another filter is on its way narrows the page it has', () => {
    const { repo, runId } = longRun(400);
    const cache = new TimelineCache();
    const before = buildRunViewState(repo, runId, { readOnly: false, cache });
    addNote(repo, at('2026-11-25T09:00:00Z'), runId, { summary: 'Just added' });
    const after = buildRunViewState(repo, runId, { readOnly: false, cache });
    assert.equal(after.timeline.total, before.timeline.total + 1, 'the changed file is read again');
    assert.equal(after.timeline.events[0]?.summary, 'Just added');
    assert.equal(after.timeline.events[0]?.deletable, true);
    const onlyTasks = ['taskStates'];
    assert.equal(sameCategories(after.timeline.categories, onlyTasks), false);
    assert.ok(visibleEvents(after.timeline, onlyTasks).every((event) => event.type === 'task_state_changed'));
    assert.equal(sameCategories(['notes', 'status'], ['status', 'notes', 'notes']), true);
  });

  it('parses a timeline once while its file is unchanged', () => {
    const { repo, runId } = longRun(50);
    const cache = new TimelineCache();
    const first = cache.read(repo, runId);
    assert.equal(cache.read(repo, runId), first);
    fs.appendFileSync(repo.layout.timelineFile(runId), '  - {id: "ev-late", at: "2026-11-26T10:00:00Z", type: note, actor: "bob", summary: "late"}\n');
    const changed = cache.read(repo, runId);
    assert.notEqual(changed, first);
    assert.equal(changed.events[0]?.summary, 'late');
    assert.deepEqual(readSortedTimeline(repo, runId).events, changed.events);
  });
});
