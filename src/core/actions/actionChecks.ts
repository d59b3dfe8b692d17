import type { PathProblem } from '../validation/schemaValidator';
import type { FollowUpAction } from './actionTypes';
import { parseDue } from './actionRules';

const CLOSED = new Set(['done', 'wont_do']);

/**
 * What the schema cannot say about a retrospective's actions: ids unique, a due date that exists and
 * is not before the run started (a typo in the year), closedAt exactly when the action is closed.
 * runStartedAt: the run's startedAt when it is known.
 */
export function checkActions(actions: readonly FollowUpAction[] | undefined, runStartedAt?: string): PathProblem[] {
  if (!Array.isArray(actions)) return [];
  const problems: PathProblem[] = [];
  const seen = new Map<string, number>();
  const started = runStartedAt === undefined ? Number.NaN : Date.parse(runStartedAt);
  actions.forEach((action, index) => {
    const earlier = seen.get(action.id);
    if (earlier !== undefined) problems.push({ path: ['actions', index, 'id'], atKey: false, message: `action id "${action.id}" is used twice (also action ${earlier + 1})` });
    else seen.set(action.id, index);
    if (action.due !== undefined) {
      const due = parseDue(action.due);
      if (due === undefined) problems.push({ path: ['actions', index, 'due'], atKey: false, message: `due ${JSON.stringify(action.due)} is not a day of the calendar` });
      else if (due.kind !== 'duration' && !Number.isNaN(started) && due.at < started) {
        problems.push({ path: ['actions', index, 'due'], atKey: false, message: `due ${action.due} is before the run started (${runStartedAt ?? ''})` });
      }
    }
    const closed = CLOSED.has(action.status);
    if (closed && action.closedAt === undefined) problems.push({ path: ['actions', index, 'status'], atKey: false, message: `a ${action.status} action needs closedAt` });
    if (!closed && action.closedAt !== undefined) problems.push({ path: ['actions', index, 'closedAt'], atKey: true, message: `an action that is ${action.status.replace('_', ' ')} must not have closedAt` });
    if (action.closedAt !== undefined && Date.parse(action.closedAt) < Date.parse(action.createdAt)) {
      problems.push({ path: ['actions', index, 'closedAt'], atKey: false, message: `closedAt (${action.closedAt}) is before createdAt (${action.createdAt})` });
    }
  });
  return problems;
}
