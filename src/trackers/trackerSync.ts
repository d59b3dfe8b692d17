import type { ActionChange } from '../core/actions/actionOperations';
import type { ActionView } from '../core/actions/actionTypes';
import type { TrackerIssue } from '../core/actions/trackerIssues';
import { describe, linkedIssuesToFetch, planTrackerSync, reopenQuestions, type TrackerSyncPlan } from '../core/actions/trackerSyncPlan';
import { TrackerError, type TrackerClient } from './trackerClient';

export interface TrackerSyncOptions {
  dryRun?: boolean;
  /** Writes a change into the action's retrospective (setAction); called right after each tracker write. */
  writeBack: (runId: string, actionId: string, change: ActionChange) => void;
  /** One line per thing done, as it is done: what was done stays said when a later call fails. */
  report: (line: string) => void;
}

export interface TrackerSyncSummary {
  created: number;
  updated: number;
  pulled: number;
  linked: number;
}

/**
 * Carries out `action sync`: reads the tracker, lets the plan decide, then writes step by step. A
 * link is written into the file right after its issue is created, so a failure later (offline, a
 * rate limit) loses nothing: the next sync finds the rest to do, and the created issues by their
 * marker. Tracker errors propagate as TrackerError (one line).
 */
export async function syncWithTracker(client: TrackerClient, actions: readonly ActionView[], options: TrackerSyncOptions): Promise<TrackerSyncSummary> {
  const { repository } = client;
  const issues = await client.listLabelledIssues();
  for (const number of linkedIssuesToFetch(actions, issues, repository)) {
    const issue = await client.getIssue(number);
    if (issue !== undefined) issues.push(issue);
  }
  const known = await withReopenings(client, actions, issues);
  const plan = planTrackerSync(actions, known, repository);
  for (const note of plan.notes) options.report(`note: ${note}`);
  if (options.dryRun === true) {
    describePlan(plan, options.report);
    return { created: 0, updated: 0, pulled: 0, linked: 0 };
  }

  const summary: TrackerSyncSummary = { created: 0, updated: 0, pulled: 0, linked: 0 };
  for (const step of plan.link) {
    options.writeBack(step.action.runId, step.action.actionId, { link: step.issue.url });
    options.report(`linked ${describe(step.action)} to its existing issue #${step.issue.number} (found by its marker): ${step.issue.url}`);
    summary.linked++;
  }
  for (const step of plan.create) {
    const issue = await withoutAssigneesIfRefused(step.assignees, options.report, `the new issue for ${describe(step.action)}`, (assignees) =>
      client.createIssue({ title: step.title, body: step.body, labels: step.labels, assignees: assignees ?? [] }),
    );
    options.writeBack(step.action.runId, step.action.actionId, { link: issue.url });
    options.report(`created #${issue.number} for ${describe(step.action)}: ${issue.url}`);
    summary.created++;
  }
  for (const step of plan.update) {
    const change = {
      ...(step.title !== undefined ? { title: step.title } : {}),
      ...(step.labels !== undefined ? { labels: step.labels } : {}),
      ...(step.close !== undefined ? { close: step.close } : {}),
    };
    if (step.assignees === undefined) await client.updateIssue(step.issue.number, change);
    else {
      await withoutAssigneesIfRefused(step.assignees, options.report, `#${step.issue.number}`, async (assignees) => {
        // Nothing left to write once the assignee is dropped.
        if (assignees === undefined && Object.keys(change).length === 0) return;
        await client.updateIssue(step.issue.number, { ...change, ...(assignees !== undefined ? { assignees } : {}) });
      });
    }
    options.report(`updated #${step.issue.number} (${changedParts(step).join(', ')}) for ${describe(step.action)}`);
    summary.updated++;
  }
  for (const step of plan.pull) {
    const closedBy = step.findClosingPullRequest ? await client.closingPullRequest(step.issue.number) : undefined;
    options.writeBack(step.action.runId, step.action.actionId, { status: step.status, ...(closedBy !== undefined ? { closedBy } : {}) });
    options.report(`${describe(step.action)} is now ${step.status}: #${step.issue.number} ${step.status === 'open' ? 'was reopened' : `was closed${closedBy !== undefined ? ` by ${closedBy}` : step.status === 'wont_do' ? ' as not planned' : ''}`}`);
    summary.pulled++;
  }
  return summary;
}

/**
 * An owner the tracker cannot assign (no access to the repository, a misspelt login) is refused with
 * a validation error: the issue is written without the assignee rather than not at all, and a note
 * says whom to fix.
 */
async function withoutAssigneesIfRefused<T>(assignees: readonly string[], report: (line: string) => void, what: string, write: (assignees: string[] | undefined) => Promise<T>): Promise<T> {
  try {
    return await write([...assignees]);
  } catch (error) {
    if (assignees.length === 0 || !(error instanceof TrackerError) || error.kind !== 'rejected') throw error;
    report(`note: the tracker refused ${assignees.join(', ')} as assignee of ${what} (${error.message}); written without changing the assignee`);
    // undefined: leave the assignees as they are (a new issue gets none).
    return await write(undefined);
  }
}

/** Asks the tracker about reopenings only where the answer changes the plan. */
async function withReopenings(client: TrackerClient, actions: readonly ActionView[], issues: TrackerIssue[]): Promise<TrackerIssue[]> {
  const questions = new Set(reopenQuestions(actions, issues, client.repository));
  if (questions.size === 0) return issues;
  const answered: TrackerIssue[] = [];
  for (const issue of issues) {
    const reopenedAt = questions.has(issue.number) ? await client.reopenedAt(issue.number) : undefined;
    answered.push(reopenedAt !== undefined ? { ...issue, reopenedAt } : issue);
  }
  return answered;
}

function changedParts(step: TrackerSyncPlan['update'][number]): string[] {
  return [
    ...(step.title !== undefined ? ['title'] : []),
    ...(step.assignees !== undefined ? ['assignee'] : []),
    ...(step.labels !== undefined ? ['labels'] : []),
    ...(step.close !== undefined ? [`closed as ${step.close === 'completed' ? 'completed' : 'not planned'}`] : []),
  ];
}

function describePlan(plan: TrackerSyncPlan, report: (line: string) => void): void {
  for (const step of plan.link) report(`would link ${describe(step.action)} to #${step.issue.number}`);
  for (const step of plan.create) report(`would create an issue for ${describe(step.action)}`);
  for (const step of plan.update) report(`would update #${step.issue.number} (${changedParts(step).join(', ')}) for ${describe(step.action)}`);
  for (const step of plan.pull) report(`would mark ${describe(step.action)} ${step.status} (#${step.issue.number})`);
}
