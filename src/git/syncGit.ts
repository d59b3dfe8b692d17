import * as path from 'node:path';
import { detachedHead, gitFailed, noIdentity, type GitRefusal } from './gitErrors';
import { GitProcess, type GitProcessCall } from './gitProcess';
import { assertNotOption, GitCommandFailure, toRefusal, type GitEnv } from './gitRunner';
import { leftoverExcludes, literalPathspec, splitNul } from './repoPaths';
import { isSyncedFile } from '../core/sync/syncPaths';
import { copyIndex, plainLocation, replaceIndex, temporaryIndex } from './gitDirFiles';
import { newDirectoriesIn, parseWorktreeStatus, statusArgs } from './worktreeStatus';

/** The repository's git directory and the checked-out branch. */
export interface Location {
  gitDir: string;
  branch: string;
}

/** The checked-out branch and where it syncs to. */
export interface BranchState extends Location {
  head: string;
  headTree: string;
  /** branch.<name>.remote and .merge, when the branch has an upstream. */
  upstream?: Upstream;
}

export interface Upstream {
  remote: string;
  /** The branch on the remote, e.g. refs/heads/main. */
  ref: string;
  /** Its remote-tracking ref, e.g. refs/remotes/origin/main. */
  tracking: string;
  /** How the branch stands against the tracking ref as last fetched: =, >, <, <> ('' when it is gone). */
  track: string;
}

/** A tree built in a temporary index from HEAD and the work tree's files. */
export interface StagedTree {
  /** The tree, being written. */
  tree: Promise<string>;
  /** The files that differ from HEAD, repository-relative. */
  files: string[];
  /** Renames the temporary index over the user's, when it was a copy of it that nobody changed since. */
  installAsIndex: () => boolean;
  dispose: () => void;
}

/** One path that differs between two commits (diff-tree), with its new mode and blob. */
export interface TreeChange {
  path: string;
  mode: string;
  blob: string;
  deleted: boolean;
  added: boolean;
}

export type PushResult = { kind: 'pushed' } | { kind: 'race'; detail: string } | { kind: 'unreachable'; detail: string } | { kind: 'rejected'; reason: string; detail: string };
export type FetchResult = { kind: 'fetched'; tip: string | undefined } | { kind: 'unreachable'; detail: string };

// A push that lost to another one: the remote moved (fetch first / non-fast-forward), or two
// pushes reached a local or hosted remote at once and one could not take the ref's lock.
const LOST_RACE = /fetch first|non-fast-forward|failed to update ref|failed to lock|cannot lock ref|stale info|incorrect old value/i;
const UNREACHABLE = /could not read from remote|unable to access|could not resolve|connection (refused|timed out|reset)|does not appear to be a git repository|unable to connect|network is unreachable|no such file or directory|repository .* not found/i;

/**
 * The git plumbing sync is made of, for one work tree. Every step leaves the user's index and
 * files alone except where it says so: commits are built in a temporary index, and the work tree
 * moves only through `read-tree -m -u` (git's own branch-switch rules).
 */
export class SyncGit {
  private constructor(
    readonly root: string,
    private readonly git: GitProcess,
  ) {}

  static open(root: string, env: GitEnv = {}): SyncGit {
    return new SyncGit(root, new GitProcess(root, env));
  }

  /**
   * The git directory and the checked-out branch; refuses a detached HEAD. Read from the files git
   * documents (.git, a directory or a "gitdir:" file, and its HEAD) when they are plain, which
   * saves a git process; anything else is asked of git.
   */
  async location(): Promise<Location> {
    const plain = plainLocation(this.root);
    if (plain === 'detached') throw detachedHead();
    if (plain !== undefined) return plain;
    let lines: string[];
    try {
      lines = (await this.git.run(['rev-parse', '--absolute-git-dir', '--symbolic-full-name', 'HEAD'])).split('\n');
    } catch (error) {
      if (error instanceof GitCommandFailure && /ambiguous argument 'HEAD'|unknown revision/.test(error.output)) throw noCommitYet();
      throw toRefusal(error, 'Could not read the current branch.');
    }
    const [gitDir = '', ref = ''] = lines.map((line) => line.trim());
    if (!ref.startsWith('refs/heads/')) throw detachedHead();
    return { gitDir, branch: ref.slice('refs/heads/'.length) };
  }

  /** The branch's tree and upstream, and how it stands against the upstream as last fetched. */
  async branchState(where: Location): Promise<BranchState> {
    const format = '%(objectname)%00%(tree)%00%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream)%00%(upstream:trackshort)';
    const [head = '', headTree = '', remote = '', remoteRef = '', tracking = '', track = ''] = (await this.run(['for-each-ref', `--format=${format}`, `refs/heads/${where.branch}`])).trim().split('\0');
    if (head === '') throw noCommitYet();
    return { ...where, head, headTree, ...(remote && remoteRef && tracking ? { upstream: { remote, ref: remoteRef, tracking, track } } : {}) };
  }

