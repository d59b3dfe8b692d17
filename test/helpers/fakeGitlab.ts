import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GITLAB_ISSUES_API } from './gitlabIssuesApi';
import { OpenApiChecker, type Json, type JsonObject } from './openApiChecker';

/**
 * A GitLab REST API v4 on 127.0.0.1 for the tracker-sync tests, held to the Issues API description
 * written from GitLab's documentation (gitlabIssuesApi.ts): requests and responses are checked the
 * same way as the GitHub fake's; anything else lands in `problems`. A CI_JOB_TOKEN is refused, as
 * GitLab refuses job tokens on the Issues API.
 */

export interface FakeGitlabIssue {
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: string[];
  state: 'opened' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  events: Array<{ state: 'closed' | 'reopened'; createdAt: string }>;
  closedByMergeRequest?: number;
}

export interface FakeGitlab {
  /** The API base: http://127.0.0.1:PORT/api/v4. */
  url: string;
  project: string;
  issues: Map<number, FakeGitlabIssue>;
  calls: string[];
  problems: string[];
  close(iid: number, options?: { mergeRequest?: number; labels?: string[] }): void;
  reopen(iid: number): void;
  stop(): Promise<void>;
}

const PAGE_SIZE = 2;
const USERS = ['bob', 'carol', 'dave'];

