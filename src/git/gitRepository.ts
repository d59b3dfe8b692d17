import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  detachedHead,
  gitFailed,
  hookFailed,
  noIdentity,
  noRemote,
  notARepository,
  nothingToCommit,
  pushRejected,
} from './gitErrors';
import { assertNotOption, GitCommandFailure, GitRunner, toRefusal, type GitEnv } from './gitRunner';
import { literalPathspec, splitNul, toRepoPath, uniqueRepoPaths } from './repoPaths';
import { logArgs, parseLog, type GitLogEntry, type GitLogOptions } from './gitLog';
import { RemoteRefs } from './remoteRefs';
import { IdentityCache, identityConfigFiles, type GitIdentity } from './gitIdentity';

export interface GitRepositoryOptions {
  /** Extra environment for every git call, e.g. HOME / GIT_CONFIG_GLOBAL to isolate from the machine's config. */
  env?: GitEnv;
}

export type { GitIdentity } from './gitIdentity';
export type { GitLogEntry, GitLogOptions } from './gitLog';

// Hooks that can abort `git commit`.
const COMMIT_HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg'];

export interface CommitOptions {
  /** The caller has just checked the identity (publish does, before writing anything). */
  identityChecked?: boolean;
}

/** Names never committed by commitChangesUnder when `skip` is given (glob, any depth). */
const SKIPPED_NAMES = ['.lock', '*.tmp'];
const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

/**
 * Thin adapter over the git CLI (through simple-git) for one work tree.
 * Paths are absolute or relative to `root`; results use repo-relative paths with "/".
 */
export class GitRepository {
  /** What the remote has (default branch, branch tips), asked where pushes go. */
  readonly remotes: RemoteRefs;
  private readonly identityCache: IdentityCache;

  private constructor(
    readonly root: string,
    /** The repository's git directory (of this worktree), absolute. */
    readonly gitDir: string,
    private readonly git: GitRunner,
    private readonly options: GitRepositoryOptions,
  ) {
    this.remotes = new RemoteRefs(git);
    this.identityCache = new IdentityCache(identityConfigFiles(gitDir, options.env), () => this.readIdentity());
  }

  /** Plain git calls for the adapters built on this repository (moveRunFolders.ts). */
  get runner(): GitRunner {
    return this.git;
  }

