import * as fs from 'node:fs';
import { describeIoError } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { MAX_FILE_BYTES, decodeReadText, oversizeMessage, type DecodedText } from '../files/textChecks';

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
  read: DecodedText;
}

/**
 * Reads a file and its stamp: a stat, then Node's one-call UTF-8 read (open, read and close without
 * going back to JavaScript: twice as fast as reading bytes over 40,000 files). The stat comes first,
 * so a file changed during the read has a newer stamp by the next refresh. Undefined when the file
 * does not exist.
 */
export function readStamped(file: string, displayName: string): StampedText | undefined {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    if (!stats) return undefined;
    const stamp = stampOfStats(stats);
    if (stats.size > MAX_FILE_BYTES) return { stamp, read: { problem: { file: displayName, line: 1, column: 1, message: oversizeMessage(stats.size), severity: 'error' } } };
    return { stamp, read: decodeReadText(displayName, fs.readFileSync(file, 'utf8'), () => fs.readFileSync(file)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Never equal to a real stamp: an unreadable file is tried again on every refresh.
    return { stamp: 'unreadable', read: { problem: ioProblem(displayName, error) } };
  }
}

function ioProblem(file: string, error: unknown): Problem {
  return { file, line: 1, column: 1, message: describeIoError(error), severity: 'error' };
}
