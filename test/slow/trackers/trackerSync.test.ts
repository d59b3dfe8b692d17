import assert from 'node:assert/strict';
import type { ActionChange } from '../../../src/core/actions/actionOperations';
import type { ActionView } from '../../../src/core/actions/actionTypes';
import { readActionMarker } from '../../../src/core/actions/trackerIssues';
import { githubTracker } from '../../../src/trackers/githubTracker';
import { gitlabTracker } from '../../../src/trackers/gitlabTracker';
import type { TrackerClient } from '../../../src/trackers/trackerClient';
import { syncWithTracker } from '../../../src/trackers/trackerSync';
import { githubChecker, startFakeGithub, type FakeGithub } from '../../helpers/fakeGithub';
import { startFakeGitlab, type FakeGitlab } from '../../helpers/fakeGitlab';

/**
 * The sync against local servers that hold every request and response to the tracker's API
 * description (GitHub's published OpenAPI; GitLab's written from its documentation). Actions live
 * in memory here, changed only through the write-back the CLI wires to setAction
 * (test/slow/trackers/actionSyncCli.test.ts runs the same through the command on real files).
 */

const RUN = '2026-12-01-checkout-errors';

function action(id: string, fields: Partial<ActionView> = {}): ActionView {
  return { id, title: `Action ${id}`, status: 'open', createdAt: '2026-12-01T10:00:00Z', runId: RUN, runName: 'Checkout errors', playbook: 'incident', overdue: false, ...fields };
}

/** The file side: actions changed only by the sync's write-backs. */
class ActionStore {
  readonly writes: Array<{ actionId: string; change: ActionChange }> = [];
  constructor(public actions: ActionView[]) {}
  async sync(client: TrackerClient, dryRun = false): Promise<string[]> {
    const lines: string[] = [];
    await syncWithTracker(client, this.actions, {
      dryRun,
      report: (line) => lines.push(line),
      writeBack: (_runId, actionId, change) => {
        this.writes.push({ actionId, change });
        this.actions = this.actions.map((each) => (each.id !== actionId ? each : applied(each, change)));
      },
    });
    return lines;
  }
  get(id: string): ActionView {
    const found = this.actions.find((each) => each.id === id);
    assert.ok(found, id);
    return found;
  }
}

function applied(current: ActionView, change: ActionChange): ActionView {
  const next: ActionView = { ...current };
  if (change.link !== undefined && change.link !== null) next.link = change.link;
  if (change.closedBy !== undefined && change.closedBy !== null) next.closedBy = change.closedBy;
  if (change.status !== undefined) {
    next.status = change.status;
    if (change.status === 'done' || change.status === 'wont_do') next.closedAt = '2026-12-02T10:00:00Z';
    else delete next.closedAt;
  }
  return next;
}

