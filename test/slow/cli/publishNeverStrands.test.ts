import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, readFile, tempDir, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

const NOW = '2026-11-24T10:00:00Z';

/** Starts, finishes and fills in a run of the sample playbook: ready to publish. */
async function finishedRun(root: string, env: Record<string, string>, name: string): Promise<string> {
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', name], env)).last;
  await cliOk(root, ['run', 'finish', runId], env);
  for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']] as const) {
    await cliOk(root, ['retro', 'metric', runId, metric, value], env);
  }
  return runId;
}

/** A repo whose committed playbook is on a bare remote's main, with one run ready to publish. */
async function publishedPlaybook(): Promise<{ root: string; remote: string; runId: string; env: Record<string, string> }> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: NOW };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'playbook']);
  const remote = tempDir('gp-remote-');
  git(remote, ['init', '-q', '--bare', '-b', 'main']);
  git(root, ['remote', 'add', 'origin', remote]);
  git(root, ['push', '-q', 'origin', 'main']);
  // The fetch URL names a forge (for the pull-request URL); pushes, and our checks, go to the bare remote.
  git(root, ['config', 'remote.origin.pushurl', remote]);
  git(root, ['config', 'remote.origin.url', 'git@github.com:acme/ops.git']);
  return { root, remote, runId: await finishedRun(root, env, 'DB down'), env };
}

const retroStatus = (root: string, runId: string): string => /^status: (\w+)$/m.exec(readFile(root, `${runPath(runId)}/retrospective.md`))?.[1] ?? '';
const branches = (root: string): string => git(root, ['branch', '--list', '--format=%(refname:short)']).trim();

