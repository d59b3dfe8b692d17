import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCommitMessage } from '../../../src/core/publishing/commitMessage';
import { GitRefusal, type GitRefusalCode } from '../../../src/git/gitErrors';
import { GitRepository } from '../../../src/git/gitRepository';
import { GitRunner } from '../../../src/git/gitRunner';

// Every git call (ours and the adapter's) is isolated from the machine's global/system config.
const tempDirs: string[] = [];
let home = '';
let isolatedEnv: Record<string, string> = {};

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `gp-git-${prefix}-`)));
  tempDirs.push(dir);
  return dir;
}

function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): string {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return execFileSync('git', args, { cwd, env: { ...env, ...isolatedEnv, LC_ALL: 'C', ...extraEnv }, encoding: 'utf8' });
}

function write(dir: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}

function initRepo(options: { identity?: boolean } = {}): string {
  const dir = tempDir('repo');
  git(dir, ['init', '-q', '-b', 'main']);
  if (options.identity !== false) {
    git(dir, ['config', 'user.name', 'Test Person']);
    git(dir, ['config', 'user.email', 'test@example.com']);
  }
  return dir;
}

/** A repo with one commit containing README.md. */
function repoWithCommit(): string {
  const dir = initRepo();
  write(dir, 'README.md', 'hello\n');
  git(dir, ['add', 'README.md']);
  git(dir, ['commit', '-q', '-m', 'initial']);
  return dir;
}

function open(dir: string): Promise<GitRepository> {
  return GitRepository.open(dir, { env: isolatedEnv });
}

async function refusal(promise: Promise<unknown>, code: GitRefusalCode): Promise<GitRefusal> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitRefusal, `expected GitRefusal, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected a GitRefusal with code ${code}`);
}

function statusOf(dir: string): string {
  return git(dir, ['status', '--porcelain', '-uall']);
}

