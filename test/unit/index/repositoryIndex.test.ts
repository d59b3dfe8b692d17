import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRepo } from '../../../bench/generate';
import { readFirstLevel } from '../../../src/core/index/firstLevel';
import type { IndexSnapshot } from '../../../src/core/index/indexTypes';
import { loadPersistedIndex, savePersistedIndex } from '../../../src/core/index/persistedIndex';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { Layout } from '../../../src/core/repository/layout';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';

/** What a snapshot holds, without its version (every snapshot has its own). */
const content = (snapshot: IndexSnapshot): Pick<IndexSnapshot, 'playbooks' | 'runs'> => ({ playbooks: snapshot.playbooks, runs: snapshot.runs });

const RUN_IDS = Array.from({ length: 12 }, (_, i) => `2026-01-01-run-${i}`);

describe('RepositoryIndex', () => {
  let root: string;
  let index: RepositoryIndex;
  const runFile = (id: string): string => path.join(new Layout(root).shardedRunDir(id), 'run.yaml');
  /** Sets a file's mtime explicitly: two writes within one clock tick must still be told apart. */
  const rewrite = (file: string, edit: (text: string) => string, seconds: number): void => {
    fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
    const when = new Date(Date.UTC(2030, 0, 1, 0, 0, seconds));
    fs.utimesSync(file, when, when);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-'));
    writeRepo(root, RUN_IDS, ['pb-a', 'pb-b']);
    index = new RepositoryIndex(new PlaybooksRepository(new Layout(root)));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('parses every file once, then nothing while files are unchanged', () => {
    const snapshot = index.refresh();
    assert.equal(snapshot.playbooks.length, 2);
    assert.equal(snapshot.runs.length, RUN_IDS.length);
    assert.equal(index.lastParsed, 2 + 2 * RUN_IDS.length, 'playbooks, runs and retrospectives');
    assert.deepEqual(content(index.refresh()), content(snapshot));
    assert.equal(index.lastParsed, 0);
  });

  it('a change of review.yaml (the review configuration) adds no playbook and parses nothing', () => {
    index.refresh();
    const config = path.join(root, 'playbooks', 'review.yaml');
    fs.writeFileSync(config, 'language:\n  enabled: false\n');
    const snapshot = index.refresh([config]);
    assert.deepEqual(snapshot.playbooks.map((playbook) => playbook.slug), ['pb-a', 'pb-b']);
    assert.equal(index.lastParsed, 0);
    assert.deepEqual(index.refresh().playbooks.map((playbook) => playbook.slug), ['pb-a', 'pb-b'], 'nor does a full refresh');
  });

  it('re-parses a changed file only, and serves its new content', () => {
    index.refresh();
    rewrite(runFile('2026-01-01-run-3'), (text) => text.replace(/^name: .*$/m, 'name: Renamed'), 1);
    const snapshot = index.refresh();
    assert.equal(index.lastParsed, 1);
    assert.equal(snapshot.runs.find((run) => run.id === '2026-01-01-run-3')?.name, 'Renamed');
  });

  it('notices a change of size with the same mtime, and of mtime with the same size', () => {
    index.refresh();
    const file = runFile('2026-01-01-run-4');
    const stat = fs.statSync(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Longer name than before'));
    fs.utimesSync(file, stat.atime, stat.mtime);
    assert.equal(index.refresh().runs.find((run) => run.id === '2026-01-01-run-4')?.name, 'Longer name than before');
    rewrite(file, (text) => text.replace('Longer name than before', 'Another name of same size'), 2);
    assert.equal(index.refresh().runs.find((run) => run.id === '2026-01-01-run-4')?.name, 'Another name of same size');
  });

  it('drops a deleted run and adds a new one', () => {
    index.refresh();
    fs.rmSync(path.dirname(runFile('2026-01-01-run-5')), { recursive: true });
    fs.cpSync(path.dirname(runFile('2026-01-01-run-6')), path.dirname(runFile('2026-01-01-run-new')), { recursive: true });
    const ids = index.refresh().runs.map((run) => run.id);
    assert.ok(!ids.includes('2026-01-01-run-5'), 'the deleted run is gone');
    assert.ok(ids.includes('2026-01-01-run-new'), 'the new run appears');
    assert.equal(index.lastParsed, 2, 'the new run and its retrospective');
  });

  it('serves no stale entry after a branch switch rewrites many files', () => {
    index.refresh();
    RUN_IDS.slice(0, 8).forEach((id, i) => rewrite(runFile(id), (text) => text.replace(/^name: .*$/m, `name: Switched ${id}`), 10 + i));
    const snapshot = index.refresh();
    assert.equal(index.lastParsed, 8);
    for (const id of RUN_IDS.slice(0, 8)) assert.equal(snapshot.runs.find((run) => run.id === id)?.name, `Switched ${id}`);
  });

  it('tells invalid UTF-8 from a replacement character that is really in the file', () => {
    const broken = runFile('2026-01-01-run-8');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from(fs.readFileSync(broken, 'utf8').replace(/^name: .*$/m, 'name: Caf')), Buffer.from([0xe9, 0x0a])]));
    const real = runFile('2026-01-01-run-9');
    fs.writeFileSync(real, fs.readFileSync(real, 'utf8').replace(/^name: .*$/m, 'name: Odd \uFFFD name'));
    const runs = index.refresh().runs;
    const brokenRun = runs.find((run) => run.id === '2026-01-01-run-8');
    assert.equal(brokenRun?.readable, false);
    assert.equal(brokenRun?.errors, 1);
    assert.equal(runs.find((run) => run.id === '2026-01-01-run-9')?.name, 'Odd \uFFFD name');
  });

  it('loads the same snapshot in the background as at once', async () => {
    const background = await new RepositoryIndex(new PlaybooksRepository(new Layout(root))).refreshAsync();
    assert.deepEqual(content(background), content(index.refresh()));
  });
});

