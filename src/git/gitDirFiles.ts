import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Location } from './syncGit';

/**
 * The few files of the git directory sync reads or writes itself, each in the format git documents
 * (gitrepository-layout): where the git directory is and which branch HEAD names, and the index,
 * replaced the way git replaces it (under index.lock). Anything unusual is left to git.
 */

/** The git directory and branch from .git and HEAD as git writes them; undefined when they are not that plain. */
export function plainLocation(root: string): Location | 'detached' | undefined {
  try {
    const dotGit = path.join(root, '.git');
    let gitDir = dotGit;
    if (fs.statSync(dotGit).isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim();
      if (pointer === undefined) return undefined;
      gitDir = path.resolve(root, pointer);
    }
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return 'detached';
    const branch = /^ref: refs\/heads\/(.+)$/.exec(head)?.[1];
    // ".invalid" is what the reftable format leaves in HEAD: git knows the branch, the file does not.
    if (branch === undefined || branch === '.invalid') return undefined;
    return { gitDir, branch };
  } catch {
    return undefined;
  }
}

/** Copies the index; returns its stat to tell later whether someone changed it meanwhile (undefined: no index). */
export function copyIndex(realIndex: string, copy: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(realIndex);
    fs.copyFileSync(realIndex, copy);
    return stat;
  } catch {
    return undefined;
  }
}

/**
 * Puts the committed copy in place of the user's index the way git writes an index: under
 * index.lock, renamed over it. Gives up (false) when another git command holds the lock or the
 * index changed since it was copied; the caller then updates the entries one by one.
 */
export function replaceIndex(realIndex: string, copy: string, copied: fs.Stats): boolean {
  const lock = `${realIndex}.lock`;
  try {
    fs.closeSync(fs.openSync(lock, 'wx'));
  } catch {
    return false;
  }
  let renamed = false;
  try {
    const now = fs.statSync(realIndex);
    if (now.mtimeMs !== copied.mtimeMs || now.size !== copied.size || now.ino !== copied.ino) return false;
    fs.renameSync(copy, lock);
    fs.renameSync(lock, realIndex);
    renamed = true;
    return true;
  } catch {
    return false;
  } finally {
    // Only our own lock: once renamed, a lock file there belongs to another git command.
    if (!renamed) fs.rmSync(lock, { force: true });
  }
}

/** An index file of sync's own beside the real one (GIT_INDEX_FILE), and how to remove it and its lock. */
export function temporaryIndex(gitDir: string, purpose: string): { file: string; env: { GIT_INDEX_FILE: string }; dispose: () => void } {
  const file = path.join(gitDir, `git-playbooks-${purpose}-${process.pid}-${randomBytes(4).toString('hex')}.index`);
  const dispose = (): void => {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.lock`, { force: true });
  };
  return { file, env: { GIT_INDEX_FILE: file }, dispose };
}
