import { OperationRefused } from '../core/model/errors';
import { GitProcess } from './gitProcess';
import type { GitEnv } from './gitRunner';
import { splitNul } from './repoPaths';

/** What `review --base` looks at. */
export interface ChangedFiles {
  /** The commit the base resolved to, and where the branch left it (the merge base). */
  base: string;
  mergeBase: string;
  /**
   * Repository-relative paths (forward slashes), sorted, once each: what the branch changed since the
   * merge base, plus what is not committed yet under the playbooks folder (staged, unstaged, untracked),
   * so a reviewer sees the same before committing as CI after. Deleted files are listed too.
   */
  files: string[];
}

/**
 * The files changed between the merge base of `base` and HEAD (`git diff --name-only -z --no-renames
 * base...HEAD`) and the uncommitted changes under `folder` (repository-relative). A base this clone
 * cannot resolve, or shares no history with, is refused in one line that says how to fetch it.
 */
export async function changedFilesSince(root: string, base: string, folder: string, env: GitEnv = {}): Promise<ChangedFiles> {
  if (base.trim() === '' || base.startsWith('-')) throw new OperationRefused(`--base must name a commit or branch, not "${base}"`);
  const git = new GitProcess(root, env);
  const fetchHint = `fetch more history (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch origin ${base.replace(/^(?:refs\/remotes\/)?origin\//, '')})`;
  const resolved = (await git.runAllowing(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], [1, 128]))?.trim();
  if (resolved === undefined || resolved === '') throw new OperationRefused(`base "${base}" is not a commit in this clone: ${fetchHint}`);
  const mergeBase = (await git.runAllowing(['merge-base', resolved, 'HEAD'], [1, 128]))?.trim();
  if (mergeBase === undefined || mergeBase === '') throw new OperationRefused(`base "${base}" shares no history with HEAD in this clone: ${fetchHint}`);
  const committed = splitNul(await git.run(['diff', '--name-only', '-z', '--no-renames', `${resolved}...HEAD`, '--']));
  const status = splitNul(await git.run(['status', '--porcelain', '-z', '--no-renames', '--untracked-files=all', '--ignored=no', '--', `:(top,literal)${folder}`]));
  const uncommitted = status.map((entry) => entry.slice(3)).filter((file) => file !== '');
  return { base: resolved, mergeBase, files: [...new Set([...committed, ...uncommitted])].sort() };
}
