import type { TrackerIssue, TrackerRepository } from '../core/actions/trackerIssues';
import { SYNC_LABEL } from '../core/actions/trackerIssues';
import { httpTrackerError, offlineError, type IssueChange, type NewIssue, type TrackerClient } from './trackerClient';

export interface GitlabOptions {
  /** The project's full path, e.g. `group/sub/shop`. */
  repository: string;
  /** The REST API v4 base: https://gitlab.com/api/v4, or CI_API_V4_URL in a pipeline. */
  apiBase: string;
  token: string;
  /** PRIVATE-TOKEN for personal, project and group access tokens; JOB-TOKEN for CI_JOB_TOKEN. */
  tokenHeader: 'PRIVATE-TOKEN' | 'JOB-TOKEN';
  userAgent: string;
}

/** The parts of GitLab's issue the sync reads (GitLab's documented Issues API fields). */
interface GitlabIssue {
  iid: number;
  web_url: string;
  title: string;
  description: string | null;
  state: string;
  updated_at: string;
  labels: string[];
  assignees: Array<{ id: number; username: string }>;
}

/**
 * GitLab has no "closed as not planned" in its Issues API: an issue closed with one of these labels
 * counts as not planned, and the sync closes a won't-do action's issue with the first one.
 */
const GITLAB_NOT_PLANNED_LABELS = ['wont-do', "won't do", 'wontfix', 'not planned'];

const TOKEN_HINT = 'set GITLAB_TOKEN to a personal, project or group access token with the api scope (CI_JOB_TOKEN cannot write issues)';

/** GitLab's REST API v4 with the global fetch: only translation, every decision is the plan's. */
export function gitlabTracker(options: GitlabOptions): TrackerClient {
  const base = options.apiBase.replace(/\/+$/, '');
  const project = `${base}/projects/${encodeURIComponent(options.repository)}`;
  const repository: TrackerRepository = { provider: 'gitlab', path: options.repository };
  const userIds = new Map<string, number | undefined>();

  async function request<T>(what: string, method: string, url: string, body?: unknown, allowMissing = false): Promise<{ data: T | undefined; next: string | undefined }> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { [options.tokenHeader]: options.token, 'user-agent': options.userAgent, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw offlineError('GitLab', base, cause);
    }
    if (allowMissing && response.status === 404) return { data: undefined, next: undefined };
    if (!response.ok) {
      const limited = response.status === 429 || response.headers.get('ratelimit-remaining') === '0';
      const reset = Number(response.headers.get('ratelimit-reset'));
      const detail = await response.text().catch(() => '');
      throw httpTrackerError(response.status, what, 'GitLab', TOKEN_HINT, limited && Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined, detail);
    }
    const next = response.headers.get('x-next-page');
    return { data: (await response.json()) as T, next: next !== null && next !== '' ? next : undefined };
  }

  async function userId(username: string): Promise<number | undefined> {
    if (!userIds.has(username)) {
      const { data } = await request<Array<{ id: number; username: string }>>(`look up the user ${username}`, 'GET', `${base}/users?username=${encodeURIComponent(username)}`);
      userIds.set(username, data?.find((user) => user.username.toLowerCase() === username.toLowerCase())?.id);
    }
    return userIds.get(username);
  }

  async function assigneeIds(usernames: readonly string[]): Promise<number[]> {
    const ids = await Promise.all(usernames.map(userId));
    return ids.filter((id): id is number => id !== undefined);
  }

  return {
    repository,
    listLabelledIssues: async () => {
      const issues: TrackerIssue[] = [];
      let page: string | undefined = '1';
      while (page !== undefined) {
        // The labels filter, not search: every state, newest changes included.
        const query = new URLSearchParams({ labels: SYNC_LABEL, scope: 'all', per_page: '100', page });
        const result: { data: GitlabIssue[] | undefined; next: string | undefined } = await request<GitlabIssue[]>(`list the issues of ${options.repository}`, 'GET', `${project}/issues?${query.toString()}`);
        issues.push(...(result.data ?? []).map(fromGitlab));
        page = result.next;
      }
      return issues;
    },
    getIssue: async (number) => {
      const { data } = await request<GitlabIssue>(`read issue #${number} of ${options.repository}`, 'GET', `${project}/issues/${number}`, undefined, true);
      return data === undefined ? undefined : fromGitlab(data);
    },
    createIssue: async (issue: NewIssue) => {
      const body = { title: issue.title, description: issue.body, labels: issue.labels.join(','), assignee_ids: await assigneeIds(issue.assignees) };
      const { data } = await request<GitlabIssue>(`create an issue in ${options.repository}`, 'POST', `${project}/issues`, body);
      return fromGitlab(data as GitlabIssue);
    },
    updateIssue: async (number: number, change: IssueChange) => {
      let labels = change.labels;
      if (change.close === 'not_planned' || change.close === 'duplicate') {
        const current = labels ?? (await request<GitlabIssue>(`read issue #${number}`, 'GET', `${project}/issues/${number}`)).data?.labels ?? [];
        labels = isNotPlanned(current) ? current : [...current, GITLAB_NOT_PLANNED_LABELS[0] as string];
      }
      const body = {
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(labels !== undefined ? { labels: labels.join(',') } : {}),
        ...(change.assignees !== undefined ? { assignee_ids: await assigneeIds(change.assignees) } : {}),
        ...(change.close !== undefined ? { state_event: 'close' } : {}),
      };
      const { data } = await request<GitlabIssue>(`update issue #${number} of ${options.repository}`, 'PUT', `${project}/issues/${number}`, body);
      return fromGitlab(data as GitlabIssue);
    },
    reopenedAt: async (number: number) => {
      const { data } = await request<Array<{ state: string; created_at: string }>>(`read the history of issue #${number}`, 'GET', `${project}/issues/${number}/resource_state_events?per_page=100`);
      return (data ?? []).filter((event) => event.state === 'reopened').at(-1)?.created_at;
    },
    closingPullRequest: async (number: number) => {
      const { data } = await request<Array<{ web_url: string; state: string }>>(`read how issue #${number} was closed`, 'GET', `${project}/issues/${number}/closed_by`);
      const requests = data ?? [];
      return (requests.find((mr) => mr.state === 'merged') ?? requests[0])?.web_url;
    },
  };
}

function isNotPlanned(labels: readonly string[]): boolean {
  return labels.some((label) => GITLAB_NOT_PLANNED_LABELS.includes(label.toLowerCase()));
}

function fromGitlab(issue: GitlabIssue): TrackerIssue {
  const closed = issue.state === 'closed';
  return {
    number: issue.iid,
    url: issue.web_url,
    title: issue.title,
    body: issue.description ?? '',
    assignees: issue.assignees.map((user) => user.username),
    labels: issue.labels,
    state: closed ? 'closed' : 'open',
    ...(closed ? { stateReason: isNotPlanned(issue.labels) ? ('not_planned' as const) : ('completed' as const) } : {}),
    updatedAt: issue.updated_at,
  };
}