  async remoteExists(remote: string): Promise<boolean> {
    assertNotOption('remote', remote);
    return (await this.git.runAllowing(['remote', 'get-url', remote], [2])) !== undefined;
  }

  /** Texts of `commit:path` for each spec (undefined when absent or not a file), read in one process. */
  async readBlobs(specs: ReadonlyArray<{ commit: string; path: string }>): Promise<Array<string | undefined>> {
    const readable = specs.map((spec) => !spec.path.includes('\n'));
    const input = specs.filter((_, i) => readable[i]).map((spec) => `${spec.commit}:${spec.path}\n`).join('');
    if (input === '') return specs.map(() => undefined);
    const out = await this.git.runBuffer(['cat-file', '--batch'], { input });
    const texts: Array<string | undefined> = [];
    let offset = 0;
    for (let i = 0; i < specs.length; i += 1) {
      if (!readable[i]) {
        texts.push(undefined);
        continue;
      }
      const end = out.indexOf(0x0a, offset);
      // "<object> <type> <size>" then the content, or "<spec> missing" without any.
      const header = /^[0-9a-f]{40,64} (\w+) (\d+)$/.exec(out.toString('utf8', offset, end));
      offset = end + 1;
      if (header === null) {
        texts.push(undefined);
        continue;
      }
      const size = Number(header[2]);
      texts.push(header[1] === 'blob' ? out.toString('utf8', offset, offset + size) : undefined);
      offset += size + 1;
    }
    return texts;
  }

  /**
   * HEAD's tree with the folders' changes as they are in the work tree (new, changed and deleted
   * files; lock, temporary and staging leftovers never), built in a temporary index so that nothing
   * else the user staged goes in. The temporary index starts as a copy of the user's: one `git
   * status` on it finds the changes (with the untracked cache, see statusArgs) and what the user
   * staged; only those paths are then updated. When everything staged is inside the folders, the
   * copy may later become the user's index; otherwise it starts again from HEAD's tree. Undefined
   * when nothing changed. Dispose of it after.
   */
  async stageFolders(where: Location, head: () => Promise<string>, folders: readonly string[]): Promise<StagedTree | undefined> {
    const realIndex = path.join(where.gitDir, 'index');
    const { file: indexFile, env, dispose } = temporaryIndex(where.gitDir, 'sync');
    const call: GitProcessCall = { env };
    const inFolders = (file: string): boolean => folders.some((folder) => file.startsWith(`${folder}/`));
    // Asked while the index is copied; a config git cannot read only means no cache.
    const cacheUnset = this.untrackedCacheUnset().catch(() => false);
    try {
      const copied = copyIndex(realIndex, indexFile);
      if (copied === undefined) await this.run(['read-tree', await head()], call);
      const status = parseWorktreeStatus(await this.run(statusArgs(await cacheUnset), call));
      const stagedInFolders = status.staged.filter(inFolders);
      const reusable = copied !== undefined && stagedInFolders.length === status.staged.length;
      // Something else is staged: start again from HEAD's tree so that it stays out of the commit;
      // what the user staged in the folders is then taken from the work tree, as git add would.
      if (copied !== undefined && !reusable) await this.run(['read-tree', await head()], call);
      const changed = [...status.changed.filter(inFolders), ...(reusable ? [] : stagedInFolders)].filter(isSyncedFile);
      await this.updateIndexPaths(changed, call);
      const newDirectories = newDirectoriesIn(status.untrackedDirs, folders);
      const added = newDirectories.length > 0 ? await this.addFolders(newDirectories, call) : [];
      const files = [...new Set([...changed, ...stagedInFolders, ...added])].filter(isSyncedFile).sort();
      if (files.length === 0) {
        dispose();
        return undefined;
      }
      const tree = this.run(['write-tree'], call).then((out) => out.trim());
      tree.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
      return { tree, files, dispose, installAsIndex: () => reusable && replaceIndex(realIndex, indexFile, copied) };
    } catch (error) {
      dispose();
      throw error;
    }
  }

  /**
   * Whether the user left core.untrackedCache unset: sync then turns it on for its status (as
   * git's feature.manyFiles does); an explicit false, true or keep is theirs to keep.
   */
  private async untrackedCacheUnset(): Promise<boolean> {
    return (await this.git.runAllowing(['config', '--get', 'core.untrackedCache'], [1])) === undefined;
  }

  /** Takes these paths' work tree state into the index: changed files updated, new ones added, deleted ones removed. */
  private async updateIndexPaths(paths: readonly string[], call: GitProcessCall): Promise<void> {
    if (paths.length === 0) return;
    await this.run(['update-index', '--add', '--remove', '-z', '--stdin'], { ...call, input: paths.map((file) => `${file}\0`).join('') });
  }

