import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, readFile, tempDir, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

/** A repo with a committed playbook and a finished run whose metrics are all filled in. */
async function readyToPublish(): Promise<{ root: string; runId: string; env: Record<string, string> }> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'playbook']);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down'], env)).last;
  await cliOk(root, ['run', 'finish', runId], { ...env, GIT_PLAYBOOKS_NOW: '2026-11-24T11:00:00Z' });
  for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']]) {
    await cliOk(root, ['retro', 'metric', runId, metric as string, value as string], env);
  }
  return { root, runId, env };
}

describe('retro publish', function () {
  this.timeout(30_000);

  it('commits only the run\'s files, leaving unrelated staged and modified files alone', async () => {
    const { root, runId, env } = await readyToPublish();
    writeFile(root, 'notes.txt', 'unrelated, staged\n');
    git(root, ['add', 'notes.txt']);
    writeFile(root, 'playbooks/db-incident.yaml', `${SAMPLE_PLAYBOOK}# edited, not staged\n`);
    const result = await cliOk(root, ['retro', 'publish', runId], env);
    assert.match(result.last, /^[0-9a-f]{40}$/);
    const files = git(root, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort();
    assert.deepEqual(files, ['playbooks/runs/2026/11/2026-11-24-db-down/retrospective.md', 'playbooks/runs/2026/11/2026-11-24-db-down/run.yaml', 'playbooks/runs/2026/11/2026-11-24-db-down/timeline.yaml']);
    assert.match(git(root, ['log', '-1', '--format=%B']), /Playbook-Run: 2026-11-24-db-down/);
    const status = git(root, ['status', '--porcelain']);
    assert.match(status, /^A  notes\.txt$/m);
    assert.match(status, /^ M playbooks\/db-incident\.yaml$/m);
    assert.match(readFile(root, `${runPath(runId)}/retrospective.md`), /status: published/);
  });

  it('publishes on a branch, pushes it to the remote and prints the pull-request URL', async () => {
    const { root, runId, env } = await readyToPublish();
    const remote = tempDir('gp-remote-');
    git(remote, ['init', '-q', '--bare']);
    git(root, ['remote', 'add', 'origin', remote]);
    git(root, ['config', 'remote.origin.pushurl', remote]);
    git(root, ['config', 'remote.origin.url', 'git@github.com:acme/ops.git']);
    const retro = `${runPath(runId)}/retrospective.md`;
    writeFile(root, retro, readFile(root, retro).replace('## Summary\n', '## Summary\n\nThe primary <b>ran out</b> of disk; failover took 45 minutes.\n').replace('## What went well\n', '## What went well\n\n## Actions\n\n| Action | Owner | Ticket |\n|---|---|---|\n| Alert on disk at 80% | dave | https://github.com/acme/ops/issues/7 |\n| Runbook for failover | | |\n'));
    const result = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`https://github.com/acme/ops/compare/main\\.\\.\\.retro/${runId}\\?expand=1&`));
    // The page opens with the title and the body filled: summary, metrics against targets, actions with links.
    const query = new URL(result.stdout.split('\n').find((line) => line.startsWith('https://')) ?? '').searchParams;
    assert.equal(query.get('title'), 'Retrospective: DB down');
    const body = query.get('body') ?? '';
    assert.match(body, /## Summary\n\nThe primary \\<b>ran out\\<\/b> of disk; failover took 45 minutes\./, 'user HTML shown as text');
    assert.match(body, /\| Time to mitigate \| 45m \| 1h \| ✓ \|/);
    assert.match(body, /\| Tickets \| 3 \| 10 \| ✓ \|/);
    assert.match(body, /- Alert on disk at 80% \(dave\) — \[ticket\]\(https:\/\/github\.com\/acme\/ops\/issues\/7\)/);
    assert.match(body, /- Runbook for failover \(no owner yet\)$/m);
    assert.equal(git(remote, ['rev-parse', `retro/${runId}`]).trim(), git(root, ['rev-parse', `retro/${runId}`]).trim());
    assert.equal(git(root, ['branch', '--show-current']).trim(), 'main', 'the checkout stays on its branch');
  });

  it('refuses before writing anything when metrics are missing, naming them', async () => {
    const { root, runId, env } = await readyToPublish();
    writeFile(root, `${runPath(runId)}/retrospective.md`, readFile(root, `${runPath(runId)}/retrospective.md`).replace('tickets: 3', 'tickets: null'));
    const head = git(root, ['rev-parse', 'HEAD']);
    const result = await cli(root, ['retro', 'publish', runId, '--branch'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot publish: no value yet for "Tickets"/);
    assert.equal(git(root, ['rev-parse', 'HEAD']), head);
    assert.equal(git(root, ['branch', '--show-current']).trim(), 'main');
  });

  it('says how to set an identity when git has none, before changing anything', async () => {
    const { root, runId } = await readyToPublish();
    git(root, ['config', '--unset', 'user.name']);
    git(root, ['config', '--unset', 'user.email']);
    const before = readFile(root, `${runPath(runId)}/retrospective.md`);
    const emptyHome = tempDir('gp-nohome-');
    const result = await cli(root, ['retro', 'publish', runId], { HOME: emptyHome, GIT_CONFIG_GLOBAL: path.join(emptyHome, 'none') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /git config user\.name/);
    assert.equal(readFile(root, `${runPath(runId)}/retrospective.md`), before);
  });

  it('shows a failing hook\'s output and leaves the retrospective ready to publish again', async () => {
    const { root, runId, env } = await readyToPublish();
    const hook = path.join(root, '.git/hooks/pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\necho "retro-lint: summary section is empty" >&2\nexit 1\n', { mode: 0o755 });
    const result = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /retro-lint: summary section is empty/);
    assert.match(readFile(root, `${runPath(runId)}/retrospective.md`), /status: draft/);
    fs.rmSync(hook);
    await cliOk(root, ['retro', 'publish', runId], env);
    assert.match(git(root, ['log', '-1', '--format=%s']), /Publish retrospective: DB down/);
  });

  it('reports a rejected push with git\'s reason', async () => {
    const { root, runId, env } = await readyToPublish();
    const remote = tempDir('gp-remote-');
    git(remote, ['init', '-q', '--bare']);
    fs.writeFileSync(path.join(remote, 'hooks/pre-receive'), '#!/bin/sh\necho "protected: retros need review" >&2\nexit 1\n', { mode: 0o755 });
    git(root, ['remote', 'add', 'origin', remote]);
    const result = await cli(root, ['retro', 'publish', runId, '--push'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /protected: retros need review/);
    assert.match(result.stderr, /reject/i);
  });

  it('refuses to branch from a detached HEAD', async () => {
    const { root, runId, env } = await readyToPublish();
    git(root, ['checkout', '-q', '--detach']);
    const result = await cli(root, ['retro', 'publish', runId, '--branch'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /detached/i);
  });

  it('refuses outside a git repository', async () => {
    const root = tempDir('gp-nogit-');
    const result = await cli(root, ['retro', 'publish', 'x'], { HOME: homeWithIdentity() });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not a git repository/);
  });

  it('refuses a second publish with a clear message', async () => {
    const { root, runId, env } = await readyToPublish();
    await cliOk(root, ['retro', 'publish', runId], env);
    const result = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /published and read-only/);
  });
});
