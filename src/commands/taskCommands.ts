import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { OperationRefused } from '../core/model/errors';
import { isTaskState, TASK_STATES, type TaskState } from '../core/model/types';
import { findTask } from '../core/runs/taskOperations';
import type { ExtensionServices } from '../platform/services';
import { TASK_STATE_LABELS } from '../core/model/types';
import { TASK_STATE_ICONS } from '../views/treeFormat';
import { promptsFor } from './actionPrompts';
import { BACK, pickStep } from './multiStepInput';
import { pickPerson, pickTask } from './pickers';
import { invocationOf, requiredString, resolveRun, type Invocation, type RunTarget } from './targets';

interface TaskTarget extends RunTarget {
  /** Task id. */
  task: string;
}

/** Run and task: from the task's node, from arguments (id, position "1.2" or title), or asked. */
async function resolveTask(services: ExtensionServices, invocation: Invocation, title: string): Promise<TaskTarget | undefined> {
  const target = await resolveRun(services, invocation, { title, placeholder: 'Pick the run (runs in progress first)' });
  if (!target) return undefined;
  const run = target.folder.repo.requireRun(target.runId);
  if (invocation.kind === 'args') return { ...target, task: findTask(run, requiredString(invocation.args, 'task')).task.id };
  const fromNode = invocation.kind === 'node' ? invocation.node.target().task : undefined;
  if (fromNode !== undefined) return { ...target, task: fromNode };
  const task = await pickTask(run, `${title}: ${run.name}`);
  return task ? { ...target, task: task.id } : undefined;
}

/** Returns the ids of the events added. */
export async function assignTask(services: ExtensionServices, arg: unknown): Promise<string[] | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveTask(services, invocation, 'Assign Task');
  if (!target) return undefined;
  const { folder, runId, task } = target;
  let assignee: string | undefined;
  if (invocation.kind === 'args') {
    const value = invocation.args['assignee'];
    if (typeof value !== 'string') throw new OperationRefused('"assignee" must be a string ("" to unassign)');
    assignee = value;
  } else {
    const run = folder.repo.requireRun(runId);
    const item = findTask(run, task).task;
    assignee = await pickPerson({
      title: `Assign "${item.title}"`,
      placeholder: item.assignee ? `Assigned to ${item.assignee}. Pick a participant or type a name` : 'Pick a participant or type a name',
      people: run.participants,
      ...(item.assignee ? { nobody: 'Unassign' } : {}),
    });
  }
  if (assignee === undefined) return undefined;
  const events = await actions.changeTask(runActionTarget(folder, runId, promptsFor(invocation)), task, { assignee: assignee.trim() });
  return events.map((event) => event.id);
}

/** Returns the ids of the events added. */
export async function setTaskState(services: ExtensionServices, arg: unknown): Promise<string[] | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveTask(services, invocation, 'Set Task State');
  if (!target) return undefined;
  const { folder, runId, task } = target;
  let state: TaskState | undefined;
  if (invocation.kind === 'args') {
    const value = invocation.args['state'];
    if (!isTaskState(value)) throw new OperationRefused(`"state" must be one of ${TASK_STATES.join(', ')}`);
    state = value;
  } else {
    const item = findTask(folder.repo.requireRun(runId), task).task;
    const items = TASK_STATES.map((value) => ({ label: `$(${TASK_STATE_ICONS[value]}) ${TASK_STATE_LABELS[value]}`, description: value === item.state ? 'current' : '', state: value }));
    const picked = await pickStep({ title: `Set State: ${item.title}`, placeholder: 'New state', items, active: items.find((entry) => entry.state !== item.state && entry.state === (item.state === 'open' ? 'in_progress' : 'closed')) });
    state = picked === undefined || picked === BACK ? undefined : picked.state;
  }
  if (state === undefined) return undefined;
  const events = await actions.changeTask(runActionTarget(folder, runId, promptsFor(invocation)), task, { state });
  return events.map((event) => event.id);
}
