import type { Problem } from './problem';

/** Larger files are refused before they are read: a playbook or run file is a few kilobytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Decoded text without its byte-order mark (bom: it had one, for an edit that writes it back), or
 * why not: `problem`, and in `problems` every one when there are several (each conflict git left).
 */
export type DecodedText = { text: string; bom?: true } | { problem: Problem; problems?: Problem[] };

/** Every problem of a read that failed. */
export function readProblems(read: { problem: Problem; problems?: Problem[] }): Problem[] {
  return read.problems ?? [read.problem];
}

/** Exact byte counts: rounded megabytes would say a file just over the limit is "5.0 MB". */
export function oversizeMessage(bytes: number): string {
  return `file is ${formatBytes(bytes)}; files over ${MAX_FILE_LIMIT_TEXT} are refused`;
}

export const MAX_FILE_LIMIT_TEXT = `${formatBytes(MAX_FILE_BYTES)} (${MAX_FILE_BYTES / 1048576} MB)`;

export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |$)/m;

/**
 * Checks bytes before any parser sees them: encoding, NUL bytes, unresolved merge conflicts.
 * Returns the decoded text, or the problem that stops the file from being read.
 */
export function decodeText(file: string, bytes: Uint8Array): DecodedText {
  const at = (line: number, column: number, message: string): { problem: Problem } => ({
    problem: { file, line, column, message, severity: 'error' },
  });
  if (bytes.length > MAX_FILE_BYTES) {
    return at(1, 1, oversizeMessage(bytes.length));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = lineOfByte(bytes, offset);
    return at(line, 1, `file is not valid UTF-8 (first bad byte at offset ${offset}); re-save it as UTF-8`);
  }
  // TextDecoder drops a leading byte-order mark itself: say whether there was one.
  return checkText(file, text, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
}

/**
 * The same checks on text already decoded as UTF-8 by Node (the fast way to read thousands of files):
 * a replacement character may be an invalid byte, so then the bytes are checked the slow way.
 */
export function decodeReadText(file: string, text: string, readBytes: () => Uint8Array): DecodedText {
  return text.includes('\uFFFD') ? decodeText(file, readBytes()) : checkText(file, text);
}

function checkText(file: string, decoded: string, droppedBom = false): DecodedText {
  const at = (line: number, column: number, message: string): { problem: Problem } => ({
    problem: { file, line, column, message, severity: 'error' },
  });
  const bom = droppedBom || decoded.charCodeAt(0) === 0xfeff;
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const line = text.slice(0, nul).split('\n').length;
    return at(line, nul - text.lastIndexOf('\n', nul - 1), 'file contains a NUL byte; is it a binary file?');
  }
  const conflict = CONFLICT_MARKER.exec(text);
  if (conflict) {
    const problems = conflictProblems(file, text);
    const [first] = problems;
    if (first) return { problem: first, problems };
    const line = text.slice(0, conflict.index).split('\n').length;
    return at(line, 1, 'unresolved merge conflict marker; resolve the conflict (keep one side or both) and remove the markers');
  }
  return bom ? { text, bom } : { text };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // Binary search for the shortest failing prefix; `stream` keeps a merely cut multi-byte sequence from failing.
  while (low < high) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  return Math.min(low, Math.max(bytes.length - 1, 0));
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 10) line += 1;
  return line;
}

/** The marker lines CONFLICT_MARKER finds, one at a time. */
const MARKER_LINE = /^(<{7}|\|{7}|={7}|>{7})(?: .*)?\r?$/;

/**
 * Where git left a conflict: one problem per `<<<<<<<` … `>>>>>>>` block, spanning it, naming the
 * line of each marker; a marker line outside such a block is reported on its own.
 */
export function conflictProblems(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  let open: { start: number; middle?: number; base?: number } | undefined;
  const lone = (line: number, marker: string): void => {
    problems.push({ file, line, column: 1, message: `unresolved merge conflict marker ${marker}; resolve the conflict (keep one side or both) and remove the markers`, severity: 'error' });
  };
  lines.forEach((content, index) => {
    const marker = MARKER_LINE.exec(content)?.[1];
    if (marker === undefined) return;
    const line = index + 1;
    const kind = marker[0];
    if (kind === '<') {
      if (open) lone(open.start, '<<<<<<<');
      open = { start: line };
    } else if (kind === '|' && open && open.middle === undefined) open.base = line;
    else if (kind === '=' && open && open.middle === undefined) open.middle = line;
    else if (kind === '>' && open?.middle !== undefined) {
      const where = [`<<<<<<< ${open.start}`, ...(open.base !== undefined ? [`||||||| ${open.base}`] : []), `======= ${open.middle}`, `>>>>>>> ${line}`].join(', ');
      problems.push({
        file,
        line: open.start,
        column: 1,
        endLine: line,
        endColumn: content.replace(/\r$/, '').length + 1,
        message: `unresolved merge conflict marker: git left a conflict at lines ${open.start}-${line} (${where}); both sides changed these lines: keep one side or both and remove the marker lines`,
        severity: 'error',
      });
      open = undefined;
    } else lone(line, marker);
  });
  if (open) lone(open.start, '<<<<<<<');
  return problems;
}
