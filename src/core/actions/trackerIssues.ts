/**
 * Issues of a tracker (GitHub, GitLab) as the tracker sync sees them, and the hidden marker that ties
 * an issue to one action: the words both the plan (trackerSyncPlan.ts) and the adapters
 * (src/trackers/) use. No network here.
 */

export const TRACKER_PROVIDERS = ['github', 'gitlab'] as const;
export type TrackerProvider = (typeof TRACKER_PROVIDERS)[number];

export function isTrackerProvider(value: string): value is TrackerProvider {
  return (TRACKER_PROVIDERS as readonly string[]).includes(value);
}

/** Every issue the sync creates carries this label: the sync finds its issues by it. */
export const SYNC_LABEL = 'git-playbooks';

/** Why an issue was closed (GitHub's state_reason; the GitLab adapter maps its labels onto it). */
export type CloseReason = 'completed' | 'not_planned' | 'duplicate';

export interface TrackerIssue {
  /** GitHub's number, GitLab's iid: what the issue's URL ends with. */
  number: number;
  /** The issue's web page (html_url, web_url): what an action's `link` holds. */
  url: string;
  title: string;
  body: string;
  /** Logins (GitHub) or usernames (GitLab). */
  assignees: string[];
  labels: string[];
  state: 'open' | 'closed';
  /** Why it was closed, while it is closed. */
  stateReason?: CloseReason;
  /** When it was last reopened; the adapters ask (the timeline, the state events) only when it matters. */
  reopenedAt?: string;
  updatedAt: string;
}

/** Which run and action an issue belongs to, as its hidden marker says. */
export interface ActionMarker {
  runId: string;
  actionId: string;
}

const MARKER = /<!--\s*git-playbooks:action\s+run=(\S+)\s+action=(\S+)\s*-->/;

/** The HTML comment in an issue's body: invisible on the page, found again by the next sync. */
export function actionMarker(marker: ActionMarker): string {
  return `<!-- git-playbooks:action run=${marker.runId} action=${marker.actionId} -->`;
}

export function readActionMarker(body: string): ActionMarker | undefined {
  const match = MARKER.exec(body);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { runId: match[1], actionId: match[2] };
}

/** The tracker's repository: `owner/name` on GitHub, the project's full path on GitLab. */
export interface TrackerRepository {
  provider: TrackerProvider;
  path: string;
}

/**
 * The issue number behind an action's link when the link is an issue of this repository (on any
 * host: a GitHub Enterprise or self-managed GitLab name does not matter), else undefined.
 */
export function issueNumberOfLink(link: string, repository: TrackerRepository): number | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(link).pathname);
  } catch {
    return undefined;
  }
  const issues = repository.provider === 'github' ? '/issues/' : '/-/issues/';
  const prefix = `/${repository.path}${issues}`.toLowerCase();
  if (!pathname.toLowerCase().startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length).replace(/\/$/, '');
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : undefined;
}

/**
 * An action's owner as a tracker login: `@bob` or `bob`; undefined for a name with spaces or an
 * e-mail address, which no tracker can assign (the issue then keeps whoever it has).
 */
export function trackerLogin(owner: string): string | undefined {
  const login = owner.trim().replace(/^@/, '');
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254})$/.test(login) ? login : undefined;
}
