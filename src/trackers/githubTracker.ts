import { Octokit } from '@octokit/rest';
import type { TrackerIssue, TrackerRepository } from '../core/actions/trackerIssues';
import { SYNC_LABEL } from '../core/actions/trackerIssues';
import { httpTrackerError, offlineError, type IssueChange, type NewIssue, type TrackerClient } from './trackerClient';

export interface GithubOptions {
  /** `owner/name`. */
  repository: string;
  /** The REST API's base: https://api.github.com, or GHES's https://HOST/api/v3. */
  apiBase: string;
  token: string;
  userAgent: string;
}

/** The parts of GitHub's issue the sync reads (the REST "issue" schema has many more). */
interface GithubIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  state_reason?: string | null;
  updated_at: string;
  assignees?: Array<{ login: string }> | null;
  labels: Array<string | { name?: string }>;
  pull_request?: unknown;
}

/** The fields of a timeline event the sync reads (state-change events have all of them). */
interface TimelineEvent {
  event?: string;
  commit_id?: string | null;
  created_at?: string;
}

const TOKEN_HINT = 'set GITHUB_TOKEN (or GH_TOKEN) to a token that may read and write issues of the repository (fine-grained: Issues read and write)';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** GitHub's REST API through @octokit/rest: only translation, every decision is the plan's. */
export function githubTracker(options: GithubOptions): TrackerClient {
  const [owner = '', repo = ''] = options.repository.split('/');
  const octokit = new Octokit({ auth: options.token, baseUrl: options.apiBase.replace(/\/+$/, ''), userAgent: options.userAgent, log: quiet });
  const repository: TrackerRepository = { provider: 'github', path: `${owner}/${repo}` };

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw githubError(error, what, options.apiBase);
    }
  }

  /** The issue's timeline: its state changes ("closed", "reopened") with the commit that closed it. */
  async function timeline(number: number): Promise<TimelineEvent[]> {
    const events = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { owner, repo, issue_number: number, per_page: 100 });
    return events as TimelineEvent[];
  }

  return {
    repository,
    listLabelledIssues: () =>
      call(`list the issues of ${repository.path}`, async () => {
        // The label filter, not the search API: search lags behind issues created a moment ago.
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: SYNC_LABEL, state: 'all', per_page: 100 });
        return issues.filter((issue) => issue.pull_request === undefined).map((issue) => fromGithub(issue as GithubIssue));
      }),
    getIssue: async (number) => {
      try {
        const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
        return data.pull_request === undefined || data.pull_request === null ? fromGithub(data as GithubIssue) : undefined;
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 410) return undefined;
        throw githubError(error, `read issue #${number} of ${repository.path}`, options.apiBase);
      }
    },
    createIssue: (issue: NewIssue) =>
      call(`create an issue in ${repository.path}`, async () => {
        const { data } = await octokit.rest.issues.create({ owner, repo, title: issue.title, body: issue.body, labels: issue.labels, assignees: issue.assignees });
        return fromGithub(data as GithubIssue);
      }),
    updateIssue: (number: number, change: IssueChange) =>
      call(`update issue #${number} of ${repository.path}`, async () => {
        const { data } = await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.labels !== undefined ? { labels: change.labels } : {}),
          ...(change.assignees !== undefined ? { assignees: change.assignees } : {}),
          ...(change.close !== undefined ? { state: 'closed' as const, state_reason: change.close } : {}),
        });
        return fromGithub(data as GithubIssue);
      }),
    reopenedAt: (number: number) =>
      call(`read the history of issue #${number} of ${repository.path}`, async () => (await timeline(number)).filter((event) => event.event === 'reopened').at(-1)?.created_at),
    closingPullRequest: (number: number) =>
      call(`read how issue #${number} of ${repository.path} was closed`, async () => {
        // The last "closed" event names the merge commit when a pull request closed the issue.
        const closed = (await timeline(number)).filter((event) => event.event === 'closed').at(-1);
        if (typeof closed?.commit_id !== 'string') return undefined;
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: closed.commit_id });
        const merged = data.find((pull) => pull.merged_at !== null) ?? data[0];
        return merged?.html_url;
      }),
  };
}

function fromGithub(issue: GithubIssue): TrackerIssue {
  const reason = issue.state_reason;
  return {
    number: issue.number,
    url: issue.html_url,
    title: issue.title,
    body: issue.body ?? '',
    assignees: (issue.assignees ?? []).map((user) => user.login),
    labels: issue.labels.flatMap((label) => (typeof label === 'string' ? [label] : label.name !== undefined ? [label.name] : [])),
    state: issue.state === 'closed' ? 'closed' : 'open',
    ...(issue.state === 'closed' && (reason === 'completed' || reason === 'not_planned' || reason === 'duplicate') ? { stateReason: reason } : {}),
    ...(issue.state === 'closed' && reason == null ? { stateReason: 'completed' as const } : {}),
    updatedAt: issue.updated_at,
  };
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}

/** Octokit's RequestError (status, response) in one line a person can act on. */
function githubError(error: unknown, what: string, apiBase: string): Error {
  const status = statusOf(error);
  if (status === undefined) return error instanceof Error ? error : new Error(String(error));
  const response = (error as { response?: { headers?: Record<string, string | number | undefined> } }).response;
  if (response === undefined) return offlineError('GitHub', apiBase, error instanceof Error ? error.message : String(error));
  const headers = response.headers ?? {};
  const limited = (status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0';
  const reset = Number(headers['x-ratelimit-reset']);
  return httpTrackerError(status, what, 'GitHub', TOKEN_HINT, limited && Number.isFinite(reset) ? new Date(reset * 1000) : undefined, error instanceof Error ? error.message : undefined);
}
