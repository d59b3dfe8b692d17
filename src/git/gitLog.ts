import { gitFailed } from './gitErrors';
import { literalPathspec, splitNul, uniqueRepoPaths } from './repoPaths';

export interface GitLogOptions {
  since?: Date;
  until?: Date;
  maxCount?: number;
  /** Absolute, or relative to the repository root. */
  paths?: string[];
}

export interface GitLogEntry {
  sha: string;
  subject: string;
  author: string;
  /** Committer date (the one --since/--until filter on), ISO 8601 with offset. */
  date: string;
}

/** git's own date syntax; avoids relying on how approxidate reads milliseconds. */
function gitDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw gitFailed('Invalid date given to git log.');
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

/** The `git log` arguments for `options`; undefined when nothing can match (maxCount 0). */
export function logArgs(root: string, options: GitLogOptions): string[] | undefined {
  const { since, until, maxCount, paths } = options;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw gitFailed(`maxCount must be a non-negative integer, got ${maxCount}.`);
  }
  if (maxCount === 0) return undefined;
  // NUL-separated fields and records: subjects may contain any printable character.
  const args = ['log', '-z', '--no-show-signature', '--format=%H%x00%s%x00%an%x00%cI'];
  if (since) args.push(`--since=${gitDate(since)}`);
  if (until) args.push(`--until=${gitDate(until)}`);
  if (maxCount !== undefined) args.push(`--max-count=${maxCount}`);
  if (paths && paths.length > 0) args.push('--', ...uniqueRepoPaths(root, paths).map(literalPathspec));
  return args;
}

export function parseLog(output: string): GitLogEntry[] {
  const fields = splitNul(output);
  const entries: GitLogEntry[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [sha = '', subject = '', author = '', date = ''] = fields.slice(i, i + 4);
    entries.push({ sha, subject, author, date });
  }
  return entries;
}
