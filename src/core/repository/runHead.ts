import * as fs from 'node:fs';

/**
 * The first bytes of a run file, read without parsing: our run files name the playbook and the
 * status on top-level lines near the start (a hand-edited one may not). Undefined when the file
 * cannot be opened, '' when it cannot be read.
 */
export function readRunHead(file: string, buffer: Buffer): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    return buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return '';
  } finally {
    fs.closeSync(fd);
  }
}

const PLAYBOOK_LINE = /^playbook:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$/m;
const STATUS_LINE = /^status:[ \t]*["']?([a-z_]+)["']?[ \t]*(?:#.*)?$/m;

/** The playbook a run file's head names on a top-level line, if it does. */
export function playbookInHead(head: string): string | undefined {
  return PLAYBOOK_LINE.exec(head)?.[1];
}

/** The status a run file's head names on a top-level line, if it does. */
export function statusInHead(head: string): string | undefined {
  return STATUS_LINE.exec(head)?.[1];
}