describe('tracker sync against GitHub\'s OpenAPI description', function () {
  this.timeout(60_000);
  let github: FakeGithub;
  let client: TrackerClient;
  beforeEach(async () => {
    github = await startFakeGithub();
    client = githubTracker({ repository: 'acme/shop', apiBase: github.url, token: 'test-token', userAgent: 'git-playbooks/test' });
  });
  afterEach(async () => {
    await github.stop();
    assert.deepEqual(github.problems, [], 'every request and response matches the description');
  });

  it('creates one issue per open action, and a second sync creates none (even when the links were lost)', async () => {
    const store = new ActionStore([action('a-000001', { owner: '@bob', priority: 'P2' }), action('a-000002'), action('a-000003'), action('a-000004', { status: 'done' })]);
    const first = await store.sync(client);
    assert.equal(first.filter((line) => line.startsWith('created #')).length, 3);
    assert.equal(github.issues.size, 3);
    assert.deepEqual(store.writes.map((write) => write.change.link), ['https://github.com/acme/shop/issues/1', 'https://github.com/acme/shop/issues/2', 'https://github.com/acme/shop/issues/3']);
    assert.deepEqual(github.issues.get(1)?.labels, ['git-playbooks', 'P2']);
    assert.deepEqual(github.issues.get(1)?.assignees, ['bob']);
    assert.deepEqual(readActionMarker(github.issues.get(2)?.body ?? ''), { runId: RUN, actionId: 'a-000002' });

    assert.deepEqual(await store.sync(client), []);
    // A checkout that never got the links (a failed push, another clone): found by marker, across pages.
    const elsewhere = new ActionStore([action('a-000001', { owner: '@bob', priority: 'P2' }), action('a-000002'), action('a-000003')]);
    const again = await elsewhere.sync(client);
    assert.equal(github.issues.size, 3, 'no duplicate');
    assert.equal(again.filter((line) => line.startsWith('linked ')).length, 3);
    assert.ok(github.calls.filter((call) => call === 'GET issues/list-for-repo').length >= 4, 'the list is paginated (two per sync here)');
  });

  it('round trip: title, assignee and priority from the file, the team\'s labels kept; closed as completed by a pull request → done with closedBy', async () => {
    const store = new ActionStore([action('a-000001', { owner: 'bob', priority: 'P2' })]);
    await store.sync(client);
    github.edit(1, { labels: ['git-playbooks', 'P2', 'database'] });
    store.actions = store.actions.map((each) => ({ ...each, title: 'Alert on replica lag > 30 s', owner: 'carol', priority: 'P1' }));
    const lines = await store.sync(client);
    assert.deepEqual(lines, [`updated #1 (title, assignee, labels) for a-000001 "Alert on replica lag > 30 s" (${RUN})`]);
    const issue = github.issues.get(1);
    assert.equal(issue?.title, 'Alert on replica lag > 30 s');
    assert.deepEqual(issue?.assignees, ['carol']);
    assert.deepEqual(issue?.labels, ['database', 'git-playbooks', 'P1']);

    github.close(1, 'completed', 40);
    await store.sync(client);
    assert.equal(store.get('a-000001').status, 'done');
    assert.equal(store.get('a-000001').closedBy, github.pullUrl(40));
    assert.deepEqual(await store.sync(client), [], 'in step afterwards');
  });

  it('closed as not planned → wont_do; an action closed in the file closes its issue; reopened on GitHub → open again', async () => {
    const store = new ActionStore([action('a-000001'), action('a-000002')]);
    await store.sync(client);
    github.close(1, 'not_planned');
    store.actions = store.actions.map((each) => (each.id === 'a-000002' ? { ...each, status: 'done', closedAt: '2026-12-01T12:00:00Z' } : each));
    await store.sync(client);
    assert.equal(store.get('a-000001').status, 'wont_do');
    assert.equal(github.issues.get(2)?.state, 'closed');
    assert.equal(github.issues.get(2)?.stateReason, 'completed');

    github.reopen(2);
    await store.sync(client);
    assert.equal(store.get('a-000002').status, 'open');
    assert.equal(github.issues.get(2)?.state, 'open', 'the sync did not close it again');
  });

  it('an owner GitHub cannot assign: the issue is still created and kept in step, unassigned, with a note naming the owner', async () => {
    const store = new ActionStore([action('a-000001', { owner: 'mallory' }), action('a-000002', { owner: 'bob' })]);
    const lines = await store.sync(client);
    assert.equal(github.issues.size, 2);
    assert.match(lines[0] ?? '', /^note: the tracker refused mallory as assignee of the new issue for a-000001 .*Validation Failed.*; written without changing the assignee$/);
    assert.deepEqual([github.issues.get(1)?.assignees, github.issues.get(2)?.assignees], [[], ['bob']]);
    store.actions = store.actions.map((each) => ({ ...each, owner: 'mallory', title: `${each.title}!` }));
    const again = await store.sync(client);
    assert.equal(github.issues.get(2)?.title, 'Action a-000002!', 'the title still went through');
    assert.deepEqual(github.issues.get(2)?.assignees, ['bob'], 'the assignee it had stays');
    assert.equal(again.filter((line) => line.startsWith('note: the tracker refused mallory')).length, 2);
  });

  it('a refused token, a missing repository and a used-up rate limit are one line each, and nothing is written', async () => {
    const store = new ActionStore([action('a-000001')]);
    const wrong = githubTracker({ repository: 'acme/shop', apiBase: github.url, token: 'wrong', userAgent: 'test' });
    await assert.rejects(store.sync(wrong), /^OperationRefused: GitHub refused the token \(401\) while trying to list the issues of acme\/shop; set GITHUB_TOKEN/);
    const missing = githubTracker({ repository: 'acme/gone', apiBase: github.url, token: 'test-token', userAgent: 'test' });
    await assert.rejects(store.sync(missing), /GitHub could not list the issues of acme\/gone: not found \(404\)/);
    github.failWith = { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse('2026-12-02T10:15:00Z') / 1000) } };
    await assert.rejects(store.sync(client), /GitHub's rate limit is used up until 10:15 UTC; nothing was lost/);
    github.failWith = { status: 422, operation: 'issues/create', message: 'Validation Failed' };
    await assert.rejects(store.sync(client), /^OperationRefused: GitHub refused to create an issue in acme\/shop \(HTTP 422\): Validation Failed/);
    github.failWith = undefined;
    assert.deepEqual(store.writes, []);
    assert.equal(github.issues.size, 0);
  });

  it('offline: one line, nothing written', async () => {
    const store = new ActionStore([action('a-000001')]);
    const offline = githubTracker({ repository: 'acme/shop', apiBase: 'http://127.0.0.1:9', token: 'test-token', userAgent: 'test' });
    await assert.rejects(store.sync(offline), /^OperationRefused: cannot reach GitHub at http:\/\/127\.0\.0\.1:9 \(.+\); nothing was lost, sync again when online$/);
    assert.deepEqual(store.writes, []);
  });

  it('the checker itself refuses an unknown endpoint, a bad body and a bad response', async () => {
    await fetch(`${github.url}/repos/acme/shop/issues/1/frobnicate`, { headers: { authorization: 'token test-token' } });
    await fetch(`${github.url}/repos/acme/shop/issues/1`, { method: 'PATCH', headers: { authorization: 'token test-token' }, body: JSON.stringify({ state: 'sideways' }) });
    await fetch(`${github.url}/repos/acme/shop/issues?per_page=banana`, { headers: { authorization: 'token test-token' } });
    await fetch(`${github.url}/repos/acme/shop/issues`, { method: 'POST', headers: { authorization: 'token test-token' }, body: JSON.stringify({ title: 'T', label: ['x'] }) });
    const problems = github.problems.splice(0);
    assert.ok(problems.some((problem) => /GET \/repos\/acme\/shop\/issues\/1\/frobnicate is no operation/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /PATCH \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\} request body: \/state must be equal to one of the allowed values/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /query parameter per_page: \(root\) must be integer/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /POST \/repos\/\{owner\}\/\{repo\}\/issues request body: unknown field label$/.test(problem)), problems.join('\n'));
    github.issues.clear();
    const created = await client.createIssue({ title: 'T', body: 'B', labels: [], assignees: [] });
    assert.equal(created.number, 1);
    const sent = (await (await fetch(`${github.url}/repos/acme/shop/issues/1`, { headers: { authorization: 'token test-token' } })).json()) as Record<string, unknown>;
    assert.deepEqual(githubChecker().checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, sent), []);
    const { html_url: _dropped, ...withoutPage } = sent;
    assert.match(githubChecker().checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, withoutPage).join('\n'), /must have required property 'html_url'/);
    assert.match(githubChecker().checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 200, { ...sent, state_reason: 'sideways' }).join('\n'), /state_reason must be equal to one of the allowed values/);
    assert.match(githubChecker().checkResponse('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 418, 'teapot').join('\n'), /must be object/);
  });
});