  /** `git add -A --verbose` of the folders into the given index; the files it added or removed. */
  private async addFolders(folders: readonly string[], call: GitProcessCall): Promise<string[]> {
    const specs = [...folders.map(literalPathspec), ...folders.flatMap(leftoverExcludes)];
    let out: string;
    try {
      out = await this.git.run(['add', '--verbose', '-A', '--', ...specs], call);
    } catch (error) {
      // A folder that is neither on disk nor in the index: nothing to add.
      if (error instanceof GitCommandFailure && /did not match any files/.test(error.output)) return [];
      throw toRefusal(error, 'git add failed.');
    }
    return out.split('\n').flatMap((line) => /^(?:add|remove) '(.*)'$/.exec(line)?.[1] ?? []);
  }

  async commitTree(tree: string, parents: readonly string[], message: string): Promise<string> {
    try {
      return (await this.git.run(['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'], { input: message })).trim();
    } catch (error) {
      if (error instanceof GitCommandFailure && /please tell me who you are|unable to auto-detect email|empty ident/i.test(error.output)) throw noIdentity();
      throw toRefusal(error, 'git commit-tree failed.');
    }
  }

  /** update-ref with the old value: refused if the branch moved meanwhile (another git command). */
  async moveBranch(branch: string, to: string, from: string, reason: string): Promise<void> {
    try {
      await this.git.run(['update-ref', '-m', reason, `refs/heads/${branch}`, to, from]);
    } catch (error) {
      throw toRefusal(error, `The branch "${branch}" moved while syncing (another git command?): sync again.`);
    }
  }

  /** What differs between two commits, file by file. */
  async changes(from: string, to: string): Promise<TreeChange[]> {
    const fields = splitNul(await this.run(['diff-tree', '-r', '-z', '--no-renames', '--no-commit-id', from, to]));
    const changes: TreeChange[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) {
      // ":<old mode> <new mode> <old blob> <new blob> <status>" then the path.
      const [, mode = '', , blob = '', status = ''] = (fields[i] ?? '').slice(1).split(' ');
      changes.push({ path: fields[i + 1] ?? '', mode, blob, deleted: status === 'D', added: status === 'A' });
    }
    return changes;
  }

