import { addAction, setAction, type ActionChange, type NewAction } from '../core/actions/actionOperations';
import { listActions } from '../core/actions/actionList';
import { ACTION_PRIORITIES, type ActionPriority, type ActionStatus, type FollowUpAction } from '../core/actions/actionTypes';
import { OperationRefused } from '../core/model/errors';
import type { RunActionTarget, TextQuestion } from './actionTypes';

/*
 * The follow-up actions of a retrospective, once each: the run editor (and any palette command) call
 * these with their own prompts; the core checks every value and writes (src/core/actions/).
 */

/** What a surface collects for a new action; blank optional fields are left out. */
export interface FollowUpInput {
  title?: string;
  owner?: string;
  due?: string;
  priority?: string;
}

/** What a surface changes of an action: an empty owner, due or priority removes it. */
export interface FollowUpEdit {
  owner?: string;
  due?: string;
  priority?: string;
  status?: ActionStatus;
}

const titleQuestion = (runName: string): TextQuestion => ({
  title: `Add Follow-up Action: ${runName}`,
  prompt: 'What needs to be done?',
  placeholder: 'e.g. Alert on replica lag',
  validate: (value) => (value.trim() === '' ? 'Say what the action is.' : undefined),
});

/** Adds an action (its title asked when not given); undefined when the person cancels. */
export async function addFollowUpAction({ repo, runId, host, prompts }: RunActionTarget, input: FollowUpInput): Promise<FollowUpAction | undefined> {
  host.checkWritable();
  const title = input.title ?? (await prompts.input(titleQuestion(repo.requireRun(runId).name)));
  if (title === undefined) return undefined;
  if (title.trim() === '') throw new OperationRefused('Say what the action is: its title is empty.');
  const owner = filled(input.owner);
  const due = filled(input.due);
  const priority = priorityOf(input.priority);
  const action: NewAction = { title: title.trim(), ...(owner ? { owner } : {}), ...(due ? { due } : {}), ...(priority ? { priority } : {}) };
  const added = await host.change((context) => addAction(repo, context, runId, action));
  prompts.report(`$(checklist) Action ${added.id} added`);
  return added;
}

/** Changes an action's owner, due, priority or status; fields left undefined stay as they are. */
export async function changeFollowUpAction({ repo, runId, host, prompts }: RunActionTarget, actionId: string, edit: FollowUpEdit): Promise<FollowUpAction> {
  const change: ActionChange = {
    ...(edit.owner !== undefined ? { owner: filled(edit.owner) ?? null } : {}),
    ...(edit.due !== undefined ? { due: filled(edit.due) ?? null } : {}),
    ...(edit.priority !== undefined ? { priority: priorityOf(edit.priority) ?? null } : {}),
    ...(edit.status !== undefined ? { status: edit.status } : {}),
  };
  if (Object.keys(change).length === 0) throw new OperationRefused('Nothing to change: give an owner, a due date, a priority or a status.');
  const changed = await host.change((context) => setAction(repo, context, runId, actionId, change));
  if (edit.status !== undefined) prompts.report(`$(check) Action ${actionId} set to ${edit.status.replace('_', ' ')}`);
  return changed;
}

/** The action's tracker link, to be opened outside the editor: only http(s), read from the file (never from a page). */
export function followUpLink(repo: RunActionTarget['repo'], runId: string, actionId: string): string {
  const action = listActions(repo, new Date(), { runId }).find((candidate) => candidate.id === actionId);
  if (!action) throw new OperationRefused(`The retrospective has no action "${actionId}".`);
  if (action.link === undefined) throw new OperationRefused(`Action ${actionId} has no tracker link yet.`);
  if (!isWebLink(action.link)) throw new OperationRefused(`Action ${actionId}'s link is not an http(s) address, so it is not opened: ${action.link.slice(0, 200)}`);
  return action.link;
}

export function isWebLink(link: string): boolean {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function filled(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function priorityOf(text: string | undefined): ActionPriority | undefined {
  const given = filled(text)?.toUpperCase();
  if (given === undefined) return undefined;
  const priority = ACTION_PRIORITIES.find((candidate) => candidate === given);
  if (!priority) throw new OperationRefused(`"${text ?? ''}" is not a priority: use ${ACTION_PRIORITIES.join(', ')}.`);
  return priority;
}