describe('RepositoryIndex: refreshing the paths a watcher reported', () => {
  let root: string;
  let index: RepositoryIndex;
  const runDir = (id: string): string => new Layout(root).shardedRunDir(id);
  const runFile = (id: string): string => path.join(runDir(id), 'run.yaml');
  const rename = (id: string, name: string, seconds: number): void => {
    fs.writeFileSync(runFile(id), fs.readFileSync(runFile(id), 'utf8').replace(/^name: .*$/m, `name: ${name}`));
    const when = new Date(Date.UTC(2030, 0, 1, 0, 0, seconds));
    fs.utimesSync(runFile(id), when, when);
  };
  const names = (snapshot: IndexSnapshot): Record<string, string> => Object.fromEntries(snapshot.runs.map((run) => [run.id, run.name]));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-paths-'));
    writeRepo(root, RUN_IDS, ['pb-a', 'pb-b']);
    index = new RepositoryIndex(new PlaybooksRepository(new Layout(root)));
    index.refresh();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('re-reads the reported file and nothing else', () => {
    rename('2026-01-01-run-2', 'Reported', 1);
    rename('2026-01-01-run-3', 'Not reported', 2);
    const snapshot = index.refresh([runFile('2026-01-01-run-2')]);
    assert.equal(index.lastParsed, 1);
    assert.equal(names(snapshot)['2026-01-01-run-2'], 'Reported');
    // A full refresh (the Refresh command, a branch switch) still sees every file.
    assert.equal(names(index.refresh())['2026-01-01-run-3'], 'Not reported');
  });

  it('adds a run whose folder appeared and drops one whose folder went, keeping the order by id', () => {
    fs.cpSync(runDir('2026-01-01-run-6'), runDir('2026-01-01-run-55'), { recursive: true });
    fs.rmSync(runDir('2026-01-01-run-5'), { recursive: true });
    const snapshot = index.refresh([runDir('2026-01-01-run-55'), runFile('2026-01-01-run-5')]);
    const ids = snapshot.runs.map((run) => run.id);
    assert.ok(ids.includes('2026-01-01-run-55') && !ids.includes('2026-01-01-run-5'));
    assert.deepEqual(ids, [...ids].sort());
    assert.deepEqual(content(snapshot), content(index.refresh()), 'the same as a full refresh');
  });

  it('follows a retrospective being created, published and deleted', () => {
    const id = '2026-01-01-run-7';
    const retro = path.join(runDir(id), 'retrospective.md');
    const statusOf = (snapshot: IndexSnapshot): string | undefined => snapshot.runs.find((run) => run.id === id)?.retrospective;
    fs.rmSync(retro);
    assert.equal(statusOf(index.refresh([retro])), 'none');
    fs.writeFileSync(retro, '---\napiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: skipped\nskipReason: Not needed\nmetrics: {}\n---\n');
    assert.equal(statusOf(index.refresh([retro])), 'skipped');
    fs.writeFileSync(retro, 'no front matter');
    assert.equal(statusOf(index.refresh([retro])), 'invalid');
  });

  it('picks up a new playbook and a deleted one', () => {
    const file = path.join(root, 'playbooks', 'pb-c.yaml');
    fs.copyFileSync(path.join(root, 'playbooks', 'pb-a.yaml'), file);
    fs.rmSync(path.join(root, 'playbooks', 'pb-b.yaml'));
    const snapshot = index.refresh([file, path.join(root, 'playbooks', 'pb-b.yaml')]);
    assert.deepEqual(snapshot.playbooks.map((playbook) => playbook.slug), ['pb-a', 'pb-c']);
  });

  it('re-checks everything when a whole folder is reported (deleted, or replaced by a checkout)', () => {
    rename('2026-01-01-run-1', 'Seen by a full refresh', 3);
    assert.equal(names(index.refresh([path.join(root, 'playbooks', 'runs')]))['2026-01-01-run-1'], 'Seen by a full refresh');
  });

  it('ignores what the index does not hold (timelines, files elsewhere)', () => {
    const before = index.snapshot;
    const after = index.refresh([path.join(runDir('2026-01-01-run-1'), 'timeline.yaml'), path.join(root, 'README.md')]);
    assert.equal(index.lastParsed, 0);
    assert.equal(after, before, 'the same snapshot object: listeners can tell nothing changed');
  });

  it('keeps a run written while a background load pauses', async () => {
    // Enough runs for the background load to pause (it yields every 100 runs).
    const many = Array.from({ length: 250 }, (_, i) => `2026-02-01-run-${String(i).padStart(3, '0')}`);
    writeRepo(root, many, ['pb-a', 'pb-b']);
    const fresh = new RepositoryIndex(new PlaybooksRepository(new Layout(root)));
    const loading = fresh.refreshAsync();
    // The background load has listed the runs and paused; a run created now is reported by the watcher.
    fs.cpSync(runDir('2026-01-01-run-6'), runDir('2026-01-01-run-99'), { recursive: true });
    fresh.refresh([runDir('2026-01-01-run-99')]);
    const loaded = await loading;
    assert.ok(loaded.runs.some((run) => run.id === '2026-01-01-run-99'), 'not dropped by the load that listed the folder before it existed');
    assert.deepEqual(content(loaded), content(index.refresh()));
  });
});

