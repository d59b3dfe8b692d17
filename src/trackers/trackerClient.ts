import { OperationRefused } from '../core/model/errors';
import type { CloseReason, TrackerIssue, TrackerRepository } from '../core/actions/trackerIssues';

/**
 * What the tracker sync asks of a tracker: the thin HTTP side of `action sync` (GitHub in
 * githubTracker.ts, GitLab in gitlabTracker.ts). No domain rules here: the plan decides
 * (src/core/actions/trackerSyncPlan.ts), a client only translates to the tracker's API.
 */
export interface TrackerClient {
  readonly repository: TrackerRepository;
  /** Every issue carrying the sync's label, open and closed, all pages. */
  listLabelledIssues(): Promise<TrackerIssue[]>;
  /** One issue by number; undefined when the tracker has none (or it is a pull request). */
  getIssue(number: number): Promise<TrackerIssue | undefined>;
  createIssue(issue: NewIssue): Promise<TrackerIssue>;
  updateIssue(number: number, change: IssueChange): Promise<TrackerIssue>;
  /** When an open issue was last reopened, undefined when it never was. */
  reopenedAt(number: number): Promise<string | undefined>;
  /** The web page of the pull (merge) request that closed the issue, when the tracker knows one. */
  closingPullRequest(number: number): Promise<string | undefined>;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface IssueChange {
  title?: string;
  labels?: string[];
  assignees?: string[];
  close?: CloseReason;
}

export type TrackerErrorKind = 'no_token' | 'offline' | 'unauthorized' | 'forbidden' | 'not_found' | 'rate_limited' | 'rejected';

/**
 * A tracker problem a person can act on, in one line (no token, offline, a refused token, a missing
 * repository, the rate limit). A refusal to the CLI: exit code 1, no stack trace.
 */
export class TrackerError extends OperationRefused {
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** What went wrong at one HTTP status, in words shared by both trackers. */
export function httpTrackerError(status: number, what: string, tracker: string, tokenHint: string, resetAt?: Date, detail?: string): TrackerError {
  if (resetAt !== undefined) return new TrackerError('rate_limited', `${tracker}'s rate limit is used up until ${resetAt.toISOString().slice(11, 16)} UTC; nothing was lost, sync again after that`);
  if (status === 401) return new TrackerError('unauthorized', `${tracker} refused the token (401) while trying to ${what}; ${tokenHint}`);
  if (status === 403) return new TrackerError('forbidden', `${tracker} does not let this token ${what} (403); ${tokenHint}`);
  if (status === 404) return new TrackerError('not_found', `${tracker} could not ${what}: not found (404); check the repository, and that the token can see it`);
  if (status === 429) return new TrackerError('rate_limited', `${tracker} asks to slow down (429); nothing was lost, sync again later`);
  // A validation failure (422, 400) says what it refused, e.g. an owner who cannot be assigned.
  const said = detail === undefined || detail.trim() === '' ? '' : `: ${detail.replace(/\s+/g, ' ').trim().slice(0, 300)}`;
  return new TrackerError('rejected', `${tracker} refused to ${what} (HTTP ${status})${said}`);
}

export function offlineError(tracker: string, base: string, detail: string): TrackerError {
  return new TrackerError('offline', `cannot reach ${tracker} at ${base} (${detail}); nothing was lost, sync again when online`);
}
