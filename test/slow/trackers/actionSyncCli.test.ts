import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';
import { startFakeGithub, type FakeGithub } from '../../helpers/fakeGithub';
import { startFakeGitlab, type FakeGitlab } from '../../helpers/fakeGitlab';
import { runPath } from '../../helpers/runPaths';
import { readFile } from '../../helpers/tempRepo';

/**
 * `action sync` as a person runs it (the in-process CLI over real files and git), against local
 * GitHub and GitLab servers that check every request and response against the API's description
 * (test/helpers/fakeGithub.ts: GitHub's published OpenAPI; fakeGitlab.ts: written from GitLab's
 * documentation). The repository comes from the remote URL, as in a clone.
 */

interface ListedAction {
  id: string;
  title: string;
  owner?: string;
  status: string;
  link?: string;
  closedBy?: string;
}

describe('CLI action sync', function () {
  this.timeout(60_000);
  let github: FakeGithub;
  beforeEach(async () => {
    github = await startFakeGithub('acme', 'shop');
  });
  afterEach(async () => {
    await github.stop();
    assert.deepEqual(github.problems, [], 'every request and response matches GitHub\'s OpenAPI description');
  });

  async function setUp(remote = 'git@github.com:acme/shop.git'): Promise<{ root: string; runId: string; env: Record<string, string>; ids: string[] }> {
    const { root, runId, env } = await repoWithRun();
    execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: root });
    const ids = [
      (await cliOk(root, ['action', 'add', runId, '--title', 'Alert on replica lag', '--owner', 'bob', '--priority', 'P2'], at(env, '2026-11-25T09:00:00Z'))).last,
      (await cliOk(root, ['action', 'add', runId, '--title', 'Runbook for failover'], at(env, '2026-11-25T09:01:00Z'))).last,
      (await cliOk(root, ['action', 'add', runId, '--title', 'Drop the old replica'], at(env, '2026-11-25T09:02:00Z'))).last,
    ];
    return { root, runId, env: { ...env, GITHUB_API_URL: github.url, GITHUB_TOKEN: 'test-token', GIT_PLAYBOOKS_NOW: '2026-12-01T10:00:00Z' }, ids };
  }

  async function listed(root: string, env: Record<string, string>): Promise<ListedAction[]> {
    return JSON.parse((await cliOk(root, ['action', 'list', '--format', 'json'], env)).stdout) as ListedAction[];
  }

  it('two syncs in a row: one issue per action, the links in the retrospective, the second sync changes nothing', async () => {
    const { root, runId, env, ids } = await setUp();
    const first = await cliOk(root, ['action', 'sync'], env);
    assert.deepEqual(first.stdout.split('\n').map((line) => line.replace(/ ".*$/, '')), ids.map((id, index) => `created #${index + 1} for ${id}`));
    assert.match(first.stderr, /^in step with github acme\/shop: 3 created, 0 updated, 0 brought back, 0 linked\nthe retrospectives changed: commit and push them with "git-playbooks sync"$/);
    const links = new Map((await listed(root, env)).map((action) => [action.id, action.link]));
    assert.deepEqual(ids.map((id) => links.get(id)), [1, 2, 3].map((n) => `https://github.com/acme/shop/issues/${n}`));
    assert.deepEqual(github.issues.get(1)?.assignees, ['bob']);
    assert.deepEqual(github.issues.get(1)?.labels, ['git-playbooks', 'P2']);
    assert.match(github.issues.get(1)?.body ?? '', new RegExp(`<!-- git-playbooks:action run=${runId} action=${ids[0]} -->`));
    const retrospective = readFile(root, `${runPath(runId)}/retrospective.md`);

    const second = await cliOk(root, ['action', 'sync'], env);
    assert.equal(second.stdout, '');
    assert.equal(second.stderr, '3 actions already in step with github acme/shop');
    assert.equal(github.issues.size, 3);
    assert.equal(readFile(root, `${runPath(runId)}/retrospective.md`), retrospective, 'nothing written');
    assert.equal((await cli(root, ['validate'], env)).code, 0);
  });

  it('round trip: title, assignee and priority go to the issue, the team\'s labels stay; closed by a pull request comes back done with closedBy; not planned comes back wont_do', async () => {
    const { root, runId, env, ids } = await setUp();
    await cliOk(root, ['action', 'sync'], env);
    const [lag, runbook, drop] = ids as [string, string, string];
    github.edit(1, { labels: ['git-playbooks', 'P2', 'database'] });
    await cliOk(root, ['action', 'set', runId, lag, '--title', 'Alert on replica lag > 30 s', '--owner', 'carol', '--priority', 'P1'], env);
    const update = await cliOk(root, ['action', 'sync'], env);
    assert.equal(update.stdout, `updated #1 (title, assignee, labels) for ${lag} "Alert on replica lag > 30 s" (${runId})`);
    assert.equal(github.issues.get(1)?.title, 'Alert on replica lag > 30 s');
    assert.deepEqual(github.issues.get(1)?.assignees, ['carol']);
    assert.deepEqual(github.issues.get(1)?.labels, ['database', 'git-playbooks', 'P1']);

    github.close(1, 'completed', 40);
    github.close(2, 'not_planned');
    await cliOk(root, ['action', 'set', runId, drop, '--status', 'done'], env);
    const back = await cliOk(root, ['action', 'sync'], env);
    assert.deepEqual(back.stdout.split('\n'), [
      `updated #3 (closed as completed) for ${drop} "Drop the old replica" (${runId})`,
      `${lag} "Alert on replica lag > 30 s" (${runId}) is now done: #1 was closed by https://github.com/acme/shop/pull/40`,
      `${runbook} "Runbook for failover" (${runId}) is now wont_do: #2 was closed as not planned`,
    ]);
    const actions = new Map((await listed(root, env)).map((action) => [action.id, action]));
    assert.deepEqual([lag, runbook, drop].map((id) => [actions.get(id)?.status, actions.get(id)?.closedBy]), [['done', 'https://github.com/acme/shop/pull/40'], ['wont_do', undefined], ['done', undefined]]);
    assert.equal(github.issues.get(3)?.state, 'closed');
    const timeline = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ type: string; data?: { action?: string; to?: string } }>;
    assert.deepEqual(timeline.filter((event) => event.type === 'action_state_changed').map((event) => [event.data?.action, event.data?.to]), [[drop, 'done'], [lag, 'done'], [runbook, 'wont_do']]);
    assert.equal((await cliOk(root, ['action', 'sync'], env)).stderr, '3 actions already in step with github acme/shop');
    assert.equal((await cli(root, ['validate'], env)).code, 0);
  });

  it('without a token: one line, exit 1, no request, nothing written; the next sync with a token does it all', async () => {
    const { root, runId, env } = await setUp();
    const before = readFile(root, `${runPath(runId)}/retrospective.md`);
    const { GITHUB_TOKEN: _token, ...tokenless } = env;
    const result = await cli(root, ['action', 'sync'], tokenless);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'error: no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with "gh auth login"; nothing was changed, sync again with a token');
    assert.deepEqual(github.calls, []);
    assert.equal(readFile(root, `${runPath(runId)}/retrospective.md`), before);
    assert.equal((await cliOk(root, ['action', 'sync'], { ...tokenless, GH_TOKEN: 'test-token' })).stdout.split('\n').length, 3);
  });

  it('cut off half-way (a rate limit after the first issue): what was created is linked, exit 1, the next sync creates only the rest', async () => {
    const { root, env, ids: setUpIds } = await setUp();
    github.failWith = { status: 403, operation: 'issues/create', after: 1, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-12-01T11:00:00Z') / 1000) } };
    const cut = await cli(root, ['action', 'sync'], env);
    assert.equal(cut.code, 1);
    assert.match(cut.stdout, /^created #1 for a-/);
    assert.equal(cut.stderr, 'error: GitHub\'s rate limit is used up until 11:00 UTC; nothing was lost, sync again after that');
    const links = new Map((await listed(root, env)).map((action) => [action.id, action.link]));
    assert.deepEqual(setUpIds.map((id) => links.get(id)), ['https://github.com/acme/shop/issues/1', undefined, undefined]);
    github.failWith = undefined;
    const rest = await cliOk(root, ['action', 'sync'], env);
    assert.deepEqual(rest.stdout.split('\n').map((line) => line.replace(/ for .*$/, '')), ['created #2', 'created #3']);
    assert.equal(github.issues.size, 3);
  });

  it('a clone without the links (never pushed) finds the issues by their markers instead of creating more', async () => {
    const { root, runId, env } = await setUp();
    const retrospective = `${runPath(runId)}/retrospective.md`;
    const unlinked = readFile(root, retrospective);
    await cliOk(root, ['action', 'sync'], env);
    // The same retrospective as before the sync: as another clone has it.
    fs.writeFileSync(`${root}/${retrospective}`, unlinked);
    const again = await cliOk(root, ['action', 'sync', '--dry-run'], env);
    assert.match(again.stdout, /^would link a-\S+ "Alert on replica lag" \(.+\) to #1$/m);
    assert.equal(readFile(root, retrospective), unlinked, 'a dry run writes nothing');
    const linked = await cliOk(root, ['action', 'sync'], env);
    assert.equal(linked.stdout.split('\n').filter((line) => line.startsWith('linked ')).length, 3);
    assert.equal(github.issues.size, 3);
  });

  it('the repository from an https remote of GitHub Enterprise, or from --repo; a remote of neither is refused in one line', async () => {
    const { root, env } = await setUp('https://ghe.example.com/acme/shop.git');
    assert.match((await cliOk(root, ['action', 'sync', '--dry-run'], env)).stderr, /^dry run against github acme\/shop: nothing was changed$/);
    execFileSync('git', ['remote', 'set-url', 'origin', '/srv/git/shop.git'], { cwd: root });
    const unknown = await cli(root, ['action', 'sync'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'error: which repository\'s issues? Pass --repo OWNER/NAME, or give the branch an upstream on GitHub');
    assert.equal((await cliOk(root, ['action', 'sync', '--repo', 'acme/shop'], env)).stdout.split('\n').length, 3);
    const elsewhere = await cli(root, ['action', 'sync', '--repo', 'acme/gone'], env);
    assert.equal(elsewhere.code, 1);
    assert.match(elsewhere.stderr, /^error: GitHub could not list the issues of acme\/gone: not found \(404\)/);
  });
});

describe('CLI action sync: the upstream remote and gh', function () {
  this.timeout(60_000);
  let github: FakeGithub;
  beforeEach(async () => {
    github = await startFakeGithub('acme', 'shop');
  });
  afterEach(async () => {
    await github.stop();
    assert.deepEqual(github.problems, []);
  });

  it('reads the repository from the branch\'s upstream remote before origin, and the token from "gh auth token" when no variable has one', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['action', 'add', runId, '--title', 'Alert on replica lag'], env);
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:someone/fork.git'], { cwd: root });
    execFileSync('git', ['remote', 'add', 'company', 'https://github.com/acme/shop.git'], { cwd: root });
    const branch = execFileSync('git', ['symbolic-ref', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    execFileSync('git', ['config', `branch.${branch}.remote`, 'company'], { cwd: root });
    execFileSync('git', ['config', `branch.${branch}.merge`, `refs/heads/${branch}`], { cwd: root });
    // A gh that answers "auth token" (what the GitHub CLI prints when logged in).
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-gh-'));
    fs.writeFileSync(path.join(bin, 'gh'), '#!/bin/sh\nif [ "$1 $2" = "auth token" ]; then echo test-token; else exit 1; fi\n', { mode: 0o755 });
    const result = await cliOk(root, ['action', 'sync'], { ...env, GITHUB_API_URL: github.url, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` });
    assert.match(result.stdout, /^created #1 for a-\S+ "Alert on replica lag" .*: https:\/\/github\.com\/acme\/shop\/issues\/1$/);
    assert.match(result.stderr, /in step with github acme\/shop/);
  });
});

describe('CLI action sync with GitLab', function () {
  this.timeout(60_000);
  let gitlab: FakeGitlab;
  beforeEach(async () => {
    gitlab = await startFakeGitlab('group/sub/shop');
  });
  afterEach(async () => {
    await gitlab.stop();
    assert.deepEqual(gitlab.problems, [], 'every request and response matches the description of GitLab\'s Issues API');
  });

  it('the project from an ssh remote, two syncs without duplicate, closed by a merge request comes back done', async () => {
    const { root, runId, env } = await repoWithRun();
    execFileSync('git', ['remote', 'add', 'origin', 'git@gitlab.example.com:group/sub/shop.git'], { cwd: root });
    const id = (await cliOk(root, ['action', 'add', runId, '--title', 'Alert on replica lag', '--owner', 'bob'], env)).last;
    const glEnv = { ...env, GITLAB_API_URL: gitlab.url, GITLAB_TOKEN: 'glpat-test', GIT_PLAYBOOKS_NOW: '2026-12-01T10:00:00Z' };
    const { GITLAB_TOKEN: _token, ...tokenless } = glEnv;
    assert.equal((await cli(root, ['action', 'sync'], tokenless)).stderr, 'error: no GitLab token: set GITLAB_TOKEN to an access token with the api scope; nothing was changed, sync again with a token');
    assert.equal((await cliOk(root, ['action', 'sync'], glEnv)).stdout, `created #1 for ${id} "Alert on replica lag" (${runId}): https://gitlab.example.com/group/sub/shop/-/issues/1`);
    assert.equal((await cliOk(root, ['action', 'sync'], glEnv)).stderr, '1 action already in step with gitlab group/sub/shop');
    assert.deepEqual(gitlab.issues.get(1)?.assignees, ['bob']);
    gitlab.close(1, { mergeRequest: 8 });
    await cliOk(root, ['action', 'sync'], glEnv);
    const [action] = JSON.parse((await cliOk(root, ['action', 'list', '--format', 'json'], glEnv)).stdout) as ListedAction[];
    assert.equal(action?.status, 'done');
    assert.equal(action?.closedBy, 'https://gitlab.example.com/group/sub/shop/-/merge_requests/8');
    assert.equal(gitlab.issues.size, 1);
  });
});
