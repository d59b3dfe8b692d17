import * as fs from 'node:fs';
import * as path from 'node:path';
import { load, CORE_SCHEMA } from 'js-yaml';

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

/** The middle sample (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Every playbook and run file of the repository, as the index reads them. */
export function repositoryFiles(root: string): string[] {
  const folder = path.join(root, 'playbooks');
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.yaml')).map((name) => path.join(folder, name));
  for (const id of fs.readdirSync(path.join(folder, 'runs'))) {
    for (const name of ['run.yaml', 'timeline.yaml', 'retrospective.md']) files.push(path.join(folder, 'runs', id, name));
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
