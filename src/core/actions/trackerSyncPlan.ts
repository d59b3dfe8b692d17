import { ACTION_PRIORITIES, type ActionStatus, type ActionView } from './actionTypes';
import {
  SYNC_LABEL,
  actionMarker,
  issueNumberOfLink,
  readActionMarker,
  trackerLogin,
  type CloseReason,
  type TrackerIssue,
  type TrackerRepository,
} from './trackerIssues';

/**
 * What `action sync` does, decided from the actions and the tracker's issues alone (no network):
 *
 * - The file is the source of truth for title, assignee (the owner, when it is a login) and the
 *   labels the sync owns (`git-playbooks` and the priority `P1`..`P4`; other labels stay). Only
 *   issues carrying the hidden marker are edited; an issue linked by hand only gives its state back.
 * - Never two issues for one action: an action's issue is the one its link names, else the one
 *   whose marker names the run and the action (the lowest number if there are several), else a new
 *   one. Actions already done or won't-do get no new issue.
 * - State: the tracker closing an open action's issue makes it `done` (closed as completed, with
 *   the pull request that closed it when the tracker knows one) or `wont_do` (not planned, or a
 *   duplicate). An action closed in the file closes its open issue (completed / not planned),
 *   unless the tracker reopened the issue after the action was closed: then the action is `open`
 *   again. `in_progress` stays in the file (trackers have no such state).
 */

export interface TrackerSyncPlan {
  /** New issues, in the order of the actions. */
  create: IssueCreation[];
  /** Issues found by their marker that the action's link does not name yet. */
  link: ActionLink[];
  /** Edits of marked issues so they say what the file says. */
  update: IssueUpdate[];
  /** State the tracker changed, to write into the file. */
  pull: StatePull[];
  /** Things left as they are, in one line each. */
  notes: string[];
}

export interface ActionRef {
  runId: string;
  actionId: string;
  title: string;
}

export interface IssueCreation {
  action: ActionRef;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface ActionLink {
  action: ActionRef;
  issue: TrackerIssue;
}

export interface IssueUpdate {
  action: ActionRef;
  issue: TrackerIssue;
  title?: string;
  labels?: string[];
  assignees?: string[];
  close?: CloseReason;
}

export interface StatePull {
  action: ActionRef;
  issue: TrackerIssue;
  status: ActionStatus;
  /** Ask the tracker which pull request closed the issue (closed as completed only). */
  findClosingPullRequest: boolean;
}

/** The labels the sync owns on an issue; every other label is the team's and stays. */
const OWNED_LABELS = new Set<string>([SYNC_LABEL, ...ACTION_PRIORITIES].map((label) => label.toLowerCase()));

function refOf(action: ActionView): ActionRef {
  return { runId: action.runId, actionId: action.id, title: action.title };
}

/**
 * Issues the plan needs but the labelled list did not bring: ones an action links to by hand (the
 * adapter fetches them one by one). Links to another repository are not this sync's business.
 */
export function linkedIssuesToFetch(actions: readonly ActionView[], found: readonly TrackerIssue[], repository: TrackerRepository): number[] {
  const known = new Set(found.map((issue) => issue.number));
  const wanted = new Set<number>();
  for (const action of actions) {
    const number = action.link === undefined ? undefined : issueNumberOfLink(action.link, repository);
    if (number !== undefined && !known.has(number)) wanted.add(number);
  }
  return [...wanted].sort((a, b) => a - b);
}

export function planTrackerSync(actions: readonly ActionView[], issues: readonly TrackerIssue[], repository: TrackerRepository): TrackerSyncPlan {
  const plan: TrackerSyncPlan = { create: [], link: [], update: [], pull: [], notes: [] };
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  const byMarker = markedIssues(issues, plan.notes);
  const seen = new Set<string>();

  // In the order they were added, so issue numbers follow the retrospective's list.
  const ordered = [...actions].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.runId.localeCompare(b.runId) || a.id.localeCompare(b.id));
  for (const action of ordered) {
    const key = `${action.runId} ${action.id}`;
    seen.add(key);
    const ref = refOf(action);
    const marked = byMarker.get(key);
    if (action.link !== undefined) {
      const number = issueNumberOfLink(action.link, repository);
      if (number === undefined) {
        plan.notes.push(`${describe(ref)} links to ${action.link}, not an issue of ${repository.path}: left as it is`);
        continue;
      }
      const issue = byNumber.get(number);
      if (issue === undefined) {
        plan.notes.push(`${describe(ref)} links to issue #${number}, which ${repository.path} does not show: left as it is`);
        continue;
      }
      const ours = readActionMarker(issue.body);
      const isOurs = ours !== undefined && ours.runId === action.runId && ours.actionId === action.id;
      planIssue(plan, action, ref, issue, isOurs);
      continue;
    }
    if (marked !== undefined) {
      plan.link.push({ action: ref, issue: marked });
      planIssue(plan, action, ref, marked, true);
      continue;
    }
    if (action.status === 'done' || action.status === 'wont_do') continue;
    plan.create.push({ action: ref, title: action.title, body: issueBody(action), labels: ownedLabels(action), assignees: assigneesOf(action) ?? [] });
  }

  for (const [key, issue] of byMarker) {
    if (!seen.has(key)) plan.notes.push(`#${issue.number} belongs to an action that is no longer in the retrospectives: left as it is`);
  }
  return plan;
}

