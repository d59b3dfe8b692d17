import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OperationRefused } from '../model/errors';
import type { Layout } from '../repository/layout';
import { noRunError } from '../repository/playbooksRepository';

const LOCK_NAME = '.lock';
/** Held for the instant of removing a stale lock; *.tmp, so git and publishing ignore it. */
const TAKEOVER_NAME = '.lock-takeover.tmp';
const WAIT_MS = 10_000;
/** A lock older than this was left by a process that died, whatever its pid says; it is taken over. */
const STALE_MS = 30_000;

/**
 * Serialises writers of one run folder (two CLI processes, or the CLI and the extension), so a
 * read-modify-write of run.yaml or timeline.yaml never loses the other's change. Refuses a run that
 * does not exist, or whose folder a symbolic link leads out of the playbooks folder, before any
 * lock file is created.
 */
export function withRunLock<T>(layout: Layout, runId: string, action: () => T): T {
  const runDir = layout.runDir(runId);
  const lock = path.join(runDir, LOCK_NAME);
  layout.assertWritable(lock);
  if (!fs.existsSync(runDir)) throw noRunError(runId);
  // The token makes each lock's content unique, so a takeover removes only the lock it judged stale.
  const owner = `${process.pid} ${os.hostname()} ${randomBytes(4).toString('hex')}\n`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lock, owner, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(lock);
      if (held !== undefined && isStale(lock, held)) {
        takeOver(runDir, lock, held, owner);
        continue;
      }
      if (Date.now() > deadline) {
        throw new OperationRefused(`another git-playbooks process is changing this run (${layout.relative(lock)}); try again, or delete that file if no other process is running`);
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

function readLock(lock: string): string | undefined {
  try {
    return fs.readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
}

/** Stale: its process is gone (same host, pid no longer running), or it is older than any write takes. */
function isStale(lock: string, content: string): boolean {
  const [pid, host] = content.trim().split(/\s+/);
  if (pid !== undefined && /^\d+$/.test(pid) && host === os.hostname() && !isRunning(Number(pid))) return true;
  return isOlderThan(lock, STALE_MS);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the stale lock, unless another process took it over first: two processes may judge the
 * same lock stale, and the second must not remove the fresh lock the first has just taken.
 */
function takeOver(runDir: string, lock: string, stale: string, owner: string): void {
  const guard = path.join(runDir, TAKEOVER_NAME);
  try {
    fs.writeFileSync(guard, owner, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (isOlderThan(guard, STALE_MS)) fs.rmSync(guard, { force: true });
    else sleep(5);
    return;
  }
  try {
    if (readLock(lock) === stale) fs.rmSync(lock, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function isOlderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
