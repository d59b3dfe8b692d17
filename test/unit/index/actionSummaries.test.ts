import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRepo } from '../../../bench/generate';
import { loadPersistedIndex, savePersistedIndex } from '../../../src/core/index/persistedIndex';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { Layout } from '../../../src/core/repository/layout';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';

const RUN_IDS = Array.from({ length: 6 }, (_, i) => `2026-01-01-run-${i}`);
const ACTIONS = `actions:
  - id: a-aaaaa1
    title: Alert on replica lag
    owner: bob
    due: 2026-02-01
    status: open
    createdAt: 2026-01-02T10:00:00Z
  - id: a-aaaaa2
    title: Runbook for failover
    priority: P1
    status: in_progress
    createdAt: 2026-01-02T10:00:00Z
  - id: a-aaaaa3
    title: Rename the dashboard
    status: done
    createdAt: 2026-01-02T10:00:00Z
    closedAt: 2026-01-03T10:00:00Z
`;

describe('RepositoryIndex: open follow-up actions of each run', () => {
  let root: string;
  const retroFile = (id: string): string => path.join(new Layout(root).shardedRunDir(id), 'retrospective.md');
  const withActions = (id: string, actions: string): void => {
    const text = fs.readFileSync(retroFile(id), 'utf8');
    fs.writeFileSync(retroFile(id), text.replace(/\n---\n/, `\n${actions}---\n`));
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-actions-'));
    writeRepo(root, RUN_IDS, ['pb-a']);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps the open ones (what their deadline needs, and the owner) from the parse it does anyway; runs without any carry nothing', () => {
    withActions('2026-01-01-run-2', ACTIONS);
    const index = new RepositoryIndex(new PlaybooksRepository(new Layout(root)));
    const runs = index.refresh().runs;
    const run = runs.find((summary) => summary.id === '2026-01-01-run-2');
    assert.deepEqual(run?.actions, { open: [{ due: '2026-02-01', owner: 'bob' }, { priority: 'P1' }] });
    assert.equal(run?.retrospective, 'draft');
    assert.deepEqual(runs.filter((summary) => summary.actions !== undefined).map((summary) => summary.id), ['2026-01-01-run-2']);
  });

  it('follows a change of the retrospective alone (one file parsed), and keeps the actions in the persisted index', () => {
    const layout = new Layout(root);
    const index = new RepositoryIndex(new PlaybooksRepository(layout));
    index.refresh();
    withActions('2026-01-01-run-4', ACTIONS);
    const changed = index.refresh([retroFile('2026-01-01-run-4')]);
    assert.equal(index.lastParsed, 1);
    assert.equal(changed.runs.find((summary) => summary.id === '2026-01-01-run-4')?.actions?.open.length, 2);

    const store = path.join(root, '.storage', 'index.json');
    const entries = index.takeChangesToPersist();
    assert.ok(entries);
    savePersistedIndex(store, layout, entries);
    const next = new RepositoryIndex(new PlaybooksRepository(layout), loadPersistedIndex(store, layout));
    assert.deepEqual(next.snapshot.runs.find((summary) => summary.id === '2026-01-01-run-4')?.actions, { open: [{ due: '2026-02-01', owner: 'bob' }, { priority: 'P1' }] }, 'shown before any file is read');
    next.refresh();
    assert.equal(next.lastParsed, 0);

    fs.writeFileSync(retroFile('2026-01-01-run-4'), fs.readFileSync(retroFile('2026-01-01-run-4'), 'utf8').replace(/status: (open|in_progress)/g, 'status: wont_do\n    closedAt: 2026-01-05T10:00:00Z'));
    assert.equal(index.refresh([retroFile('2026-01-01-run-4')]).runs.find((summary) => summary.id === '2026-01-01-run-4')?.actions, undefined, 'nothing open: nothing kept');
  });
});