describe('GitRepository', function () {
  before(function () {
    home = tempDir('home');
    const emptyConfig = path.join(home, 'empty.gitconfig');
    fs.writeFileSync(emptyConfig, '');
    isolatedEnv = { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: emptyConfig };
  });

  after(function () {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('open', function () {
    it('refuses a directory that is not inside a git work tree', async function () {
      const err = await refusal(open(tempDir('plain')), 'not_a_repository');
      assert.match(err.message, /not inside a git repository/);
    });

    it('refuses a directory that does not exist', async function () {
      await refusal(open(path.join(tempDir('gone'), 'missing')), 'not_a_repository');
    });

    it('refuses a bare repository', async function () {
      const bare = tempDir('bare');
      git(bare, ['init', '-q', '--bare']);
      await refusal(open(bare), 'not_a_repository');
    });

    it('refuses a repository owned by someone else (safe.directory)', async function () {
      // Needs to hand the repo to another user, which only root can do.
      if (typeof process.getuid !== 'function' || process.getuid() !== 0) this.skip();
      const dir = initRepo();
      execFileSync('chown', ['-R', 'nobody', dir]);
      const err = await refusal(open(dir), 'untrusted');
      assert.match(err.message, /safe\.directory/);
    });

    it('says so when git itself cannot be run', async function () {
      const err = await refusal(GitRepository.open(initRepo(), { env: { ...isolatedEnv, PATH: home } }), 'git_failed');
      assert.match(err.message, /git was not found/);
    });

    it('finds the top-level directory from a subdirectory', async function () {
      const dir = initRepo();
      fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      const repo = await open(path.join(dir, 'a', 'b'));
      assert.equal(repo.root, dir);
    });
  });

  describe('identity', function () {
    it('reads user.name and user.email from git config', async function () {
      const repo = await open(initRepo());
      assert.deepEqual(await repo.identity(), { name: 'Test Person', email: 'test@example.com' });
      assert.deepEqual(await repo.requireIdentity(), { name: 'Test Person', email: 'test@example.com' });
    });

    it('reports a missing identity and refuses to commit without one', async function () {
      const dir = initRepo({ identity: false });
      git(dir, ['config', 'user.name', 'Only A Name']);
      write(dir, 'a.txt', 'a\n');
      const repo = await open(dir);
      assert.equal(await repo.identity(), undefined);
      const err = await refusal(repo.requireIdentity(), 'no_identity');
      assert.match(err.message, /git config user\.name "Your Name" && git config user\.email you@example\.com/);
      await refusal(repo.commitFiles(['a.txt'], 'add a'), 'no_identity');
      assert.equal(statusOf(dir), '?? a.txt\n', 'nothing was staged before refusing');
    });
  });

  describe('commitFiles', function () {
    it('commits only the named files, leaving unrelated modified and staged files alone', async function () {
      const dir = repoWithCommit();
      write(dir, 'unrelated-modified.txt', 'v1\n');
      write(dir, 'unrelated-staged.txt', 'v1\n');
      git(dir, ['add', '.']);
      git(dir, ['commit', '-q', '-m', 'more files']);
      write(dir, 'unrelated-modified.txt', 'v2\n');
      write(dir, 'unrelated-staged.txt', 'v2\n');
      git(dir, ['add', 'unrelated-staged.txt']);
      write(dir, 'runs/2026-11-24-db-outage/run.yaml', 'status: in_progress\n');
      write(dir, 'README.md', 'hello again\n');

      const repo = await open(dir);
      const sha = await repo.commitFiles(['runs/2026-11-24-db-outage/run.yaml', path.join(dir, 'README.md')], 'Start run');

      assert.equal(git(dir, ['rev-parse', 'HEAD']).trim(), sha);
      const names = git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort();
      assert.deepEqual(names, ['README.md', 'runs/2026-11-24-db-outage/run.yaml']);
      assert.equal(statusOf(dir), ' M unrelated-modified.txt\nM  unrelated-staged.txt\n');
    });

    it('reports a failing pre-commit hook with its output and loses nothing', async function () {
      const dir = repoWithCommit();
      const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
      fs.writeFileSync(hook, '#!/bin/sh\necho "lint failed: bad thing"\nexit 1\n');
      fs.chmodSync(hook, 0o755);
      write(dir, 'README.md', 'changed\n');

      const repo = await open(dir);
      const before = git(dir, ['rev-parse', 'HEAD']);
      const err = await refusal(repo.commitFiles(['README.md'], 'Change readme'), 'hook_failed');
      assert.match(err.message, /lint failed: bad thing/);
      assert.equal(git(dir, ['rev-parse', 'HEAD']), before);
      assert.equal(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), 'changed\n');
      // Unstaged again, as before: a later plain "git commit" must not take it.
      assert.equal(statusOf(dir), ' M README.md\n');
    });

    it('finds hooks in core.hooksPath too', async function () {
      const dir = repoWithCommit();
      write(dir, '.hooks/commit-msg', '#!/bin/sh\necho "commit message must mention a ticket" >&2\nexit 1\n');
      fs.chmodSync(path.join(dir, '.hooks/commit-msg'), 0o755);
      git(dir, ['config', 'core.hooksPath', '.hooks']);
      write(dir, 'README.md', 'changed\n');
      const err = await refusal((await open(dir)).commitFiles(['README.md'], 'x'), 'hook_failed');
      assert.match(err.message, /must mention a ticket/);
    });

    it('refuses when the named files have no changes', async function () {
      const dir = repoWithCommit();
      write(dir, 'other.txt', 'untracked\n');
      const err = await refusal((await open(dir)).commitFiles(['README.md'], 'No-op'), 'nothing_to_commit');
      assert.match(err.message, /README\.md/);
      await refusal((await open(dir)).commitFiles([], 'No-op'), 'nothing_to_commit');
    });

    it('makes the first commit of an empty repository', async function () {
      const dir = initRepo();
      write(dir, 'a.txt', 'a\n');
      write(dir, 'b.txt', 'b\n');
      const repo = await open(dir);
      assert.equal(await repo.headCommit(), undefined);
      const sha = await repo.commitFiles(['a.txt'], 'First');
      assert.equal(await repo.headCommit(), sha);
      assert.equal(statusOf(dir), '?? b.txt\n');
    });

    it('commits deletions and file names containing glob characters literally', async function () {
      const dir = repoWithCommit();
      write(dir, 'notes/[draft]*.md', 'x\n');
      write(dir, 'notes/d.md', 'not to be committed\n');
      const repo = await open(dir);
      await repo.commitFiles(['notes/[draft]*.md'], 'Add draft');
      assert.equal(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim(), 'notes/[draft]*.md');

      fs.rmSync(path.join(dir, 'README.md'));
      await repo.commitFiles(['README.md'], 'Remove readme');
      assert.equal(git(dir, ['show', '--name-status', '--format=', 'HEAD']).trim(), 'D\tREADME.md');
      assert.equal(statusOf(dir), '?? notes/d.md\n');
    });

    it('explains files it cannot commit: missing, or ignored', async function () {
      const dir = repoWithCommit();
      write(dir, '.gitignore', 'secret.yaml\n');
      write(dir, 'secret.yaml', 'x\n');
      const repo = await open(dir);
      const missing = await refusal(repo.commitFiles(['nope.yaml'], 'x'), 'git_failed');
      assert.match(missing.message, /nope\.yaml: no such file/);
      const ignored = await refusal(repo.commitFiles(['secret.yaml'], 'x'), 'git_failed');
      assert.match(ignored.message, /ignored by \.gitignore/);
    });

    it('runs git without prompts or editors, in the C locale', async function () {
      const dir = repoWithCommit();
      const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
      const out = path.join(home, 'hook-env.txt');
      fs.writeFileSync(hook, `#!/bin/sh\necho "$GIT_TERMINAL_PROMPT|$GIT_EDITOR|$LC_ALL" > "${out}"\n`);
      fs.chmodSync(hook, 0o755);
      write(dir, 'README.md', 'changed\n');
      const repo = await open(dir);
      await repo.commitFiles(['README.md'], 'x');
      // git itself sets GIT_EDITOR=":" for hooks of a non-interactive commit.
      assert.equal(fs.readFileSync(out, 'utf8').trim(), '0|:|C');
      assert.equal((await new GitRunner(dir, isolatedEnv).run(['var', 'GIT_EDITOR'])).trim(), 'true');
    });

    it('writes the subject, body and trailers, keeping Markdown headings', async function () {
      const dir = repoWithCommit();
      write(dir, 'runs/r.yaml', 'a: 1\n');
      const message = buildCommitMessage('Start run: database outage', '# Summary\nPrimary went away.', {
        'Playbook-Run': '2026-11-24-db-outage',
        'Playbook': 'database-outage',
      });
      await (await open(dir)).commitFiles(['runs/r.yaml'], message);
      assert.equal(
        git(dir, ['log', '-1', '--format=%B']).trim(),
        'Start run: database outage\n\n# Summary\nPrimary went away.\n\nPlaybook-Run: 2026-11-24-db-outage\nPlaybook: database-outage',
      );
      assert.equal(git(dir, ['log', '-1', '--format=%(trailers:key=Playbook-Run,valueonly)']).trim(), '2026-11-24-db-outage');
    });
  });

  describe('commitChangesUnder', function () {
    const runDir = 'playbooks/runs/2026-11-24-db-outage';
    function repoWithRun(): string {
      const dir = repoWithCommit();
      write(dir, `${runDir}/run.yaml`, 'v1\n');
      write(dir, `${runDir}/notes.md`, 'v1\n');
      write(dir, 'other.txt', 'v1\n');
      git(dir, ['add', '.']);
      git(dir, ['commit', '-q', '-m', 'run']);
      write(dir, `${runDir}/run.yaml`, 'v2\n');
      write(dir, `${runDir}/retrospective.md`, 'new\n');
      fs.rmSync(path.join(dir, runDir, 'notes.md'));
      write(dir, `${runDir}/.lock`, 'pid\n');
      write(dir, `${runDir}/.run.yaml.abc.tmp`, 'half\n');
      write(dir, 'other.txt', 'v2\n');
      return dir;
    }

    it("commits every change in the folder (new, modified, deleted) but not its lock and temporary files, nor anything outside", async function () {
      const dir = repoWithRun();
      const repo = await open(dir);
      const { sha, files } = await repo.commitChangesUnder(path.join(dir, runDir), 'Publish', { skip: /(^|\/)\.lock$|\.tmp$/ });
      assert.equal(git(dir, ['rev-parse', 'HEAD']).trim(), sha);
      const expected = [`${runDir}/notes.md`, `${runDir}/retrospective.md`, `${runDir}/run.yaml`];
      assert.deepEqual(files, expected);
      assert.deepEqual(git(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort(), expected);
      assert.equal(statusOf(dir), ` M other.txt\n?? ${runDir}/.lock\n?? ${runDir}/.run.yaml.abc.tmp\n`);
    });

    it('leaves what someone else staged staged, and uncommitted', async function () {
      const dir = repoWithRun();
      git(dir, ['add', 'other.txt']);
      const repo = await open(dir);
      const { files } = await repo.commitChangesUnder(path.join(dir, runDir), 'Publish', { skip: /(^|\/)\.lock$|\.tmp$/ });
      assert.equal(files.length, 3);
      assert.match(statusOf(dir), /^M {2}other\.txt$/m);
    });
  });

  describe('branches and HEAD', function () {
    it('reports the current branch, and undefined on a detached HEAD', async function () {
      const dir = repoWithCommit();
      const repo = await open(dir);
      assert.equal(await repo.currentBranch(), 'main');
      assert.equal(await repo.requireBranch(), 'main');
      git(dir, ['checkout', '-q', '--detach']);
      assert.equal(await repo.currentBranch(), undefined);
      await refusal(repo.requireBranch(), 'detached_head');
      // Committing on a detached HEAD is allowed.
      write(dir, 'README.md', 'detached\n');
      const sha = await repo.commitFiles(['README.md'], 'On detached HEAD');
      assert.equal(await repo.headCommit(), sha);
    });

    it('reports the unborn branch of a repository without commits', async function () {
      const repo = await open(initRepo());
      assert.equal(await repo.currentBranch(), 'main');
      assert.equal(await repo.headCommit(), undefined);
      assert.deepEqual(await repo.log({}), []);
    });

    it('creates a branch keeping working-tree changes, and refuses bad or existing names', async function () {
      const dir = repoWithCommit();
      write(dir, 'README.md', 'work in progress\n');
      const repo = await open(dir);
      await repo.createBranch('incident/db-outage');
      assert.equal(await repo.currentBranch(), 'incident/db-outage');
      assert.equal(statusOf(dir), ' M README.md\n');

      const exists = await refusal(repo.createBranch('main'), 'git_failed');
      assert.match(exists.message, /already exists/);
      for (const bad of ['has space', 'a..b', '-x', '', '@{-1}', 'x.lock']) {
        const err = await refusal(repo.createBranch(bad), 'git_failed');
        assert.match(err.message, /not a valid branch name/);
      }
      assert.equal(await repo.currentBranch(), 'incident/db-outage');
    });
  });

  describe('remotes and push', function () {
    function withRemote(): { dir: string; bare: string } {
      const dir = repoWithCommit();
      const bare = tempDir('remote');
      git(bare, ['init', '-q', '--bare', '-b', 'main']);
      git(dir, ['remote', 'add', 'origin', bare]);
      git(dir, ['push', '-q', 'origin', 'main']);
      return { dir, bare };
    }

    it('reads the remote URL', async function () {
      const { dir, bare } = withRemote();
      const repo = await open(dir);
      assert.equal(await repo.remoteUrl(), bare);
      assert.equal(await repo.remoteUrl('upstream'), undefined);
    });

    it('pushes a new branch and sets its upstream', async function () {
      const { dir, bare } = withRemote();
      const repo = await open(dir);
      await repo.createBranch('run/db-outage');
      write(dir, 'run.yaml', 'a: 1\n');
      const sha = await repo.commitFiles(['run.yaml'], 'Start run');
      await repo.push('run/db-outage');
      assert.equal(git(bare, ['rev-parse', 'refs/heads/run/db-outage']).trim(), sha);
      assert.equal(git(dir, ['rev-parse', '--abbrev-ref', 'run/db-outage@{upstream}']).trim(), 'origin/run/db-outage');
    });

    it('explains a push of a branch that does not exist locally', async function () {
      const { dir } = withRemote();
      const err = await refusal((await open(dir)).push('no-such-branch'), 'git_failed');
      assert.match(err.message, /no local branch "no-such-branch"/);
    });

    it('refuses to push without the remote', async function () {
      const repo = await open(repoWithCommit());
      const err = await refusal(repo.push('main'), 'no_remote');
      assert.match(err.message, /git remote add origin/);
    });

    it('reports a non-fast-forward rejection and suggests pulling', async function () {
      const { dir, bare } = withRemote();
      // Someone else pushes first.
      const other = tempDir('other');
      git(other, ['clone', '-q', bare, '.']);
      git(other, ['config', 'user.name', 'Other']);
      git(other, ['config', 'user.email', 'other@example.com']);
      write(other, 'theirs.txt', 'theirs\n');
      git(other, ['add', 'theirs.txt']);
      git(other, ['commit', '-q', '-m', 'theirs']);
      git(other, ['push', '-q', 'origin', 'main']);

      write(dir, 'mine.txt', 'mine\n');
      const repo = await open(dir);
      await repo.commitFiles(['mine.txt'], 'mine');
      const err = await refusal(repo.push('main'), 'push_rejected');
      assert.match(err.message, /\[rejected\]/);
      assert.match(err.message, /pull/);
    });

    it('reports a rejection by a pre-receive hook with its output', async function () {
      const { dir, bare } = withRemote();
      const hook = path.join(bare, 'hooks', 'pre-receive');
      fs.writeFileSync(hook, '#!/bin/sh\necho "policy: pushes are frozen" >&2\nexit 1\n');
      fs.chmodSync(hook, 0o755);
      write(dir, 'mine.txt', 'mine\n');
      const repo = await open(dir);
      await repo.commitFiles(['mine.txt'], 'mine');
      const err = await refusal(repo.push('main'), 'push_rejected');
      assert.match(err.message, /pre-receive hook declined/);
      assert.match(err.message, /policy: pushes are frozen/);
    });
  });

  describe('history', function () {
    it('finds the last commit that touched a path', async function () {
      const dir = repoWithCommit();
      const repo = await open(dir);
      write(dir, 'runs/r.yaml', 'a: 1\n');
      const touched = await repo.commitFiles(['runs/r.yaml'], 'add run');
      write(dir, 'README.md', 'later\n');
      await repo.commitFiles(['README.md'], 'unrelated');
      write(dir, 'runs/new.yaml', 'new\n');

      assert.equal(await repo.lastCommitOf('runs/r.yaml'), touched);
      assert.equal(await repo.lastCommitOf(path.join(dir, 'runs', 'r.yaml')), touched);
      assert.equal(await repo.lastCommitOf('runs/new.yaml'), undefined);
      assert.equal(await repo.lastCommitOf('never/existed.yaml'), undefined);
      assert.equal(await (await open(initRepo())).lastCommitOf('x'), undefined);
    });

    it('lists commits filtered by date, count and path', async function () {
      const dir = initRepo();
      const commitAt = (file: string, subject: string, date: string): void => {
        write(dir, file, subject);
        git(dir, ['add', file]);
        git(dir, ['commit', '-q', '-m', subject], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      };
      commitAt('a.txt', 'one', '2026-11-20T10:00:00Z');
      commitAt('b.txt', 'two | with "odd" chars', '2026-11-22T10:00:00Z');
      commitAt('a.txt', 'three', '2026-11-24T10:00:00Z');

      const repo = await open(dir);
      const all = await repo.log({});
      assert.deepEqual(all.map((entry) => entry.subject), ['three', 'two | with "odd" chars', 'one']);
      assert.equal(all[0]?.author, 'Test Person');
      assert.equal(all[0]?.date, '2026-11-24T10:00:00+00:00');
      assert.match(all[0]?.sha ?? '', /^[0-9a-f]{40}$/);

      const window = await repo.log({ since: new Date('2026-11-21T00:00:00Z'), until: new Date('2026-11-23T00:00:00Z') });
      assert.deepEqual(window.map((entry) => entry.subject), ['two | with "odd" chars']);
      assert.deepEqual((await repo.log({ maxCount: 1 })).map((entry) => entry.subject), ['three']);
      assert.deepEqual((await repo.log({ paths: ['a.txt'] })).map((entry) => entry.subject), ['three', 'one']);
    });
  });
});
