import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRepo } from '../../../bench/generate';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { Layout } from '../../../src/core/repository/layout';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';

const RUN_IDS = Array.from({ length: 12 }, (_, i) => `2026-01-01-run-${i}`);

describe('RepositoryIndex', () => {
  let root: string;
  let index: RepositoryIndex;
  const runFile = (id: string): string => path.join(root, 'playbooks', 'runs', id, 'run.yaml');
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
    assert.deepEqual(index.refresh(), snapshot);
    assert.equal(index.lastParsed, 0);
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

  it('loads the same snapshot in the background as at once', async () => {
    const background = await new RepositoryIndex(new PlaybooksRepository(new Layout(root))).refreshAsync();
    assert.deepEqual(background, index.refresh());
  });
});