describe('RepositoryIndex: persisted between sessions', () => {
  let root: string;
  let store: string;
  let layout: Layout;
  const runFile = (id: string): string => path.join(new Layout(root).shardedRunDir(id), 'run.yaml');
  const session = (): RepositoryIndex => new RepositoryIndex(new PlaybooksRepository(layout), loadPersistedIndex(store, layout));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-store-'));
    store = path.join(root, '.storage', 'index.json');
    writeRepo(root, RUN_IDS, ['pb-a', 'pb-b']);
    layout = new Layout(root);
    const first = new RepositoryIndex(new PlaybooksRepository(layout));
    first.refresh();
    const entries = first.takeChangesToPersist();
    assert.ok(entries, 'a first load has something to persist');
    savePersistedIndex(store, layout, entries);
    assert.equal(first.takeChangesToPersist(), undefined, 'nothing new to persist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('starts from the persisted index: the same snapshot at once, and no file parsed when nothing changed', () => {
    const reference = new RepositoryIndex(new PlaybooksRepository(layout)).refresh();
    const next = session();
    assert.deepEqual(content(next.snapshot), content(reference), 'shown before any file is read');
    assert.deepEqual(content(next.refresh()), content(reference));
    assert.equal(next.lastParsed, 0);
  });

  it('re-reads what changed between sessions and forgets what went', () => {
    fs.writeFileSync(runFile('2026-01-01-run-1'), fs.readFileSync(runFile('2026-01-01-run-1'), 'utf8').replace(/^name: .*$/m, 'name: Changed while closed'));
    fs.rmSync(path.dirname(runFile('2026-01-01-run-2')), { recursive: true });
    const snapshot = session().refresh();
    assert.equal(snapshot.runs.find((run) => run.id === '2026-01-01-run-1')?.name, 'Changed while closed');
    assert.ok(!snapshot.runs.some((run) => run.id === '2026-01-01-run-2'));
  });

  it('notices a branch switch that left sizes and times alike (git writes a new file)', () => {
    const file = runFile('2026-01-01-run-3');
    const stat = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8').replace(/^name: .*$/m, (line) => `name: ${'X'.repeat(line.length - 'name: '.length)}`);
    fs.rmSync(file);
    fs.writeFileSync(file, text);
    fs.utimesSync(file, stat.atime, stat.mtime);
    const next = session();
    assert.match(next.refresh().runs.find((run) => run.id === '2026-01-01-run-3')?.name ?? '', /^X+$/);
    assert.equal(next.lastParsed, 1);
  });

  it('ignores an index of another folder, another format, or a damaged one', () => {
    assert.equal(loadPersistedIndex(store, new Layout(path.join(root, 'elsewhere'))), undefined, 'another repository');
    assert.equal(loadPersistedIndex(store, new Layout(root, 'ops')), undefined, 'another playbooks folder');
    const text = fs.readFileSync(store, 'utf8');
    fs.writeFileSync(store, text.replace(/"format":\d+/, '"format":999'));
    assert.equal(loadPersistedIndex(store, layout), undefined, 'another format');
    fs.writeFileSync(store, text.slice(0, text.length / 2));
    assert.equal(loadPersistedIndex(store, layout), undefined, 'cut short');
    fs.writeFileSync(store, text.replace('"runStamp"', '"runStamp":1,"x"'));
    assert.equal(loadPersistedIndex(store, layout), undefined, 'an entry of the wrong shape');
    assert.equal(session().refresh().runs.length, RUN_IDS.length, 'a load from the files instead');
  });
});

describe('first tree level', () => {
  it('counts runs per playbook from their first lines, as the full load does', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-first-'));
    try {
      writeRepo(root, RUN_IDS, ['pb-a', 'pb-b', 'pb-c']);
      const repo = new PlaybooksRepository(new Layout(root));
      const snapshot = new RepositoryIndex(repo).refresh();
      const first = readFirstLevel(repo);
      assert.deepEqual(first.playbooks, snapshot.playbooks);
      for (const playbook of snapshot.playbooks) {
        const runs = snapshot.runs.filter((run) => run.playbook === playbook.slug);
        assert.deepEqual(first.runCounts.get(playbook.slug), { total: runs.length, inProgress: runs.filter((run) => run.status === 'in_progress').length }, playbook.slug);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
