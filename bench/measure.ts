import * as fs from 'node:fs';
import * as path from 'node:path';
import { load, CORE_SCHEMA } from 'js-yaml';
import { Layout } from '../src/core/repository/layout';
import { PlaybooksRepository } from '../src/core/repository/playbooksRepository';

/** Median wall time in ms of `repeat` runs of fn (after an optional warm-up). */
export function time(fn: () => void, repeat = 1): number {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/** The shortest sample of a sub-millisecond figure: below it, timer resolution and scheduling decide. */
export const BATCH_MS = 50;

/** CPU time (user + system) this process has used, in ms. */
const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * CPU time per call in ms of one batch of `batch` calls. CPU time, not wall time: on a machine busy
 * with other work, wall time of a sub-millisecond call mostly measures how often we were descheduled.
 */
export function perCall(fn: () => void, batch: number): number {
  const start = cpuMs();
  for (let i = 0; i < batch; i += 1) fn();
  return (cpuMs() - start) / batch;
}

/** How many calls of fn make a sample of at least BATCH_MS of CPU time (a power of two); the doubling doubles as the warm-up. */
export function batchSize(fn: () => void): number {
  for (let batch = 1; ; batch *= 2) {
    if (perCall(fn, batch) * batch >= BATCH_MS || batch >= 1 << 20) return batch;
  }
}

/** The middle sample (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Every playbook and run file of the repository, as the index reads them. */
export function repositoryFiles(root: string): string[] {
  const folder = path.join(root, 'playbooks');
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yaml')).map((name) => path.join(folder, name));
  const repo = new PlaybooksRepository(new Layout(root));
  for (const id of repo.listRunIds()) {
    const dir = repo.layout.runDir(id);
    for (const name of ['run.yaml', 'timeline.yaml', 'retrospective.md']) files.push(path.join(dir, name));
  }
  return files;
}

/** The floor: reading the same files and js-yaml-parsing them in a tight loop, nothing else. */
export function floor(files: string[]): void {
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const yaml = file.endsWith('.md') ? (text.split('\n---\n')[0] ?? '').replace(/^---\n/, '') : text;
    load(yaml, { schema: CORE_SCHEMA });
  }
}

export function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}