  static async open(dir: string, options: GitRepositoryOptions = {}): Promise<GitRepository> {
    const absolute = path.resolve(dir);
    if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) throw notARepository(absolute);
    let lines: string[];
    try {
      lines = (await new GitRunner(absolute, options.env).run(['rev-parse', '--show-toplevel', '--absolute-git-dir'])).split('\n');
    } catch (error) {
      if (error instanceof GitCommandFailure) throw notARepository(absolute, error.output);
      throw error;
    }
    // Empty inside a .git directory; bare repositories fail above.
    const [top = '', gitDir = ''] = lines.map((line) => line.trim());
    if (top === '' || gitDir === '') throw notARepository(absolute);
    const root = path.resolve(top);
    return new GitRepository(root, path.resolve(gitDir), new GitRunner(root, options.env), options);
  }

  /**
   * user.name and user.email: read once, then again only when a config file that can set them
   * changed (see identityConfigFiles), so naming who acts costs no git process per write.
   */
  identity(): Promise<GitIdentity | undefined> {
    return this.identityCache.get();
  }

  private async readIdentity(): Promise<GitIdentity | undefined> {
    // One process for both keys; exits 1 when neither is set. The last value of a key wins, as with --get.
    const out = (await this.runAllowing(['config', '--get-regexp', '^user\\.(name|email)$'], [1])) ?? '';
    const values = new Map<string, string>();
    for (const line of out.split('\n')) {
      const space = line.indexOf(' ');
      if (space > 0) values.set(line.slice(0, space).toLowerCase(), line.slice(space + 1).trim());
    }
    const name = values.get('user.name');
    const email = values.get('user.email');
    return name && email ? { name, email } : undefined;
  }

  async requireIdentity(): Promise<GitIdentity> {
    const identity = await this.identity();
    if (identity === undefined) throw noIdentity();
    return identity;
  }

  async currentBranch(): Promise<string | undefined> {
    // Exits 1 on a detached HEAD; reports the unborn branch in a repo without commits.
    const branch = await this.runAllowing(['symbolic-ref', '--quiet', '--short', 'HEAD'], [1]);
    return branch?.trim() || undefined;
  }

  async requireBranch(): Promise<string> {
    const branch = await this.currentBranch();
    if (branch === undefined) throw detachedHead();
    return branch;
  }

  async headCommit(): Promise<string | undefined> {
    const sha = await this.runAllowing(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], [1]);
    return sha?.trim() || undefined;
  }

  /** The best common ancestor, or undefined for unrelated (or too shallow) histories. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    return (await this.runAllowing(['merge-base', a, b], [1]))?.trim() || undefined;
  }

  /** Whether anything under `folder` differs between two commits. */
  async differsUnder(from: string, to: string, folder: string): Promise<boolean> {
    const spec = literalPathspec(toRepoPath(this.root, folder));
    return (await this.runAllowing(['diff', '--quiet', '--no-ext-diff', from, to, '--', spec], [1])) === undefined;
  }

  async lastCommitOf(file: string): Promise<string | undefined> {
    const spec = literalPathspec(toRepoPath(this.root, file));
    if ((await this.headCommit()) === undefined) return undefined;
    const out = await this.run(['log', '-1', '--format=%H', '--no-show-signature', '--', spec]);
    return out.trim() || undefined;
  }

  /** Commits exactly `files` (pathspec commit), leaving anything else the user staged or changed alone. */
  async commitFiles(files: readonly string[], message: string, options: CommitOptions = {}): Promise<string> {
    const repoPaths = uniqueRepoPaths(this.root, files);
    if (repoPaths.length === 0) throw nothingToCommit([]);
    const ours = new Set(repoPaths);
    const commit = await this.commitPathspecs(repoPaths.map(literalPathspec), message, options, (file) => ours.has(file), repoPaths);
    return commit.sha;
  }

  /**
   * Commits every change under one folder (new, modified and deleted files), except the names
   * `skip` matches (lock and temporary files): what publishing a run commits. Returns the files.
   */
  async commitChangesUnder(folder: string, message: string, options: CommitOptions & { skip?: RegExp } = {}): Promise<{ sha: string; files: string[] }> {
    const repoFolder = uniqueRepoPaths(this.root, [folder])[0] ?? '';
    const prefix = `${repoFolder}/`;
    const skip = options.skip;
    const specs = [literalPathspec(repoFolder), ...(skip ? SKIPPED_NAMES.map((name) => `:(exclude,glob)${escapeGlob(repoFolder)}/**/${name}`) : [])];
    return this.commitPathspecs(specs, message, options, (file) => file.startsWith(prefix) && !(skip?.test(file) ?? false), [repoFolder]);
  }

  /**
   * Stages the pathspecs (-A: deletions too), then commits what is ours of the index. When nothing
   * else is staged, a plain commit does what a pathspec commit does without building a second index
   * from HEAD (a tenth of a second in a repository of 60,000 files); otherwise the pathspec commit
   * leaves what someone else staged staged and uncommitted.
   */
  private async commitPathspecs(specs: string[], message: string, options: CommitOptions, isOurs: (file: string) => boolean, described: string[]): Promise<{ sha: string; files: string[] }> {
    if (options.identityChecked !== true) await this.requireIdentity();
    if (message.trim() === '') throw gitFailed('The commit message is empty.');
    const index = await this.snapshotIndex();
    try {
      return await this.stageAndCommit(specs, message, isOurs, described);
    } catch (error) {
      // A refused commit must not leave our files staged: a later plain "git commit" would take them.
      index.restore();
      throw error;
    }
  }

  /** The index file's bytes, to put back exactly as they were (absent included). */
  private async snapshotIndex(): Promise<{ restore(): void }> {
    // The git directory is known since open(); only a GIT_INDEX_FILE given to git needs asking.
    const file = this.options.env?.['GIT_INDEX_FILE'] === undefined ? path.join(this.gitDir, 'index') : path.resolve(this.root, (await this.run(['rev-parse', '--git-path', 'index'])).trim());
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    return {
      restore: () => {
        if (bytes === undefined) fs.rmSync(file, { force: true });
        else fs.writeFileSync(file, bytes);
      },
    };
  }

  private async stageAndCommit(specs: string[], message: string, isOurs: (file: string) => boolean, described: string[]): Promise<{ sha: string; files: string[] }> {
    try {
      // --verbose because simple-git waits an extra 50 ms for a command that prints nothing.
      await this.git.run(['add', '--verbose', '-A', '--', ...specs]);
    } catch (error) {
      const output = error instanceof GitCommandFailure ? error.output : '';
      const list = described.join(', ');
      if (/did not match any files/.test(output)) {
        throw gitFailed(`Cannot commit ${list}: no such file, and git does not track it.`, output, error);
      }
      if (/ignored by one of your \.gitignore files/.test(output)) {
        throw gitFailed(`Cannot commit ${list}: ignored by .gitignore.`, output, error);
      }
      throw toRefusal(error, `Could not stage ${list}.`);
    }
    // Plumbing (diff-index, not diff) so diff.external and friends never run; it fails (128) without HEAD.
    const againstHead = await this.runAllowing(['diff-index', '--cached', '--name-only', '-z', 'HEAD'], [128]);
    const staged = splitNul(againstHead ?? (await this.run(['ls-files', '--cached', '-z', '--', ...specs])));
    const files = staged.filter(isOurs).sort();
    if (files.length === 0) throw nothingToCommit(described);
    const onlyOurs = againstHead !== undefined && files.length === staged.length;
    let summary: string;
    try {
      // --cleanup=whitespace keeps "#" lines (Markdown headings); core.abbrev=no: the summary line
      // "[main <sha>] subject" carries the whole commit id, so no rev-parse is needed after.
      summary = await this.git.run(['-c', 'core.abbrev=no', 'commit', '--cleanup=whitespace', '-m', message, ...(onlyOurs ? [] : ['--', ...specs])]);
    } catch (error) {
      if (error instanceof GitCommandFailure) {
        const output = error.output;
        if (/please tell me who you are|unable to auto-detect email|empty ident/i.test(output)) throw noIdentity();
        // git itself dies with 128; a hook that says no makes commit exit 1.
        if (error.exitCode !== 128 && (await this.hasCommitHook())) throw hookFailed(output);
        if (/nothing to commit|no changes added to commit/i.test(output)) throw nothingToCommit(described);
      }
      throw toRefusal(error, 'git commit failed.');
    }
    const sha = /^\[.* ([0-9a-f]{40}|[0-9a-f]{64})\] /m.exec(summary)?.[1] ?? (await this.run(['rev-parse', 'HEAD'])).trim();
    return { sha, files };
  }

  /** `git checkout -b name`: the working tree and index come along unchanged. */
  async createBranch(name: string): Promise<void> {
    await this.requireNewBranchName(name);
    try {
      await this.git.run(['checkout', '-b', name]);
    } catch (error) {
      if (error instanceof GitCommandFailure && /already exists/.test(error.output)) {
        throw gitFailed(`A branch named "${name}" already exists.`, error.output);
      }
      throw toRefusal(error, `Could not create branch "${name}".`);
    }
  }

  /** Refuses a name git would read otherwise, or one a branch already has. */
  async requireNewBranchName(name: string): Promise<void> {
    assertNotOption('branch', name);
    // check-ref-format --branch also expands "@{-1}"; anything it rewrites is not a plain name.
    const checked = await this.runAllowing(['check-ref-format', '--branch', name], [1, 128]);
    if (checked?.trim() !== name) throw gitFailed(`"${name}" is not a valid branch name.`);
    if ((await this.branchTip(name)) !== undefined) throw gitFailed(`A branch named "${name}" already exists.`);
  }

  /** Creates a branch at a commit without checking it out (refused if it exists by then). */
  async createBranchAt(name: string, sha: string): Promise<void> {
    await this.requireNewBranchName(name);
    // An empty old value makes update-ref refuse a branch that appeared in the meantime.
    await this.run(['update-ref', '-m', 'git-playbooks: branch', `refs/heads/${name}`, sha, ''], `Could not create branch "${name}".`);
  }

  async branchTip(name: string): Promise<string | undefined> {
    const sha = await this.runAllowing(['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`], [1]);
    return sha?.trim() || undefined;
  }

  /**
   * Runs `fn` in a temporary linked worktree at `base` whose index holds base's tree but where only
   * the top-level files are checked out (cheap in a big repository): a commit made there, hooks
   * included, never touches the user's checkout, index or branch.
   */
  async inTemporaryWorktree<T>(base: string, fn: (worktree: GitRepository) => Promise<T>): Promise<T> {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'git-playbooks-'));
    const dir = path.join(parent, 'worktree');
    try {
      await this.run(['worktree', 'add', '--quiet', '--no-checkout', '--detach', dir, base], 'Could not prepare a temporary worktree.');
      const worktree = await GitRepository.open(dir, this.options);
      await worktree.run(['read-tree', 'HEAD']);
      // Hooks find their configuration at the top (.pre-commit-config.yaml, package.json): the
      // top-level files, which are few, are checked out; ":(glob)*" does not descend into folders.
      const top = splitNul(await worktree.run(['ls-files', '-z', '--', ':(glob)*']));
      if (top.length > 0) await worktree.run(['checkout-index', '--', ...top]);
      return await fn(worktree);
    } finally {
      await this.runAllowing(['worktree', 'remove', '--force', dir], [128]);
      fs.rmSync(parent, { recursive: true, force: true });
      await this.runAllowing(['worktree', 'prune'], [128]);
    }
  }

  async remoteUrl(remote = 'origin'): Promise<string | undefined> {
    assertNotOption('remote', remote);
    // Exits 2 ("No such remote") when the remote does not exist.
    const url = await this.runAllowing(['remote', 'get-url', remote], [2]);
    return url?.trim() || undefined;
  }

  /** The remote of the current branch's upstream (branch.<name>.remote), or undefined without one. */
  async upstreamRemote(): Promise<string | undefined> {
    const branch = await this.currentBranch();
    if (branch === undefined) return undefined;
    const remote = (await this.runAllowing(['config', '--get', `branch.${branch}.remote`], [1]))?.trim();
    // "." is the repository itself (a local upstream branch): no remote to read a URL from.
    return remote === undefined || remote === '' || remote === '.' ? undefined : remote;
  }

  /** `git push -u remote branch`, with the refspec spelled out so a same-named tag cannot interfere. */
  async push(branch: string, remote = 'origin'): Promise<void> {
    assertNotOption('branch', branch);
    if ((await this.remoteUrl(remote)) === undefined) throw noRemote(remote);
    try {
      await this.git.run(['push', '-u', remote, `refs/heads/${branch}:refs/heads/${branch}`]);
    } catch (error) {
      const output = error instanceof GitCommandFailure ? error.output : '';
      if (/\[(remote )?rejected\]/.test(output)) {
        // The "! [rejected] …" lines plus what a server-side hook printed ("remote: …").
        const reason = output
          .split('\n')
          .filter((line) => /^\s*!\s/.test(line) || /^remote:\s*\S/.test(line))
          .join('\n');
        throw pushRejected(remote, branch, reason || output, output);
      }
      if (/src refspec .* does not match any/.test(output)) {
        throw gitFailed(`There is no local branch "${branch}" to push.`, output, error);
      }
      throw toRefusal(error, `Could not push "${branch}" to ${remote}.`);
    }
  }

  async log(options: GitLogOptions = {}): Promise<GitLogEntry[]> {
    const args = logArgs(this.root, options);
    if (args === undefined || (await this.headCommit()) === undefined) return [];
    return parseLog(await this.run(args));
  }

  private async hasCommitHook(): Promise<boolean> {
    // Honours core.hooksPath (husky and friends).
    const hooksDir = path.resolve(this.root, (await this.run(['rev-parse', '--git-path', 'hooks'])).trim());
    return COMMIT_HOOKS.some((hook) => {
      const file = path.join(hooksDir, hook);
      try {
        fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    });
  }

  /** Runs git, turning any unexpected failure into a GitRefusal('git_failed'). */
  private async run(args: readonly string[], what = `git ${args[0] ?? ''} failed.`): Promise<string> {
    try {
      return await this.git.run(args);
    } catch (error) {
      throw toRefusal(error, what);
    }
  }

  /** Like run(), but exit codes in `quietCodes` mean "no answer" (undefined). */
  private async runAllowing(args: readonly string[], quietCodes: readonly number[]): Promise<string | undefined> {
    try {
      return await this.git.runAllowing(args, quietCodes);
    } catch (error) {
      throw toRefusal(error, `git ${args[0] ?? ''} failed.`);
    }
  }
}
