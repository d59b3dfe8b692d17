import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepositoryIndex, type IndexSnapshot } from '../src/core/index/repositoryIndex';
import { buildPlaybookReport } from '../src/core/reports/playbookReport';
import { Layout } from '../src/core/repository/layout';
import { PlaybooksRepository } from '../src/core/repository/playbooksRepository';
import { validateRepository } from '../src/core/validation/validateRepository';
import { RUNS, syntheticRepo } from './generate';
import { floor, heapMb, repositoryFiles, time } from './measure';

interface Row {
  name: string;
  ms: number;
  target: string;
  pass: boolean | null;
  note?: string;
}

const rows: Row[] = [];
const add = (row: Row): void => {
  rows.push(row);
  console.log(`${row.name.padEnd(52)} ${row.ms.toFixed(1).padStart(10)} ms  ${row.target.padEnd(22)} ${row.pass === null ? 'n/a' : row.pass ? 'pass' : 'FAIL'}${row.note ? `  ${row.note}` : ''}`);
};

const runs = Number(process.env.BENCH_RUNS ?? RUNS);
const genStart = Date.now();
const big = syntheticRepo(runs);
const small = syntheticRepo(200);
console.log(`repositories ready in ${Date.now() - genStart} ms: ${big.root}`);
const files = repositoryFiles(big.root);
const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
console.log(`${files.length} files, ${(bytes / files.length / 1024).toFixed(2)} KB average`);

floor(files); // warms the page cache so that every figure below reads from memory
// The tree needs playbooks, runs and retrospectives, not timelines: its floor reads just those.
const treeFiles = files.filter((file) => !file.endsWith('timeline.yaml'));
const floorMs = time(() => floor(treeFiles));
add({ name: 'floor: read + js-yaml the files the tree needs', ms: floorMs, target: '-', pass: null, note: `${treeFiles.length} files` });
const floorAll = time(() => floor(files));
add({ name: 'floor: read + js-yaml every file', ms: floorAll, target: '-', pass: null, note: `${files.length} files` });

const repoOf = (root: string): PlaybooksRepository => new PlaybooksRepository(new Layout(root));
let index = new RepositoryIndex(repoOf(big.root));
let snapshot: IndexSnapshot = { playbooks: [], runs: [] };
const cold = time(() => { index = new RepositoryIndex(repoOf(big.root)); snapshot = index.refresh(); });
add({ name: 'full load, cold (no index)', ms: cold, target: '<= 1.5x floor', pass: cold <= 1.5 * floorMs, note: `${(cold / floorMs).toFixed(2)}x floor, ${snapshot.runs.length} runs` });
add({ name: 'first tree level, cold (same path today)', ms: cold, target: '<= 0.25x floor', pass: cold <= 0.25 * floorMs, note: 'no separate first-level load yet' });
const heap = heapMb();
add({ name: 'heap after full load (MB, not ms)', ms: heap, target: '-', pass: null });
const warm = time(() => { index.refresh(); }, 3);
add({ name: 'refresh, files unchanged (in-memory index)', ms: warm, target: '<= 0.25x floor, 1 s', pass: warm <= 0.25 * floorMs && warm <= 1000, note: `parsed ${index.lastParsed}; no persistent index yet` });

const oneChanged = (root: string, id: string, idx: RepositoryIndex): number => {
  const file = path.join(root, 'playbooks', 'runs', id, 'run.yaml');
  return time(() => {
    const later = new Date(Date.now() + 1000 * Math.random());
    fs.utimesSync(file, later, later);
    idx.refresh();
  }, 3);
};
const smallIndex = new RepositoryIndex(repoOf(small.root));
smallIndex.refresh();
const changedBig = oneChanged(big.root, big.runIds[5] ?? '', index);
const changedSmall = oneChanged(small.root, small.runIds[5] ?? '', smallIndex);
add({ name: `one file changed at ${runs} runs`, ms: changedBig, target: '~= at 200 runs', pass: changedBig <= 2 * changedSmall + 5, note: `at 200 runs: ${changedSmall.toFixed(1)} ms` });

const switched = big.runIds.slice(1, 1001);
for (const id of switched) {
  const file = path.join(big.root, 'playbooks', 'runs', id, 'run.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: Switched ${id}`));
}
let switchSnapshot: IndexSnapshot = { playbooks: [], runs: [] };
const branch = time(() => { switchSnapshot = index.refresh(); });
const correct = switched.every((id) => switchSnapshot.runs.find((run) => run.id === id)?.name === `Switched ${id}`);
add({ name: 'branch switch, 1,000 run files rewritten', ms: branch, target: 'correct, one refresh', pass: correct && index.lastParsed === 1000, note: `parsed ${index.lastParsed}, correct: ${correct}` });

const validate = time(() => { validateRepository(repoOf(big.root)); });
add({ name: 'validate the whole repository', ms: validate, target: '<= 2x floor', pass: validate <= 2 * floorAll, note: `${(validate / floorAll).toFixed(2)}x floor of every file` });

const report = time(() => { buildPlaybookReport(repoOf(big.root), big.playbooks[0] ?? ''); });
add({ name: `metrics report of one playbook (${runs / 200} runs)`, ms: report, target: '<= 100 ms after load', pass: report <= 100, note: 'reads files, not the index' });

for (const name of ['full load, warm start (persistent index)', 'publish vs git add + commit', 'extension activation (bundle + activate)', 'run editor first paint']) {
  add({ name, ms: Number.NaN, target: '-', pass: null, note: name.includes('persistent') ? 'persistent index not implemented yet' : 'not measured yet' });
}

fs.mkdirSync('bench-output', { recursive: true });
fs.writeFileSync(path.join('bench-output', 'bench.json'), `${JSON.stringify({ date: new Date().toISOString(), runs, files: files.length, bytes, rows }, null, 2)}\n`);
console.log('wrote bench-output/bench.json');