export async function startFakeGitlab(project = 'group/sub/shop', token = 'glpat-test'): Promise<FakeGitlab> {
  const api = new OpenApiChecker(GITLAB_ISSUES_API);
  let clock = Date.parse('2026-12-02T09:00:00Z');
  const tick = (): string => new Date((clock += 60_000)).toISOString();
  const web = `https://gitlab.example.com/${project}`;

  const fake: FakeGitlab = {
    url: '',
    project,
    issues: new Map(),
    calls: [],
    problems: [],
    close(iid, options = {}) {
      const issue = mustFind(iid);
      const at = tick();
      Object.assign(issue, { state: 'closed', closedAt: at, updatedAt: at, labels: options.labels ?? issue.labels });
      if (options.mergeRequest !== undefined) issue.closedByMergeRequest = options.mergeRequest;
      issue.events.push({ state: 'closed', createdAt: at });
    },
    reopen(iid) {
      const issue = mustFind(iid);
      const at = tick();
      // GitLab clears closed_at on reopening: only the state events tell.
      Object.assign(issue, { state: 'opened', closedAt: null, updatedAt: at });
      issue.events.push({ state: 'reopened', createdAt: at });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function mustFind(iid: number): FakeGitlabIssue {
    const issue = fake.issues.get(iid);
    if (issue === undefined) throw new Error(`no issue #${iid}`);
    return issue;
  }

  const userJson = (username: string): Json => ({ id: USERS.indexOf(username) + 1, username, name: username, state: 'active', avatar_url: null, web_url: `https://gitlab.example.com/${username}` });

  function issueJson(issue: FakeGitlabIssue): Json {
    const assignees = issue.assignees.map(userJson);
    return {
      id: 5000 + issue.iid,
      iid: issue.iid,
      project_id: 7,
      title: issue.title,
      description: issue.description,
      state: issue.state,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      closed_by: issue.state === 'closed' ? userJson('dave') : null,
      labels: issue.labels,
      milestone: null,
      assignees,
      assignee: assignees[0] ?? null,
      author: userJson('dave'),
      type: 'ISSUE',
      confidential: false,
      due_date: null,
      web_url: `${web}/-/issues/${issue.iid}`,
      references: { short: `#${issue.iid}`, relative: `#${issue.iid}`, full: `${project}#${issue.iid}` },
    };
  }

  const idsToUsers = (ids: Json | undefined): string[] => (Array.isArray(ids) ? ids.map((id) => USERS[Number(id) - 1]).filter((name): name is string => name !== undefined) : []);
  const labelsOf = (labels: Json | undefined): string[] | undefined => (typeof labels === 'string' ? labels.split(',').map((label) => label.trim()).filter((label) => label !== '') : undefined);
  type Answer = { status: number; body: Json; headers?: Record<string, string> };
  const notFound = (): Answer => ({ status: 404, body: { message: '404 Not found' } });

  function answer(method: string, url: URL, template: string, params: Record<string, string>, body: JsonObject): Answer {
    if (template === '/api/v4/users') {
      const username = url.searchParams.get('username') ?? '';
      return { status: 200, body: USERS.includes(username) ? [userJson(username)] : [] };
    }
    if (params['id'] !== project) return notFound();
    const iid = Number(params['issue_iid']);
    switch (`${method} ${template}`) {
      case 'GET /api/v4/projects/{id}/issues': {
        const wanted = labelsOf(url.searchParams.get('labels') ?? '') ?? [];
        const state = url.searchParams.get('state') ?? 'all';
        const matching = [...fake.issues.values()]
          .filter((issue) => wanted.every((label) => issue.labels.includes(label)))
          .filter((issue) => state === 'all' || issue.state === state)
          .sort((a, b) => b.iid - a.iid);
        const page = Number(url.searchParams.get('page') ?? '1');
        const more = page * PAGE_SIZE < matching.length;
        return { status: 200, body: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(issueJson), headers: { 'x-page': String(page), 'x-next-page': more ? String(page + 1) : '' } };
      }
      case 'POST /api/v4/projects/{id}/issues': {
        const at = tick();
        const created: FakeGitlabIssue = {
          iid: fake.issues.size + 1,
          title: String(body['title']),
          description: typeof body['description'] === 'string' ? body['description'] : '',
          labels: labelsOf(body['labels']) ?? [],
          assignees: idsToUsers(body['assignee_ids']),
          state: 'opened',
          createdAt: at,
          updatedAt: at,
          closedAt: null,
          events: [],
        };
        fake.issues.set(created.iid, created);
        return { status: 201, body: issueJson(created) };
      }
      case 'GET /api/v4/projects/{id}/issues/{issue_iid}': {
        const issue = fake.issues.get(iid);
        return issue === undefined ? notFound() : { status: 200, body: issueJson(issue) };
      }
      case 'PUT /api/v4/projects/{id}/issues/{issue_iid}': {
        const issue = fake.issues.get(iid);
        if (issue === undefined) return notFound();
        if (typeof body['title'] === 'string') issue.title = body['title'];
        issue.labels = labelsOf(body['labels']) ?? issue.labels;
        if (body['assignee_ids'] !== undefined) issue.assignees = idsToUsers(body['assignee_ids']);
        issue.updatedAt = tick();
        if (body['state_event'] === 'close' && issue.state === 'opened') fake.close(iid);
        if (body['state_event'] === 'reopen' && issue.state === 'closed') fake.reopen(iid);
        return { status: 200, body: issueJson(issue) };
      }
      case 'GET /api/v4/projects/{id}/issues/{issue_iid}/closed_by': {
        const issue = fake.issues.get(iid);
        if (issue === undefined) return notFound();
        const mr = issue.closedByMergeRequest;
        return { status: 200, body: mr === undefined ? [] : [{ id: 900 + mr, iid: mr, project_id: 7, title: 'Fix', state: 'merged', merged_at: issue.closedAt, web_url: `${web}/-/merge_requests/${mr}` }] };
      }
      case 'GET /api/v4/projects/{id}/issues/{issue_iid}/resource_state_events': {
        const issue = fake.issues.get(iid);
        if (issue === undefined) return notFound();
        return { status: 200, body: issue.events.map((event, index) => ({ id: iid * 100 + index, user: userJson('dave'), created_at: event.createdAt, resource_type: 'Issue', resource_id: 5000 + iid, state: event.state })) };
      }
      default:
        fake.problems.push(`${method} ${template}: the fake does not answer this operation`);
        return notFound();
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', fake.url);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: JsonObject | undefined;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as JsonObject);
      } catch {
        fake.problems.push(`${method} ${url.pathname}: the body is not JSON`);
      }
      const checked = api.checkRequest(method, url.pathname + url.search, body);
      fake.problems.push(...checked.problems);
      const send = (result: Answer): void => {
        if (checked.operation !== undefined) fake.problems.push(...api.checkResponse(method, checked.operation.template, result.status, result.body));
        response.writeHead(result.status, { 'content-type': 'application/json', ...result.headers });
        response.end(JSON.stringify(result.body));
      };
      if (checked.operation === undefined) return send(notFound());
      fake.calls.push(`${method} ${checked.operation.operationId}`);
      if (request.headers['private-token'] !== token) return send({ status: 401, body: { message: '401 Unauthorized' } });
      send(answer(method, url, checked.operation.template, checked.operation.pathParams, body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
  return fake;
}