/** Marked issues by "run action"; of duplicates (from an older race), the lowest number wins. */
function markedIssues(issues: readonly TrackerIssue[], notes: string[]): Map<string, TrackerIssue> {
  const result = new Map<string, TrackerIssue>();
  for (const issue of [...issues].sort((a, b) => a.number - b.number)) {
    const marker = readActionMarker(issue.body);
    if (marker === undefined) continue;
    const key = `${marker.runId} ${marker.actionId}`;
    const first = result.get(key);
    if (first === undefined) result.set(key, issue);
    else notes.push(`#${issue.number} has the same marker as #${first.number}; the sync keeps #${first.number}`);
  }
  return result;
}

function planIssue(plan: TrackerSyncPlan, action: ActionView, ref: ActionRef, issue: TrackerIssue, isOurs: boolean): void {
  const pulled = pulledStatus(action, issue);
  if (pulled !== undefined) {
    plan.pull.push({ action: ref, issue, status: pulled, findClosingPullRequest: pulled === 'done' && issue.stateReason === 'completed' });
  }
  if (!isOurs) return;
  const update: IssueUpdate = { action: ref, issue };
  if (issue.title !== action.title) update.title = action.title;
  const labels = labelsFor(action, issue.labels);
  if (labels !== undefined) update.labels = labels;
  const assignees = assigneesOf(action);
  if (assignees !== undefined && !sameSet(assignees, issue.assignees)) update.assignees = assignees;
  if (pulled === undefined && issue.state === 'open') {
    if (action.status === 'done') update.close = 'completed';
    if (action.status === 'wont_do') update.close = 'not_planned';
  }
  if (update.title !== undefined || update.labels !== undefined || update.assignees !== undefined || update.close !== undefined) plan.update.push(update);
}

/** The status the tracker's state gives the action, when it differs from the file's. */
function pulledStatus(action: ActionView, issue: TrackerIssue): ActionStatus | undefined {
  const closedHere = action.status === 'done' || action.status === 'wont_do';
  if (issue.state === 'closed') {
    if (closedHere) return undefined;
    return issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate' ? 'wont_do' : 'done';
  }
  if (!closedHere || issue.reopenedAt === undefined) return undefined;
  // Reopened in the tracker after the action was closed here: the tracker is the later word.
  return action.closedAt === undefined || Date.parse(issue.reopenedAt) > Date.parse(action.closedAt) ? 'open' : undefined;
}

/**
 * Open issues of actions closed here, when it is not known whether they were reopened: the adapter
 * asks the issue's history, and the plan then reopens the action or closes the issue.
 */
export function reopenQuestions(actions: readonly ActionView[], issues: readonly TrackerIssue[], repository: TrackerRepository): number[] {
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  const byMarker = markedIssues(issues, []);
  const numbers = new Set<number>();
  for (const action of actions) {
    if (action.status !== 'done' && action.status !== 'wont_do') continue;
    const linked = action.link === undefined ? undefined : issueNumberOfLink(action.link, repository);
    const issue = linked !== undefined ? byNumber.get(linked) : action.link === undefined ? byMarker.get(`${action.runId} ${action.id}`) : undefined;
    if (issue !== undefined && issue.state === 'open' && issue.reopenedAt === undefined) numbers.add(issue.number);
  }
  return [...numbers].sort((a, b) => a - b);
}

/** The labels the sync owns for this action: the sync label and the priority. */
function ownedLabels(action: ActionView): string[] {
  return action.priority === undefined ? [SYNC_LABEL] : [SYNC_LABEL, action.priority];
}

/** The issue's new labels (its own ones kept, ours as the file says), or undefined when they already agree. */
function labelsFor(action: ActionView, current: readonly string[]): string[] | undefined {
  const wanted = ownedLabels(action);
  const theirs = current.filter((label) => !OWNED_LABELS.has(label.toLowerCase()));
  const oursNow = current.filter((label) => OWNED_LABELS.has(label.toLowerCase()));
  return sameSet(wanted, oursNow) ? undefined : [...theirs, ...wanted];
}

/** The assignees the file asks for; undefined when its owner is no login (the issue keeps its own). */
function assigneesOf(action: ActionView): string[] | undefined {
  if (action.owner === undefined) return [];
  const login = trackerLogin(action.owner);
  return login === undefined ? undefined : [login];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((value) => value.toLowerCase()));
  const right = new Set(b.map((value) => value.toLowerCase()));
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/** The new issue's text: where the action comes from, and the marker that finds it again. */
function issueBody(action: ActionView): string {
  const lines = [
    `Follow-up action of the retrospective of **${action.runName}** (playbook \`${action.playbook}\`, run \`${action.runId}\`).`,
    '',
    ...(action.dueAt !== undefined ? [`Due: ${action.dueAt.slice(0, 10)}`] : []),
    ...(action.priority !== undefined ? [`Priority: ${action.priority}`] : []),
    ...(action.owner !== undefined ? [`Owner: ${action.owner}`] : []),
    '',
    'Kept in step by `git-playbooks action sync`: closing this issue closes the action.',
    '',
    actionMarker({ runId: action.runId, actionId: action.id }),
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

export function describe(ref: ActionRef): string {
  return `${ref.actionId} "${ref.title}" (${ref.runId})`;
}
