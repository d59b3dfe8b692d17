import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitFailed } from './gitErrors';

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** realpath of the longest existing prefix, so /var vs /private/var (macOS) or 8.3 names still match. */
function realpathOfExistingPrefix(absolute: string): string {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Converts an absolute path, or a path relative to the repository root, to a
 * repo-relative path with forward slashes ("." for the root itself).
 */
export function toRepoPath(root: string, input: string): string {
  const absolute = path.isAbsolute(input) ? path.normalize(input) : path.join(root, input);
  let relative = path.relative(root, absolute);
  if (isOutside(relative)) relative = path.relative(root, realpathOfExistingPrefix(absolute));
  if (isOutside(relative)) throw gitFailed(`${input} is outside the git repository at ${root}.`);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/** A pathspec that matches the path literally: no globbing of "*", "?" or "[" in file names. */
export function literalPathspec(repoPath: string): string {
  return `:(literal)${repoPath}`;
}

const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/** What git add must leave out under a folder: an interrupted write's lock, temporary and staging files. */
export function leftoverExcludes(folder: string): string[] {
  const base = escapeGlob(folder);
  return [`:(exclude,glob)${base}/**/.lock`, `:(exclude,glob)${base}/**/*.tmp`, `:(exclude,glob)${base}/**/.staging-*/**`];
}

export function uniqueRepoPaths(root: string, inputs: readonly string[]): string[] {
  return [...new Set(inputs.map((input) => toRepoPath(root, input)))];
}

/** git's -z output: the fields, without the empty one after the last NUL. */
export function splitNul(output: string): string[] {
  const parts = output.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
