import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiChecker, type Json, type JsonObject } from './openApiChecker';

/**
 * A GitHub REST API on 127.0.0.1 for the tracker-sync tests, held to GitHub's published OpenAPI
 * description (@octokit/openapi's api.github.com.json): every request must be an operation of the
 * description with valid parameters and body, and every response it sends is checked against the
 * operation's response schema. Anything else is recorded in `problems` (the tests assert there are
 * none) and answered 404. Responses start from the description's own examples.
 */

let checker: OpenApiChecker | undefined;
export function githubChecker(): OpenApiChecker {
  // 13 MB of JSON, parsed once per test process.
  checker ??= new OpenApiChecker(JSON.parse(fs.readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as JsonObject, 'basic-error');
  return checker;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** State changes, for the timeline. */
  events: Array<{ event: 'closed' | 'reopened'; commitId: string | null; createdAt: string }>;
}

export interface FakeGithub {
  url: string;
  owner: string;
  repo: string;
  issues: Map<number, FakeIssue>;
  /** Who may be assigned; anyone else is refused with a validation error, as GitHub does. */
  collaborators: Set<string>;
  /** Every request, as "METHOD operationId". */
  calls: string[];
  problems: string[];
  /**
   * Refuse requests with this status (401, 403, a rate limit…) until cleared: every request, or
   * those of one operation (an operationId) after the first `after` of them passed.
   */
  failWith: { status: number; headers?: Record<string, string>; operation?: string; after?: number; message?: string } | undefined;
  /** A person closes an issue on GitHub; with a pull request, as a merge of it would. */
  close(number: number, reason: 'completed' | 'not_planned', pullRequest?: number): void;
  reopen(number: number): void;
  /** Someone edits an issue by hand (labels of the team, another title). */
  edit(number: number, change: Partial<Pick<FakeIssue, 'title' | 'labels' | 'assignees'>>): void;
  pullUrl(number: number): string;
  stop(): Promise<void>;
}

/** Issues per page whatever per_page asks (GitHub may send fewer): the client must follow Link headers. */
const PAGE_SIZE = 2;

export async function startFakeGithub(owner = 'acme', repo = 'shop', token = 'test-token'): Promise<FakeGithub> {
  const api = githubChecker();
  let clock = Date.parse('2026-12-02T09:00:00Z');
  const tick = (): string => new Date((clock += 60_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pulls = new Map<string, number>();
  const web = `https://github.com/${owner}/${repo}`;

  const fake: FakeGithub = {
    url: '',
    owner,
    repo,
    issues: new Map(),
    collaborators: new Set(['bob', 'carol', 'octocat']),
    calls: [],
    problems: [],
    failWith: undefined,
    close(number, reason, pullRequest) {
      const issue = mustFind(number);
      const at = tick();
      const commitId = pullRequest === undefined ? null : (pullRequest * 1_000_003).toString(16).padStart(40, 'a');
      if (commitId !== null && pullRequest !== undefined) pulls.set(commitId, pullRequest);
      Object.assign(issue, { state: 'closed', stateReason: reason, closedAt: at, updatedAt: at });
      issue.events.push({ event: 'closed', commitId, createdAt: at });
    },
    reopen(number) {
      const issue = mustFind(number);
      const at = tick();
      Object.assign(issue, { state: 'open', stateReason: 'reopened', closedAt: null, updatedAt: at });
      issue.events.push({ event: 'reopened', commitId: null, createdAt: at });
    },
    edit(number, change) {
      Object.assign(mustFind(number), change, { updatedAt: tick() });
    },
    pullUrl: (number) => `${web}/pull/${number}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function mustFind(number: number): FakeIssue {
    const issue = fake.issues.get(number);
    if (issue === undefined) throw new Error(`no issue #${number}`);
    return issue;
  }

  function user(login: string): Json {
    const example = api.example('issue') as JsonObject;
    const base = example['user'] as JsonObject;
    return { ...base, login, html_url: `https://github.com/${login}`, url: `https://api.github.com/users/${login}` };
  }

  function issueJson(issue: FakeIssue, baseUrl: string): Json {
    const example = api.example('issue') as JsonObject;
    const label = (example['labels'] as JsonObject[])[0] as JsonObject;
    delete example['pull_request'];
    delete example['pinned_comment'];
    const assignees = issue.assignees.map(user);
    return {
      ...example,
      id: 1000 + issue.number,
      node_id: `I_${issue.number}`,
      url: `${baseUrl}/repos/${owner}/${repo}/issues/${issue.number}`,
      html_url: `${web}/issues/${issue.number}`,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      labels: issue.labels.map((name, index) => ({ ...label, id: index + 1, name, default: false })),
      assignee: assignees[0] ?? null,
      assignees,
      milestone: null,
      comments: 0,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      closed_by: issue.state === 'closed' ? user('octocat') : null,
    };
  }

  function timelineJson(issue: FakeIssue, baseUrl: string): Json {
    return issue.events.map((event, index) => ({
      id: issue.number * 100 + index,
      node_id: `E_${issue.number}_${index}`,
      url: `${baseUrl}/repos/${owner}/${repo}/issues/events/${issue.number * 100 + index}`,
      actor: user('octocat'),
      event: event.event,
      commit_id: event.commitId,
      commit_url: event.commitId === null ? null : `${baseUrl}/repos/${owner}/${repo}/commits/${event.commitId}`,
      created_at: event.createdAt,
      performed_via_github_app: null,
      state_reason: event.event === 'closed' ? issue.stateReason : null,
    }));
  }

  function pullJson(number: number): Json {
    const example = (api.example('pull-request-simple-items') as JsonObject[])[0] as JsonObject;
    // The description's own example lists a team without its required "type": no reviewers here.
    return { ...example, number, html_url: `${web}/pull/${number}`, state: 'closed', merged_at: '2026-12-02T12:00:00Z', requested_reviewers: [], requested_teams: [] };
  }

  type Answer = { status: number; body?: Json; headers?: Record<string, string> };

  function answer(method: string, url: URL, template: string, params: Record<string, string>, body: JsonObject, baseUrl: string): Answer {
    if (params['owner'] !== owner || params['repo'] !== repo) return notFound();
    const number = Number(params['issue_number']);
    const unknown = Array.isArray(body['assignees']) ? body['assignees'].map(String).filter((login) => !fake.collaborators.has(login)) : [];
    if (unknown.length > 0) {
      return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'assignees', code: 'invalid', message: `${unknown.join(', ')} cannot be assigned` }], documentation_url: 'https://docs.github.com/rest' } };
    }
    switch (`${method} ${template}`) {
      case 'GET /repos/{owner}/{repo}/issues': {
        const wanted = (url.searchParams.get('labels') ?? '').split(',').filter((label) => label !== '');
        const state = url.searchParams.get('state') ?? 'open';
        const matching = [...fake.issues.values()]
          .filter((issue) => wanted.every((label) => issue.labels.some((own) => own.toLowerCase() === label.toLowerCase())))
          .filter((issue) => state === 'all' || issue.state === state)
          .sort((a, b) => b.number - a.number);
        const page = Number(url.searchParams.get('page') ?? '1');
        const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
        const headers: Record<string, string> = {};
        if (page * PAGE_SIZE < matching.length) {
          const next = new URL(url.toString());
          next.searchParams.set('page', String(page + 1));
          headers['link'] = `<${baseUrl}${next.pathname}${next.search}>; rel="next"`;
        }
        return { status: 200, body: slice.map((issue) => issueJson(issue, baseUrl)), headers };
      }
      case 'POST /repos/{owner}/{repo}/issues': {
        const at = tick();
        const created: FakeIssue = {
          number: fake.issues.size + 1,
          title: String(body['title']),
          body: typeof body['body'] === 'string' ? body['body'] : '',
          labels: ((body['labels'] as Json[] | undefined) ?? []).map(String),
          assignees: ((body['assignees'] as Json[] | undefined) ?? []).map(String),
          state: 'open',
          stateReason: null,
          createdAt: at,
          updatedAt: at,
          closedAt: null,
          events: [],
        };
        fake.issues.set(created.number, created);
        return { status: 201, body: issueJson(created, baseUrl), headers: { location: `${baseUrl}/repos/${owner}/${repo}/issues/${created.number}` } };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = fake.issues.get(number);
        return issue === undefined ? notFound() : { status: 200, body: issueJson(issue, baseUrl) };
      }
      case 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = fake.issues.get(number);
        if (issue === undefined) return notFound();
        if (typeof body['title'] === 'string') issue.title = body['title'];
        if (Array.isArray(body['labels'])) issue.labels = body['labels'].map(String);
        if (Array.isArray(body['assignees'])) issue.assignees = body['assignees'].map(String);
        issue.updatedAt = tick();
        if (body['state'] === 'closed' && issue.state === 'open') {
          const reason = body['state_reason'];
          fake.close(number, reason === 'not_planned' ? 'not_planned' : 'completed');
        }
        return { status: 200, body: issueJson(issue, baseUrl) };
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline': {
        const issue = fake.issues.get(number);
        return issue === undefined ? notFound() : { status: 200, body: timelineJson(issue, baseUrl) };
      }
      case 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': {
        const pull = pulls.get(params['commit_sha'] ?? '');
        return { status: 200, body: pull === undefined ? [] : [pullJson(pull)] };
      }
      default:
        fake.problems.push(`${method} ${template}: the fake does not answer this operation`);
        return notFound();
    }
  }

  function notFound(): Answer {
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const baseUrl = fake.url;
      const url = new URL(request.url ?? '/', baseUrl);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: JsonObject | undefined;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as JsonObject);
      } catch {
        fake.problems.push(`${method} ${url.pathname}: the body is not JSON`);
      }
      const checked = api.checkRequest(method, url.pathname + url.search, body);
      fake.problems.push(...checked.problems);
      const send = (status: number, payload: Json | undefined, headers: Record<string, string> = {}): void => {
        if (checked.operation !== undefined) fake.problems.push(...api.checkResponse(method, checked.operation.template, status, payload));
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        response.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      if (checked.operation === undefined) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      fake.calls.push(`${method} ${checked.operation.operationId}`);
      const failing = fake.failWith;
      const sameOperation = fake.calls.filter((call) => call === `${method} ${checked.operation?.operationId}`).length;
      if (failing !== undefined && (failing.operation === undefined || failing.operation === checked.operation.operationId) && sameOperation > (failing.after ?? 0)) {
        return send(failing.status, { message: failing.message ?? (failing.status === 401 ? 'Bad credentials' : 'API rate limit exceeded'), documentation_url: 'https://docs.github.com/rest' }, failing.headers);
      }
      const auth = request.headers.authorization ?? '';
      if (auth !== `token ${token}` && auth !== `Bearer ${token}`) {
        return send(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
      }
      const result = answer(method, url, checked.operation.template, checked.operation.pathParams, body ?? {}, baseUrl);
      send(result.status, result.body, result.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
