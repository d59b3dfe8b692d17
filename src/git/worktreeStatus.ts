import { splitNul } from './repoPaths';

/** `git status --porcelain -z --no-renames -unormal`, sorted out the way sync uses it. */
export interface WorktreeStatus {
  /** Paths whose index entry differs from HEAD (what `git commit` would take). */
  staged: string[];
  /** Tracked paths whose work tree file differs from the index (changed, deleted), and untracked files. */
  changed: string[];
  /** Untracked directories as status shows them, collapsed and ending with "/": every file under them is new. */
  untrackedDirs: string[];
}

/**
 * The arguments of the status sync reads. Untracked files in the "normal" mode (a new directory is
 * one line) and without a pathspec: the only form the untracked cache serves, which is what keeps
 * finding new files cheap in a repository of 20,000 run folders.
 */
export function statusArgs(useUntrackedCache: boolean): string[] {
  return [...(useUntrackedCache ? ['-c', 'core.untrackedCache=true'] : []), 'status', '--porcelain', '-z', '--no-renames', '--untracked-files=normal', '--ignored=no'];
}

/** Parses porcelain v1 with -z and no renames: "XY path" per entry. */
export function parseWorktreeStatus(output: string): WorktreeStatus {
  const status: WorktreeStatus = { staged: [], changed: [], untrackedDirs: [] };
  for (const entry of splitNul(output)) {
    const inIndex = entry[0] ?? ' ';
    const inWorkTree = entry[1] ?? ' ';
    const file = entry.slice(3);
    if (file === '') continue;
    if (inIndex === '?') {
      if (file.endsWith('/')) status.untrackedDirs.push(file);
      else status.changed.push(file);
      continue;
    }
    if (inIndex !== ' ') status.staged.push(file);
    if (inWorkTree !== ' ') status.changed.push(file);
  }
  return status;
}

/**
 * What `git add -A` must walk for the new directories status reported, limited to the folders:
 * a new directory inside a folder, or a folder inside a new directory (a run started since the
 * last commit, a month folder that did not exist, a playbooks folder never committed).
 */
export function newDirectoriesIn(untrackedDirs: readonly string[], folders: readonly string[]): string[] {
  const targets = new Set<string>();
  for (const dir of untrackedDirs) {
    for (const folder of folders) {
      if (dir.startsWith(`${folder}/`)) targets.add(dir.slice(0, -1));
      else if (`${folder}/`.startsWith(dir)) targets.add(folder);
    }
  }
  return [...targets].sort();
}