  /** Sets the user's index entries of exactly these paths to the given blobs (or removes them); the rest stays. */
  async setIndexEntries(changes: readonly TreeChange[], zeroBlob: string): Promise<void> {
    if (changes.length === 0) return;
    const input = changes.map((change) => (change.deleted ? `0 ${zeroBlob}\t${change.path}\0` : `${change.mode} ${change.blob} 0\t${change.path}\0`)).join('');
    // The branch has already moved: an index left behind would show the commit's files as staged
    // reversions. Another git command holding index.lock for a moment is waited for, briefly.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.git.run(['update-index', '-z', '--index-info'], { input });
        return;
      } catch (error) {
        const locked = error instanceof GitCommandFailure && /index\.lock/.test(error.output);
        if (!locked || attempt >= 20) {
          const paths = changes.map((change) => JSON.stringify(change.path)).join(' ');
          throw toRefusal(error, `Committed, but could not update the index for those files: run git reset -q -- ${paths}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Refreshes the index's file stats, as `git status` does: read-tree -u trusts them to spot local changes. */
  async refreshIndex(): Promise<void> {
    await this.git.runAllowing(['update-index', '-q', '--refresh'], [1]);
  }

  /** Where two commits parted; undefined when they share no history. */
  async mergeBase(one: string, other: string): Promise<string | undefined> {
    return (await this.git.runAllowing(['merge-base', one, other], [1]))?.trim() || undefined;
  }

  /** The names in a folder of a commit (none when the folder is not there). */
  async folderNames(commit: string, folder: string): Promise<string[]> {
    return splitNul(await this.run(['ls-tree', '-z', '--name-only', commit, '--', `${folder}/`])).map((entry) => entry.slice(folder.length + 1));
  }

  /**
   * A commit's tree with whole folders moved (every file keeps its blob and mode), built in a
   * temporary index so that the user's stays as it is.
   */
  async treeWithMovedFolders(where: Location, commit: string, moves: ReadonlyArray<{ from: string; to: string }>): Promise<string> {
    const { env, dispose } = temporaryIndex(where.gitDir, 'move');
    const call: GitProcessCall = { env };
    try {
      await this.run(['read-tree', commit], call);
      const entries: string[] = [];
      for (const move of moves) {
        // "<mode> <type> <blob>\t<path>" for every file below the folder.
        for (const line of splitNul(await this.run(['ls-tree', '-r', '-z', commit, '--', `${move.from}/`]))) {
          const tab = line.indexOf('\t'); // the path may hold tabs itself (-z: not quoted)
          const [meta, file] = [line.slice(0, tab), line.slice(tab + 1)];
          const [mode = '', , blob = ''] = meta.split(' ');
          entries.push(`0 ${'0'.repeat(blob.length)}\t${file}\0`, `${mode} ${blob}\t${move.to}${file.slice(move.from.length)}\0`);
        }
      }
      await this.run(['update-index', '-z', '--index-info'], { ...call, input: entries.join('') });
      return (await this.run(['write-tree'], call)).trim();
    } finally {
      dispose();
    }
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return (await this.git.runAllowing(['merge-base', '--is-ancestor', ancestor, descendant], [1])) !== undefined;
  }

  async resolve(ref: string): Promise<string | undefined> {
    return (await this.git.runAllowing(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], [1, 128]))?.trim() || undefined;
  }

  /** Fetches the remote branch into its remote-tracking ref; tip undefined when the remote has no such branch. */
  async fetch(remote: string, remoteRef: string, tracking: string): Promise<FetchResult> {
    assertNotOption('remote', remote);
    try {
      await this.git.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', remote, `+${remoteRef}:${tracking}`]);
    } catch (error) {
      if (!(error instanceof GitCommandFailure)) throw error;
      if (/couldn't find remote ref/i.test(error.output)) return { kind: 'fetched', tip: undefined };
      return { kind: 'unreachable', detail: error.output };
    }
    return { kind: 'fetched', tip: await this.resolve(tracking) };
  }

  /**
   * `git merge-tree --write-tree`: the merge of two commits as a tree, computed without touching
   * the index or the work tree (merge drivers run; `env` tells them which commits merge).
   */
  async mergeTrees(ours: string, theirs: string, env: GitEnv): Promise<{ tree: string; conflicts: string[] }> {
    let out: string;
    try {
      out = await this.git.run(['merge-tree', '--write-tree', '--no-messages', '--name-only', '-z', ours, theirs], { env });
    } catch (error) {
      // Exit 1: merged, with conflicts (the tree holds git's markers); anything else is a failure.
      if (!(error instanceof GitCommandFailure) || error.exitCode !== 1) throw toRefusal(error, 'git merge-tree failed.');
      out = error.stdout;
    }
    const [tree = '', ...conflicts] = splitNul(out).filter((field) => field !== '');
    return { tree, conflicts: [...new Set(conflicts)].sort() };
  }

  /**
   * Moves index and work tree from one commit to another as switching branches does (two-tree
   * read-tree): staged and modified files that the move does not touch stay as they are. Returns
   * git's refusal (nothing changed then), or undefined when it moved.
   */
  async moveWorkTree(from: string, to: string): Promise<{ paths: string[]; output: string } | undefined> {
    try {
      await this.git.run(['read-tree', '-m', '-u', from, to]);
      return undefined;
    } catch (error) {
      if (!(error instanceof GitCommandFailure)) throw error;
      const quoted = [...error.output.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
      const listed = error.output.split('\n').filter((line) => line.startsWith('\t')).map((line) => line.trim());
      return { paths: [...new Set([...quoted, ...listed])].filter((entry) => entry !== ''), output: error.output };
    }
  }

  /**
   * Pushes a commit or branch (`source`) to the remote's ref; a lost race, an unreachable remote
   * and a refusal are told apart. The remote-tracking ref follows, as with any push to a remote.
   */
  async push(remote: string, source: string, remoteRef: string): Promise<PushResult> {
    assertNotOption('remote', remote);
    try {
      await this.git.run(['push', '--porcelain', remote, `${source}:${remoteRef}`]);
      return { kind: 'pushed' };
    } catch (error) {
      if (!(error instanceof GitCommandFailure)) throw error;
      const output = error.output;
      const rejected = error.stdout.split('\n').filter((line) => line.startsWith('!'));
      if (rejected.length > 0) {
        if (LOST_RACE.test(output)) return { kind: 'race', detail: output };
        const reason = [...rejected.map((line) => line.split('\t').slice(1).join(' ')), ...error.stderr.split('\n').filter((line) => /^remote:\s*\S/.test(line))].join('\n');
        return { kind: 'rejected', reason, detail: output };
      }
      if (UNREACHABLE.test(output)) return { kind: 'unreachable', detail: output };
      throw toRefusal(error, `Could not push to ${remote}.`);
    }
  }

  private async run(args: readonly string[], call: GitProcessCall = {}): Promise<string> {
    try {
      return await this.git.run(args, call);
    } catch (error) {
      throw toRefusal(error, `git ${args[0] ?? ''} failed.`);
    }
  }
}


function noCommitYet(): GitRefusal {
  return gitFailed('This branch has no commit yet: make a first commit (and push it with git push -u), then sync.');
}
