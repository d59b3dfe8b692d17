import { parseDuration } from '../util/duration';
import { toIso } from '../runs/operationContext';
import type { ActionDeadlines } from '../review/reviewConfig';
import { parseDue } from './actionRules';
import type { ActionView, FollowUpAction } from './actionTypes';

/**
 * When an action is due, as milliseconds since the epoch (pure: docs/format.md "Follow-up actions").
 * A date or date-time `due` is that moment (a date: the end of its day, UTC); a duration counts from
 * publishing; without a `due`, the priority's deadline does. Undefined when there is no deadline, or
 * none yet (a duration or a priority before the retrospective is published).
 */
export function actionDueTime(action: Pick<FollowUpAction, 'due' | 'priority'>, publishedAt: string | undefined, deadlines: ActionDeadlines): number | undefined {
  const published = publishedAt === undefined ? Number.NaN : Date.parse(publishedAt);
  if (action.due !== undefined) {
    const due = parseDue(action.due);
    if (due === undefined) return undefined;
    if (due.kind !== 'duration') return due.at;
    return Number.isNaN(published) ? undefined : published + due.ms;
  }
  const deadline = action.priority === undefined ? undefined : deadlines[action.priority];
  const ms = deadline === undefined ? undefined : parseDuration(deadline);
  return ms === undefined || Number.isNaN(published) ? undefined : published + ms;
}

export function isOpenAction(action: Pick<FollowUpAction, 'status'>): boolean {
  return action.status === 'open' || action.status === 'in_progress';
}

export interface ActionRunFacts {
  runId: string;
  runName: string;
  playbook: string;
  /** The retrospective's publishedAt, when it is published. */
  publishedAt: string | undefined;
}

/** An action with its run and its deadline worked out against `now`. */
export function actionView(action: FollowUpAction, run: ActionRunFacts, deadlines: ActionDeadlines, now: Date): ActionView {
  const dueTime = actionDueTime(action, run.publishedAt, deadlines);
  const dueAt = dueTime === undefined || !Number.isFinite(dueTime) || Math.abs(dueTime) > 8.64e15 ? undefined : toIso(new Date(dueTime));
  return {
    ...action,
    runId: run.runId,
    runName: run.runName,
    playbook: run.playbook,
    ...(dueAt !== undefined ? { dueAt } : {}),
    overdue: dueAt !== undefined && isOpenAction(action) && Date.parse(dueAt) < now.getTime(),
  };
}

/** Whole days past the deadline at `now` (0 on the day it falls due); undefined without a deadline. */
export function daysOverdue(view: Pick<ActionView, 'dueAt'>, now: Date): number | undefined {
  if (view.dueAt === undefined) return undefined;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(view.dueAt)) / 86_400_000));
}
