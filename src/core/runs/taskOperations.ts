import type { Run, RunItem, TaskState, TimelineEvent } from '../model/types';
import { TASK_STATES } from '../model/types';
import { editRunFile } from './runOperations';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused, type OperationContext } from './operationContext';
import { withRunLock } from './runLock';
import { prepareEvents, type NewEvent } from './timelineWriter';
import { requireValidInput } from '../validation/inputRules';

export interface TaskLocation {
  checklist: number;
  item: number;
  task: RunItem;
}

/** A task by id, by position `2.3` (checklist 2, item 3, from 1) or by its exact title. */
export function findTask(run: Run, reference: string): TaskLocation {
  const wanted = reference.trim();
  const all = run.checklists.flatMap((checklist, c) => checklist.items.map((task, i) => ({ checklist: c, item: i, task })));
  const position = /^(\d+)\.(\d+)$/.exec(wanted);
  const found =
    all.find((entry) => entry.task.id === wanted) ??
    (position ? all.find((entry) => entry.checklist === Number(position[1]) - 1 && entry.item === Number(position[2]) - 1) : undefined) ??
    uniqueByTitle(all, wanted);
  if (!found) throw new OperationRefused(`run has no task ${JSON.stringify(reference)}; name it by its id or its position, like 1.2`, { kind: 'action', action: 'listTasks' });
  return found;
}

function uniqueByTitle(all: TaskLocation[], title: string): TaskLocation | undefined {
  const matches = all.filter((entry) => entry.task.title.toLowerCase() === title.toLowerCase());
  if (matches.length > 1) throw new OperationRefused(`${matches.length} tasks are titled ${JSON.stringify(title)}; use the id or position instead`);
  return matches[0];
}

export interface TaskChange {
  state?: string;
  /** A person, or '' to unassign. */
  assignee?: string;
}

export interface TaskChangeOutcome {
  events: TimelineEvent[];
  /** What was asked for but already so, e.g. "task 1.2 is already assigned to carol". */
  unchanged: string[];
}

/** changeTask, for callers that only want the events. */
export function changeTask(repo: PlaybooksRepository, context: OperationContext, runId: string, reference: string, change: TaskChange): TimelineEvent[] {
  return applyTaskChange(repo, context, runId, reference, change).events;
}

/**
 * Sets a task's state and/or assignee. Assigning a task to whom it already has is not a mistake (two
 * people handing it over at once agree): nothing is written and `unchanged` says so.
 */
export function applyTaskChange(repo: PlaybooksRepository, context: OperationContext, runId: string, reference: string, change: TaskChange): TaskChangeOutcome {
  const state = change.state;
  if (state !== undefined && !TASK_STATES.includes(state as TaskState)) {
    throw new OperationRefused(`${JSON.stringify(state)} is not a task state; use one of ${TASK_STATES.join(', ')}`);
  }
  if (state === undefined && change.assignee === undefined) throw new OperationRefused('say what to change: the state, the assignee or both', { kind: 'input', input: 'taskChange' });
  return withRunLock(repo.layout, runId, () => {
    const run = repo.requireRun(runId);
    if (run.status === 'finished') throw new OperationRefused(`run "${runId}" is finished; restore it first`);
    const { checklist, item, task } = findTask(run, reference);
    const path = ['checklists', checklist, 'items', item];
    const assignee = change.assignee?.trim();
    const newAssignee = assignee === '' ? undefined : assignee;
    if (newAssignee !== undefined) requireValidInput('assignee', newAssignee);
    const stateChanged = state !== undefined && state !== task.state;
    const assigneeChanged = change.assignee !== undefined && newAssignee !== task.assignee;
    const unchanged: string[] = [];
    if (change.assignee !== undefined && !assigneeChanged) {
      const position = `task ${checklist + 1}.${item + 1}`;
      unchanged.push(newAssignee === undefined ? `${position} is not assigned to anyone` : `${position} is already assigned to ${newAssignee}`);
    }
    if (!stateChanged && !assigneeChanged) {
      if (unchanged.length > 0) return { events: [], unchanged };
      throw new OperationRefused(`task "${task.title}" already is like that`);
    }
    const events: NewEvent[] = [];
    if (assigneeChanged) {
      const summary = newAssignee === undefined ? `"${task.title}" unassigned` : `"${task.title}" assigned to ${newAssignee}`;
      events.push({ type: 'assignee_changed', summary, data: { task: task.id, from: task.assignee ?? null, to: newAssignee ?? null } });
    }
    if (stateChanged) {
      const summary = `"${task.title}" ${describeState(state as TaskState)}`;
      events.push({ type: 'task_state_changed', summary, data: { task: task.id, from: task.state, to: state ?? null } });
    }
    // Events are checked before run.yaml changes, so a refusal leaves both files as they were.
    const pending = prepareEvents(repo, runId, context, events);
    editRunFile(repo, context, runId, (editor) => {
      if (stateChanged && state !== undefined) editor.set([...path, 'state'], state);
      if (assigneeChanged) editor.setOrDelete([...path, 'assignee'], newAssignee, { after: 'state' });
      // Assigned by hand: the task no longer follows the owner.
      if (assigneeChanged && task.followsOwner !== undefined) editor.delete([...path, 'followsOwner']);
    });
    return { events: pending.write(), unchanged };
  });
}

function describeState(state: TaskState): string {
  switch (state) {
    case 'closed':
      return 'done';
    case 'skipped':
      return 'skipped';
    case 'in_progress':
      return 'in progress';
    case 'open':
      return 'reopened';
  }
}