describe('tracker sync against GitLab\'s documented Issues API', function () {
  this.timeout(60_000);
  let gitlab: FakeGitlab;
  let client: TrackerClient;
  beforeEach(async () => {
    gitlab = await startFakeGitlab();
    client = gitlabTracker({ repository: 'group/sub/shop', apiBase: gitlab.url, token: 'glpat-test', tokenHeader: 'PRIVATE-TOKEN', userAgent: 'git-playbooks/test' });
  });
  afterEach(async () => {
    await gitlab.stop();
    assert.deepEqual(gitlab.problems, [], 'every request and response matches the description');
  });

  it('two syncs create no duplicate; a round trip keeps title, assignee, labels and state; closed by a merge request → done', async () => {
    const store = new ActionStore([action('a-000001', { owner: '@bob', priority: 'P3' }), action('a-000002'), action('a-000003')]);
    await store.sync(client);
    assert.equal(gitlab.issues.size, 3);
    assert.deepEqual(gitlab.issues.get(1)?.assignees, ['bob']);
    assert.deepEqual(gitlab.issues.get(1)?.labels, ['git-playbooks', 'P3']);
    assert.equal(store.get('a-000001').link, 'https://gitlab.example.com/group/sub/shop/-/issues/1');
    const relinked = new ActionStore(store.actions.map(({ link: _link, ...rest }) => rest));
    await relinked.sync(client);
    assert.equal(gitlab.issues.size, 3, 'found by marker, across pages');

    store.actions = store.actions.map((each) => (each.id === 'a-000001' ? { ...each, title: 'Renamed', owner: 'carol' } : each));
    await store.sync(client);
    assert.equal(gitlab.issues.get(1)?.title, 'Renamed');
    assert.deepEqual(gitlab.issues.get(1)?.assignees, ['carol']);
    gitlab.close(1, { mergeRequest: 8 });
    await store.sync(client);
    assert.equal(store.get('a-000001').status, 'done');
    assert.equal(store.get('a-000001').closedBy, 'https://gitlab.example.com/group/sub/shop/-/merge_requests/8');
    assert.deepEqual(await store.sync(client), []);
  });

  it('not planned is a label on GitLab: closed with wont-do → wont_do, and a wont_do action closes its issue with it; reopened → open', async () => {
    const store = new ActionStore([action('a-000001'), action('a-000002')]);
    await store.sync(client);
    gitlab.close(1, { labels: ['git-playbooks', 'wont-do'] });
    store.actions = store.actions.map((each) => (each.id === 'a-000002' ? { ...each, status: 'wont_do', closedAt: '2026-12-01T12:00:00Z' } : each));
    await store.sync(client);
    assert.equal(store.get('a-000001').status, 'wont_do');
    assert.equal(gitlab.issues.get(2)?.state, 'closed');
    assert.ok(gitlab.issues.get(2)?.labels.includes('wont-do'));
    assert.deepEqual(await store.sync(client), [], 'closed as not planned on both sides');
    gitlab.reopen(2);
    await store.sync(client);
    assert.equal(store.get('a-000002').status, 'open');
    assert.equal(gitlab.issues.get(2)?.state, 'opened');
  });

  it('a job token is refused in one line that says which token works', async () => {
    const job = gitlabTracker({ repository: 'group/sub/shop', apiBase: gitlab.url, token: 'job', tokenHeader: 'JOB-TOKEN', userAgent: 'test' });
    await assert.rejects(new ActionStore([action('a-000001')]).sync(job), /GitLab refused the token \(401\) .*set GITLAB_TOKEN to a personal, project or group access token with the api scope \(CI_JOB_TOKEN cannot write issues\)/);
  });
});
