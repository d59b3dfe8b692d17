import assert from 'node:assert/strict';
import type { IndexSnapshot, RunSummary } from '../../../src/core/index/indexTypes';
import {
  compareNewestFirst,
  formatOffset,
  GROUP_LIMIT,
  olderRunsNote,
  OTHER_RUNS,
  playbookDescription,
  retroLabel,
  runDescription,
  runsByPlaybook,
  viewDescription,
} from '../../../src/views/treeFormat';

function summary(overrides: Partial<RunSummary> & { id: string }): RunSummary {
  return {
    name: overrides.id,
    playbook: 'db-outage',
    status: 'in_progress',
    owner: 'alice',
    participants: ['alice'],
    startedAt: '2026-11-24T10:00:00Z',
    tasksDone: 1,
    tasksTotal: 4,
    retrospective: 'draft',
    errors: 0,
    readable: true,
    retrospectiveEnabled: true,
    ...overrides,
  };
}

describe('tree text', () => {
  it('counts time from the start of the run, backdated events negative', () => {
    const start = '2026-11-24T10:00:00Z';
    assert.equal(formatOffset(start, '2026-11-24T12:10:00Z'), '+2h 10m');
    assert.equal(formatOffset(start, '2026-11-24T12:00:30Z'), '+2h');
    assert.equal(formatOffset(start, '2026-11-24T10:00:00Z'), '+0m');
    assert.equal(formatOffset(start, '2026-11-24T09:52:00Z'), '−8m');
    assert.equal(formatOffset(start, '2026-11-26T13:00:00Z'), '+2d 3h');
    assert.equal(formatOffset(start, 'not a date'), '');
  });

  it('describes a run by owner, tasks and the state of its retrospective', () => {
    assert.equal(runDescription(summary({ id: 'a' })), 'alice · 1/4');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished' })), 'alice · 1/4 · retro due');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'published' })), 'alice · 1/4 · published');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'skipped' })), 'alice · 1/4 · skipped');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'none' })), 'alice · 1/4');
    assert.equal(runDescription(summary({ id: 'a', readable: false, errors: 2 })), '2 problems');
  });

  it('a draft retrospective is due only once the run is finished', () => {
    assert.equal(retroLabel({ status: 'in_progress', retrospective: 'draft' }), undefined);
    assert.equal(retroLabel({ status: 'finished', retrospective: 'draft' }), 'retro due');
  });

  it('describes playbooks and the view with counts', () => {
    assert.equal(playbookDescription(2, 14), '2 active · 14 runs');
    assert.equal(playbookDescription(0, 1), '1 run');
    assert.equal(playbookDescription(0, 0), 'no runs');
    const runs = [summary({ id: 'a' }), summary({ id: 'b' }), summary({ id: 'c', status: 'finished' }), summary({ id: 'd', status: 'finished', retrospective: 'published' })];
    assert.equal(viewDescription(runs), '2 in progress · 1 retro due');
    assert.equal(viewDescription([]), undefined);
  });

  it('groups runs by playbook, newest first, with unknown playbooks and unreadable runs apart', () => {
    const snapshot: IndexSnapshot = {
      playbooks: [{ slug: 'db-outage', title: 'DB outage', file: 'playbooks/db-outage.yaml', errors: 0 }],
      runs: [
        summary({ id: '2026-11-01-old', startedAt: '2026-11-01T10:00:00Z', status: 'finished' }),
        summary({ id: '2026-11-20-new', startedAt: '2026-11-20T10:00:00Z', status: 'finished' }),
        summary({ id: '2026-11-21-live', startedAt: '2026-11-21T10:00:00Z' }),
        summary({ id: '2026-11-22-orphan', playbook: 'gone' }),
        summary({ id: 'broken', readable: false, startedAt: '', playbook: '' }),
      ],
    };
    const groups = runsByPlaybook(snapshot);
    assert.deepEqual(groups.get('db-outage')?.finished.map((run) => run.id), ['2026-11-20-new', '2026-11-01-old']);
    assert.deepEqual(groups.get('db-outage')?.inProgress.map((run) => run.id), ['2026-11-21-live']);
    assert.deepEqual(groups.get(OTHER_RUNS)?.inProgress.map((run) => run.id), ['2026-11-22-orphan', 'broken']);
    assert.equal(runsByPlaybook(snapshot), groups, 'computed once per snapshot');
  });

  it('sorts by start time, then by id', () => {
    const runs = [summary({ id: 'b', startedAt: '2026-01-01T00:00:00Z' }), summary({ id: 'a', startedAt: '2026-01-01T00:00:00Z' }), summary({ id: 'c', startedAt: '2026-02-01T00:00:00Z' })];
    assert.deepEqual(runs.sort(compareNewestFirst).map((run) => run.id), ['c', 'b', 'a']);
  });

  it('notes the runs beyond the group limit', () => {
    assert.equal(olderRunsNote(GROUP_LIMIT), undefined);
    assert.equal(olderRunsNote(GROUP_LIMIT + 1), '…and 1 older run');
    assert.equal(olderRunsNote(20_000), '…and 19,800 older runs');
  });
});