describe('publishing never strands work', function () {
  this.timeout(60_000);

  it('refuses --push before committing anything when the remote cannot be reached, and publishes once it can', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    git(root, ['config', 'remote.origin.pushurl', path.join(remote, 'moved-away')]);
    const head = git(root, ['rev-parse', 'HEAD']);
    const result = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Cannot reach the remote "origin", so nothing was committed/);
    assert.equal(git(root, ['rev-parse', 'HEAD']), head);
    assert.equal(branches(root), 'main');
    assert.equal(retroStatus(root, runId), 'draft');
    git(root, ['config', 'remote.origin.pushurl', remote]);
    const retry = await cliOk(root, ['retro', 'publish', runId, '--push'], env);
    assert.match(retry.stdout, new RegExp(`compare/main\\.\\.\\.retro/${runId}\\?expand=1`));
  });

  it('refuses --push before committing anything when there is no such remote', async () => {
    const { root, runId, env } = await publishedPlaybook();
    const result = await cli(root, ['retro', 'publish', runId, '--push', '--remote', 'upstream'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no remote named "upstream"/);
    assert.equal(branches(root), 'main');
    assert.equal(retroStatus(root, runId), 'draft');
  });

  it('after a rejected push, --push again pushes the committed branch and prints the pull-request URL', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    const hook = path.join(remote, 'hooks/pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "protected: try later" >&2\nexit 1\n', { mode: 0o755 });
    const rejected = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /protected: try later/);
    assert.match(rejected.stderr, new RegExp(`Nothing is lost.*push it again: git-playbooks retro publish ${runId} --push`));
    fs.rmSync(hook);
    const retried = await cliOk(root, ['retro', 'publish', runId, '--push'], env);
    assert.match(retried.stdout, new RegExp(`https://github.com/acme/ops/compare/main\\.\\.\\.retro/${runId}\\?expand=1`));
    assert.equal(git(remote, ['rev-parse', `retro/${runId}`]).trim(), git(root, ['rev-parse', `retro/${runId}`]).trim());
    const again = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /nothing to push/);
  });

  it("branches from the remote's default branch, so each pull request holds only its own retrospective, and leaves the checkout alone", async () => {
    const { root, remote, runId: first, env } = await publishedPlaybook();
    // Unpushed local history and uncommitted work of every kind, which must all stay where they are.
    writeFile(root, 'local.txt', 'committed, never pushed\n');
    git(root, ['add', 'local.txt']);
    git(root, ['commit', '-q', '-m', 'local only']);
    writeFile(root, 'staged.txt', 'staged\n');
    git(root, ['add', 'staged.txt']);
    writeFile(root, 'local.txt', 'modified, not staged\n');
    const head = git(root, ['rev-parse', 'HEAD']);
    const remoteMain = git(remote, ['rev-parse', 'main']).trim();
    const outside = (): string => git(root, ['status', '--porcelain', '--', ':!playbooks/runs']);
    const statusBefore = outside();

    await cliOk(root, ['retro', 'publish', first, '--push'], env);
    const second = await finishedRun(root, env, 'DB down again');
    const result = await cliOk(root, ['retro', 'publish', second, '--push'], env);

    for (const runId of [first, second]) {
      assert.equal(git(root, ['rev-parse', `retro/${runId}^`]).trim(), remoteMain, `retro/${runId} starts at the remote's main`);
      const files = git(root, ['diff', '--name-only', remoteMain, `retro/${runId}`]).trim().split('\n');
      assert.ok(files.every((file) => file.startsWith(`${runPath(runId)}/`)), files.join(', '));
    }
    assert.match(result.stdout, new RegExp(`compare/main\\.\\.\\.retro/${second}\\?expand=1`));
    assert.equal(git(root, ['branch', '--show-current']).trim(), 'main');
    assert.equal(git(root, ['rev-parse', 'HEAD']), head);
    assert.equal(outside(), statusBefore);
    assert.equal(readFile(root, 'local.txt'), 'modified, not staged\n');
  });

  it('refuses to publish on a detached HEAD without --branch, changing nothing', async () => {
    const { root, runId, env } = await publishedPlaybook();
    git(root, ['checkout', '-q', '--detach']);
    const head = git(root, ['rev-parse', 'HEAD']);
    const result = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /detached HEAD/);
    assert.equal(git(root, ['rev-parse', 'HEAD']), head);
    assert.equal(retroStatus(root, runId), 'draft');
  });

  it('publishes with --branch from a detached HEAD, at the remote\'s default branch', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    git(root, ['checkout', '-q', '--detach']);
    await cliOk(root, ['retro', 'publish', runId, '--branch'], env);
    assert.equal(git(root, ['rev-parse', `retro/${runId}^`]).trim(), git(remote, ['rev-parse', 'main']).trim());
    assert.equal(git(root, ['branch', '--show-current']).trim(), '', 'still detached');
  });

  it('after a pre-commit hook rejects the publish, the index is as it was: a later git commit takes none of the run', async () => {
    const { root, runId, env } = await publishedPlaybook();
    writeFile(root, 'notes.txt', 'staged by the user\n');
    git(root, ['add', 'notes.txt']);
    const index = git(root, ['ls-files', '--stage']);
    const hook = path.join(root, '.git/hooks/pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho "retro-lint: summary is empty" >&2\nexit 1\n', { mode: 0o755 });
    const result = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /retro-lint: summary is empty/);
    assert.equal(git(root, ['ls-files', '--stage']), index);
    assert.equal(retroStatus(root, runId), 'draft');
    fs.rmSync(hook);
    git(root, ['commit', '-q', '-m', 'notes']);
    assert.equal(git(root, ['show', '--name-only', '--format=', 'HEAD']).trim(), 'notes.txt');
  });

  it('after a pre-commit hook rejects a --branch publish, no branch is left behind and the checkout is as it was; the retry publishes', async () => {
    const { root, runId, env } = await publishedPlaybook();
    writeFile(root, 'notes.txt', 'staged by the user\n');
    git(root, ['add', 'notes.txt']);
    const index = git(root, ['ls-files', '--stage']);
    const hook = path.join(root, '.git/hooks/pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho "retro-lint: summary is empty" >&2\nexit 1\n', { mode: 0o755 });
    const result = await cli(root, ['retro', 'publish', runId, '--branch'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /retro-lint: summary is empty/);
    assert.equal(branches(root), 'main');
    assert.equal(git(root, ['branch', '--show-current']).trim(), 'main');
    assert.equal(git(root, ['ls-files', '--stage']), index);
    assert.equal(retroStatus(root, runId), 'draft');
    fs.rmSync(hook);
    await cliOk(root, ['retro', 'publish', runId, '--branch'], env);
    assert.match(git(root, ['log', '-1', '--format=%s', `retro/${runId}`]), /^Publish retrospective: DB down/);
  });

  it('runs a pre-commit hook that reads its configuration from the top of the repository for --branch too', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    writeFile(root, '.retro-lint.yaml', 'rules: []\n');
    git(root, ['add', '.retro-lint.yaml']);
    git(root, ['commit', '-q', '-m', 'lint config']);
    git(root, ['push', '-q', remote, 'main']);
    // Like the pre-commit framework: no configuration at the top, no commit.
    fs.writeFileSync(path.join(root, '.git/hooks/pre-commit'), '#!/bin/sh\ntest -f .retro-lint.yaml || { echo "no .retro-lint.yaml" >&2; exit 1; }\n', { mode: 0o755 });
    await cliOk(root, ['retro', 'publish', runId, '--branch'], env);
    assert.match(git(root, ['log', '-1', '--format=%s', `retro/${runId}`]), /^Publish retrospective: DB down/);
  });

  it("refuses --push when a teammate changed the run on the remote since the last pull, instead of undoing their change; after a pull it publishes with it", async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'run']);
    git(root, ['push', '-q', remote, 'main']);
    const teammate = path.join(tempDir('gp-clone-'), 'ops');
    git(path.dirname(teammate), ['clone', '-q', remote, teammate]);
    fs.appendFileSync(path.join(teammate, `${runPath(runId)}/timeline.yaml`), '# Bob: the vendor confirmed the root cause\n');
    git(teammate, ['commit', '-q', '-am', 'note from Bob'], { GIT_AUTHOR_NAME: 'Bob', GIT_AUTHOR_EMAIL: 'bob@example.com', GIT_COMMITTER_NAME: 'Bob', GIT_COMMITTER_EMAIL: 'bob@example.com' });
    git(teammate, ['push', '-q', 'origin', 'main']);

    const refused = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /origin\/main has changes to this run that your checkout does not have yet/);
    assert.equal(branches(root), 'main');
    assert.equal(retroStatus(root, runId), 'draft');

    git(root, ['pull', '-q', '--no-rebase', remote, 'main']);
    await cliOk(root, ['retro', 'publish', runId, '--push'], env);
    assert.match(git(remote, ['show', `retro/${runId}:${runPath(runId)}/timeline.yaml`]), /the vendor confirmed the root cause/);
  });

  it('says how to pull the merged pull request over the uncommitted run files, and that advice works', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    const result = await cliOk(root, ['retro', 'publish', runId, '--push'], env);
    const advice = /\(git stash push -u -- (\S+)\)/.exec(result.stderr);
    assert.ok(advice?.[1], result.stderr);
    assert.equal(advice[1], `${runPath(runId)}`);
    // A reviewer merges the pull request.
    const reviewer = path.join(tempDir('gp-clone-'), 'ops');
    git(path.dirname(reviewer), ['clone', '-q', remote, reviewer]);
    git(reviewer, ['merge', '-q', '--no-edit', `origin/retro/${runId}`], { GIT_AUTHOR_NAME: 'Rita', GIT_AUTHOR_EMAIL: 'rita@example.com', GIT_COMMITTER_NAME: 'Rita', GIT_COMMITTER_EMAIL: 'rita@example.com' });
    git(reviewer, ['push', '-q', 'origin', 'main']);
    git(root, ['stash', 'push', '-q', '-u', '--', advice[1]]);
    git(root, ['pull', '-q', '--no-rebase', remote, 'main']);
    assert.equal(retroStatus(root, runId), 'published');
  });
});

