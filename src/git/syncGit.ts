import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { detachedHead, gitFailed, noIdentity } from './gitErrors';
import { GitProcess, type GitProcessCall } from './gitProcess';
import { assertNotOption, GitCommandFailure, toRefusal, type GitEnv } from './gitRunner';
import { literalPathspec, splitNul } from './repoPaths';

export interface Location {
  gitDir: string;
  branch: string;
  head: string;
}

/** The checked-out branch and where it syncs to. */
export interface BranchState extends Location {
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
  tree: string;
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

  /** Where the repository keeps its files, the branch and its tip; refuses a detached HEAD and a branch without commits. */
  async location(): Promise<Location> {
    let lines: string[];
    try {
      // HEAD before --symbolic-full-name prints its commit, after it the branch's ref ("HEAD" when detached).
      lines = (await this.git.run(['rev-parse', 'HEAD', '--absolute-git-dir', '--symbolic-full-name', 'HEAD'])).split('\n');
    } catch (error) {
      if (error instanceof GitCommandFailure && /ambiguous argument 'HEAD'|unknown revision/.test(error.output)) {
        throw gitFailed('This branch has no commit yet: make a first commit (and push it with git push -u), then sync.');
      }
      throw toRefusal(error, 'Could not read the current branch.');
    }
    const [head = '', gitDir = '', ref = ''] = lines.map((line) => line.trim());
    if (!ref.startsWith('refs/heads/')) throw detachedHead();
    return { gitDir, branch: ref.slice('refs/heads/'.length), head };
  }

  /** The branch's tree and upstream, and how it stands against the upstream as last fetched. */
  async branchState(where: Location): Promise<BranchState> {
    const format = '%(objectname)%00%(tree)%00%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream)%00%(upstream:trackshort)';
    const [head = '', headTree = '', remote = '', remoteRef = '', tracking = '', track = ''] = (await this.run(['for-each-ref', `--format=${format}`, `refs/heads/${where.branch}`])).trim().split('\0');
    if (head !== where.head) throw gitFailed(`The branch "${where.branch}" moved while syncing (another git command?): sync again.`);
    return { ...where, headTree, ...(remote && remoteRef && tracking ? { upstream: { remote, ref: remoteRef, tracking, track } } : {}) };
  }

  async remoteExists(remote: string): Promise<boolean> {
    assertNotOption('remote', remote);
    return (await this.git.runAllowing(['remote', 'get-url', remote], [2])) !== undefined;
  }

  /** Files under the folders that differ from HEAD (staged or not, new, deleted), repository-relative. */
  async pendingFiles(folders: readonly string[]): Promise<string[]> {
    const out = await this.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules', '--', ...folders.map(literalPathspec)]);
    return splitNul(out).map((entry) => entry.slice(3));
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

  /** Paths whose index entry differs from HEAD (what `git commit` would take), repository-relative. */
  async stagedFiles(): Promise<string[]> {
    return splitNul(await this.run(['diff-index', '--cached', '--name-only', '-z', '--no-renames', 'HEAD']));
  }

  /**
   * The tree of HEAD with the files as they are in the work tree, built in a temporary index so
   * that nothing else the user staged goes in. `indexHoldsOnlyHead`: the user's index differs from
   * HEAD in none but these files; then the temporary index starts as a copy of it (no tree to
   * read, file stats kept) and can later become the user's index. Dispose of it after.
   */
  async stageFiles(where: Location, files: readonly string[], indexHoldsOnlyHead: boolean): Promise<StagedTree> {
    const realIndex = path.join(where.gitDir, 'index');
    const indexFile = path.join(where.gitDir, `git-playbooks-sync-${process.pid}-${randomBytes(4).toString('hex')}.index`);
    const dispose = (): void => {
      fs.rmSync(indexFile, { force: true });
      fs.rmSync(`${indexFile}.lock`, { force: true });
    };
    const call: GitProcessCall = { env: { GIT_INDEX_FILE: indexFile } };
    try {
      const copied = indexHoldsOnlyHead ? copyIndex(realIndex, indexFile) : undefined;
      if (copied === undefined) await this.run(['read-tree', where.head], call);
      await this.run(['update-index', '--add', '--remove', '-z', '--stdin'], { ...call, input: files.map((file) => `${file}\0`).join('') });
      const tree = (await this.run(['write-tree'], call)).trim();
      return { tree, files: [...files], dispose, installAsIndex: () => copied !== undefined && replaceIndex(realIndex, indexFile, copied) };
    } catch (error) {
      dispose();
      throw error;
    }
  }

  /**
   * Commits a staged tree onto HEAD and moves the branch (only if it is still at `state.head`).
   * Says whether the user's index already agrees with the commit (the copied index took its place).
   */
  async commitStaged(state: BranchState, staged: StagedTree, message: string): Promise<{ commit: string; indexUpdated: boolean }> {
    const commit = await this.commitTree(staged.tree, [state.head], message);
    await this.moveBranch(state.branch, commit, state.head, 'git-playbooks sync: commit playbooks changes');
    return { commit, indexUpdated: staged.installAsIndex() };
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
      changes.push({ path: fields[i + 1] ?? '', mode, blob, deleted: status === 'D' });
    }
    return changes;
  }

  /** Sets the user's index entries of exactly these paths to the given blobs (or removes them); the rest stays. */
  async setIndexEntries(changes: readonly TreeChange[], zeroBlob: string): Promise<void> {
    if (changes.length === 0) return;
    const input = changes.map((change) => (change.deleted ? `0 ${zeroBlob}\t${change.path}\0` : `${change.mode} ${change.blob} 0\t${change.path}\0`)).join('');
    await this.run(['update-index', '-z', '--index-info'], { input });
  }

  /** Refreshes the index's file stats, as `git status` does: read-tree -u trusts them to spot local changes. */
  async refreshIndex(): Promise<void> {
    await this.git.runAllowing(['update-index', '-q', '--refresh'], [1]);
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

/** Copies the index; returns its stat to tell later whether someone changed it meanwhile (undefined: no index). */
function copyIndex(realIndex: string, copy: string): fs.Stats | undefined {
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
function replaceIndex(realIndex: string, copy: string, copied: fs.Stats): boolean {
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
