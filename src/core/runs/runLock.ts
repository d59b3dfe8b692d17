import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Layout } from '../repository/layout';
import { noRunError } from '../repository/playbooksRepository';

const LOCK_NAME = '.lock';
const WAIT_MS = 10_000;
/** A lock older than this was left by a process that died; it is taken over. */
const STALE_MS = 30_000;

/**
 * Serialises writers of one run folder (two CLI processes, or the CLI and the extension), so a
 * read-modify-write of run.yaml or timeline.yaml never loses the other's change. Refuses a run that
 * does not exist, or whose folder a symbolic link leads out of the playbooks folder, before any
 * lock file is created.
 */
export function withRunLock<T>(layout: Layout, runId: string, action: () => T): T {
  const runDir = layout.runDir(runId);
  layout.assertWritable(path.join(runDir, LOCK_NAME));
  if (!fs.existsSync(runDir)) throw noRunError(runId);
  const lock = path.join(runDir, LOCK_NAME);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`another git-playbooks process is changing this run (${lock}); try again, or delete the file if no other process is running`);
      }
      sleep(10 + Math.random() * 20);
    }
  }
  try {
    return action();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