describe('retro skip commits like publish', function () {
  this.timeout(60_000);

  it("commits the run's files with the reason, on the current branch, leaving unrelated changes alone", async () => {
    const { root, runId, env } = await publishedPlaybook();
    writeFile(root, 'notes.txt', 'staged by the user\n');
    git(root, ['add', 'notes.txt']);
    const result = await cliOk(root, ['retro', 'skip', runId, '--reason', 'False alarm, nothing was affected'], env);
    assert.equal(result.last, git(root, ['rev-parse', 'HEAD']).trim());
    assert.match(git(root, ['log', '-1', '--format=%B']), /^Skip retrospective: DB down[\s\S]*Reason: False alarm, nothing was affected[\s\S]*Playbook-Run: /);
    const files = git(root, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n');
    assert.ok(files.every((file) => file.startsWith(`${runPath(runId)}/`)) && files.length > 0, files.join(', '));
    assert.equal(git(root, ['status', '--porcelain']).trim(), 'A  notes.txt');
  });

  it('with --push, commits on retro/<run>-skipped, pushes it and prints the pull-request URL; publishing later still works', async () => {
    const { root, remote, runId, env } = await publishedPlaybook();
    const result = await cliOk(root, ['retro', 'skip', runId, '--reason', 'Drill', '--push'], env);
    assert.match(result.stdout, new RegExp(`compare/main\\.\\.\\.retro/${runId}-skipped\\?expand=1`));
    assert.match(git(remote, ['log', '-1', '--format=%s', `retro/${runId}-skipped`]), /^Skip retrospective: DB down/);
    assert.equal(git(root, ['branch', '--show-current']).trim(), 'main');
    await cliOk(root, ['retro', 'publish', runId, '--push'], env);
    assert.match(git(remote, ['log', '-1', '--format=%s', `retro/${runId}`]), /^Publish retrospective: DB down/);
  });
});
