import * as fs from 'node:fs';
import { describeIoError } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { MAX_FILE_BYTES, decodeText, oversizeMessage } from '../files/textChecks';

/**
 * Size, modification time (nanosecond precision where the file system has it) and inode: git
 * replaces a file it checks out, so a branch switch changes at least the inode even when the
 * size and the second are the same.
 */
export type Stamp = string;

const stampOfStats = (stats: fs.Stats): Stamp => `${stats.size}:${stats.mtimeMs}:${stats.ino}`;

/** The stamp of a file, or undefined when there is none (one stat call, no exception). */
export function stampOf(file: string): Stamp | undefined {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  return stats ? stampOfStats(stats) : undefined;
}

export interface StampedText {
  stamp: Stamp;
  read: { text: string } | { problem: Problem };
}

/**
 * Reads a file and its stamp with the same calls as a plain read (open, fstat, read, close), so a
 * cold load costs no extra stat per file. Undefined when the file does not exist.
 */
export function readStamped(file: string, displayName: string): StampedText | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { stamp: 'unreadable', read: { problem: ioProblem(displayName, error) } };
  }
  try {
    const stats = fs.fstatSync(fd);
    const stamp = stampOfStats(stats);
    if (stats.size > MAX_FILE_BYTES) return { stamp, read: { problem: { file: displayName, line: 1, column: 1, message: oversizeMessage(stats.size), severity: 'error' } } };
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const count = fs.readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    return { stamp, read: decodeText(displayName, bytes.subarray(0, filled)) };
  } catch (error) {
    return { stamp: 'unreadable', read: { problem: ioProblem(displayName, error) } };
  } finally {
    fs.closeSync(fd);
  }
}

function ioProblem(file: string, error: unknown): Problem {
  return { file, line: 1, column: 1, message: describeIoError(error), severity: 'error' };
}
