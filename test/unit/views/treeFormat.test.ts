import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRepo } from '../../../bench/generate';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { Layout } from '../../../src/core/repository/layout';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { IndexSnapshot, RunSummary } from '../../../src/core/index/indexTypes';
import {
  compareNewestFirst,
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
    statusUpdatesEnabled: true,
    ...overrides,
  };
}

describe('tree text', () => {
  it('describes a run by owner, tasks and the state of its retrospective', () => {
    assert.equal(runDescription(summary({ id: 'a' })), 'alice · 1/4');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished' })), 'alice · 1/4 · retro due');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'published' })), 'alice · 1/4 · published');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'skipped' })), 'alice · 1/4 · skipped');
    assert.equal(runDescription(summary({ id: 'a', status: 'finished', retrospective: 'none' })), 'alice · 1/4');
    assert.equal(runDescription(summary({ id: 'a', readable: false, errors: 2 })), '2 problems');
  });

  it('a draft retrospective is due only once the run is finished', () => {
    assert.equal(retroLabel({ status: 'in_progress', retrospective: 'draft', retrospectiveEnabled: true }), undefined);
    assert.equal(retroLabel({ status: 'finished', retrospective: 'draft', retrospectiveEnabled: true }), 'retro due');
    assert.equal(retroLabel({ status: 'finished', retrospective: 'draft', retrospectiveEnabled: false }), undefined, 'turned off for the run: a kept draft is not due');
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

describe('tree grouping after a few files changed', () => {
  it('updates the previous grouping to exactly what grouping every run gives', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'grouping-'));
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `2026-01-01-run-${String(i).padStart(2, '0')}`);
      writeRepo(root, ids, ['pb-a', 'pb-b', 'pb-c']);
      const index = new RepositoryIndex(new PlaybooksRepository(new Layout(root)));
      runsByPlaybook(index.refresh());
      const runFile = (id: string): string => path.join(new Layout(root).shardedRunDir(id), 'run.yaml');
      const edit = (id: string, change: (text: string) => string, second: number): string => {
        fs.writeFileSync(runFile(id), change(fs.readFileSync(runFile(id), 'utf8')));
        const when = new Date(Date.UTC(2031, 0, 1, 0, 0, second));
        fs.utimesSync(runFile(id), when, when);
        return runFile(id);
      };
      const steps: Array<() => string[]> = [
        () => [edit('2026-01-01-run-03', (text) => text.replace(/^name: .*$/m, 'name: Renamed'), 1)],
        () => [edit('2026-01-01-run-04', (text) => text.replace(/^playbook: .*$/m, 'playbook: pb-c'), 2)],
        () => [edit('2026-01-01-run-10', (text) => text.replace(/^status: in_progress$/m, 'status: finished\nendedAt: 2026-11-24T18:40:00Z'), 3)],
        () => [edit('2026-01-01-run-05', (text) => text.replace(/^startedAt: .*$/m, 'startedAt: 2027-01-01T00:00:00Z'), 4)],
        () => [edit('2026-01-01-run-06', () => 'not: [a run', 5)],
        () => [edit('2026-01-01-run-07', (text) => text.replace(/^playbook: .*$/m, 'playbook: gone'), 6)],
        () => {
          fs.rmSync(path.dirname(runFile('2026-01-01-run-08')), { recursive: true });
          fs.cpSync(path.dirname(runFile('2026-01-01-run-09')), path.dirname(runFile('2026-01-01-run-99')), { recursive: true });
          return [path.dirname(runFile('2026-01-01-run-08')), runFile('2026-01-01-run-99')];
        },
      ];
      for (const [step, change] of steps.entries()) {
        const snapshot = index.refresh(change());
        assert.ok(snapshot.delta, `step ${step}: a delta`);
        const fromScratch = runsByPlaybook({ playbooks: snapshot.playbooks, runs: [...snapshot.runs] });
        assert.deepEqual(runsByPlaybook(snapshot), fromScratch, `step ${step}`);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
