import { inputProblem } from '../validation/inputRules';
import { toIso } from './operationContext';

/**
 * The due time a run stores for a task due `offset` ms after `start`, or undefined when there is
 * no such time: `999999999w` is a valid duration, but no date a run file can hold (the year stops at 9999).
 */
export function dueTimeAfter(start: Date, offset: number): string | undefined {
  const due = new Date(start.getTime() + offset);
  if (Number.isNaN(due.getTime())) return undefined;
  const iso = toIso(due);
  return inputProblem('taskDue', iso) === undefined ? iso : undefined;
}
