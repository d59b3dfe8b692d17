import { randomInt } from 'node:crypto';
import type { NewEvent } from '../runs/timelineWriter';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { editRetrospective, lockedSnapshot, type RetroSnapshot } from '../retrospectives/retroSnapshot';
import { OperationRefused, isoNow, type OperationContext } from '../runs/operationContext';
import { withRunLock } from '../runs/runLock';
import { prepareEvents } from '../runs/timelineWriter';
import { fitSummary, requireValidInput, type InputField } from '../validation/inputRules';
import { parseDue } from './actionRules';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionPriority, type ActionStatus, type FollowUpAction } from './actionTypes';

export interface NewAction {
  title: string;
  owner?: string;
  /** A date, a date-time or a duration after publishing (`4w`). */
  due?: string;
  priority?: ActionPriority;
  link?: string;
}

export interface ActionChange {
  title?: string;
  /** null removes it. */
  owner?: string | null;
  due?: string | null;
  priority?: ActionPriority | null;
  status?: ActionStatus;
  link?: string | null;
  /** The pull request that closed the tracker issue (tracker sync). */
  closedBy?: string | null;
}

/** The stored order of an action's keys (docs/format.md). */
const KEY_ORDER = ['id', 'title', 'owner', 'due', 'priority', 'status', 'link', 'createdAt', 'closedAt', 'closedBy'] as const;
type ActionKey = (typeof KEY_ORDER)[number];
/** What `action set` changes besides the status, in the order they are reported. */
const CHANGEABLE = ['title', 'owner', 'due', 'priority', 'link', 'closedBy'] as const;

const CLOSED_STATUSES: ReadonlySet<ActionStatus> = new Set<ActionStatus>(['done', 'wont_do']);

/**
 * Adds an action to the run's retrospective (timeline: action_added); refuses bad input in one line.
 * Allowed after publishing: follow-ups are done long after the report is written.
 */
export function addAction(repo: PlaybooksRepository, context: OperationContext, runId: string, action: NewAction): FollowUpAction {
  const title = checkedTitle(action.title);
  const owner = optionalText(action.owner, 'actionOwner');
  const due = optionalText(action.due, 'actionDue');
  const priority = checkedPriority(action.priority);
  const link = optionalText(action.link, 'actionLink');
  return withRunLock(repo.layout, runId, () => {
    const retro = lockedSnapshot(repo, runId, undefined);
    if (due !== undefined) checkDue(due, retro);
    const existing = new Set((retro.meta.actions ?? []).map((known) => known.id));
    const created: FollowUpAction = {
      id: newActionId(existing),
      title,
      ...(owner !== undefined ? { owner } : {}),
      ...(due !== undefined ? { due } : {}),
      ...(priority !== undefined ? { priority } : {}),
      status: 'open',
      ...(link !== undefined ? { link } : {}),
      createdAt: isoNow(context),
    };
    requireValidInput('action', created);
    const pending = prepareEvents(repo, runId, context, [
      { type: 'action_added', summary: fitSummary(`Action added: ${title}${owner !== undefined ? ` (owner ${owner})` : ''}`), data: { action: created.id }, ...(link !== undefined ? { link } : {}) },
    ]);
    editRetrospective(retro, context, (editor) => editor.append(['actions'], { ...created }));
    pending.write();
    return created;
  });
}

/**
 * Changes an action (timeline: action_state_changed for a status, action_changed otherwise); unchanged
 * fields are not written, and a change that changes nothing is refused. Closing stamps closedAt;
 * reopening removes closedAt and closedBy.
 */
export function setAction(repo: PlaybooksRepository, context: OperationContext, runId: string, actionId: string, change: ActionChange): FollowUpAction {
  const wanted = checkedChange(change);
  return withRunLock(repo.layout, runId, () => {
    const retro = lockedSnapshot(repo, runId, undefined);
    const actions = retro.meta.actions ?? [];
    const index = actions.findIndex((action) => action.id === actionId);
    const current = actions[index];
    if (current === undefined) {
      const known = actions.map((action) => action.id).join(', ') || 'none';
      throw new OperationRefused(`the retrospective of "${runId}" has no action ${JSON.stringify(actionId)}; its actions: ${known}`);
    }
    if (typeof wanted.due === 'string') checkDue(wanted.due, retro);
    const next = applyChange(current, wanted, isoNow(context));
    const fields = CHANGEABLE.filter((key) => next[key] !== current[key]);
    const statusChanged = next.status !== current.status;
    if (!statusChanged && fields.length === 0) throw new OperationRefused(`nothing to change: action ${actionId} already has these values`);
    requireValidInput('action', next);
    const events: NewEvent[] = [];
    if (statusChanged) {
      events.push({ type: 'action_state_changed', summary: fitSummary(`Action ${current.status.replace('_', ' ')} → ${next.status.replace('_', ' ')}: ${next.title}`), data: { action: actionId, from: current.status, to: next.status } });
    }
    if (fields.length > 0) {
      const described = fields.map((key) => (next[key] === undefined ? `${key} removed` : `${key} ${String(next[key])}`)).join(', ');
      events.push({ type: 'action_changed', summary: fitSummary(`Action "${next.title}": ${described}`), data: { action: actionId, fields: [...fields] } });
    }
    const pending = prepareEvents(repo, runId, context, events);
    editRetrospective(retro, context, (editor) => {
      for (const key of KEY_ORDER) {
        if (next[key] === current[key]) continue;
        const value = next[key];
        if (value === undefined) editor.delete(['actions', index, key]);
        else editor.set(['actions', index, key], value, { after: keyBefore(next, key) });
      }
    });
    pending.write();
    return next;
  });
}

function applyChange(current: FollowUpAction, change: CheckedChange, now: string): FollowUpAction {
  const next: Record<string, unknown> = { ...current };
  for (const key of CHANGEABLE) {
    const value = change[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (change.status !== undefined && change.status !== current.status) {
    next['status'] = change.status;
    const wasClosed = CLOSED_STATUSES.has(current.status);
    if (CLOSED_STATUSES.has(change.status) && !wasClosed) next['closedAt'] = now;
    if (!CLOSED_STATUSES.has(change.status)) {
      delete next['closedAt'];
      if (change.closedBy === undefined) delete next['closedBy'];
    }
  }
  return inKeyOrder(next);
}

function inKeyOrder(values: Record<string, unknown>): FollowUpAction {
  return Object.fromEntries(KEY_ORDER.filter((key) => values[key] !== undefined).map((key) => [key, values[key]])) as unknown as FollowUpAction;
}

/** The key a missing key is written after: the nearest one before it in the stored order that the action has. */
function keyBefore(action: FollowUpAction, key: ActionKey): string | undefined {
  const before = KEY_ORDER.slice(0, KEY_ORDER.indexOf(key)).reverse();
  return before.find((candidate) => action[candidate] !== undefined);
}

type CheckedChange = Omit<ActionChange, 'title'> & { title?: string };

function checkedChange(change: ActionChange): CheckedChange {
  const checked: CheckedChange = {};
  if (change.title !== undefined) checked.title = checkedTitle(change.title);
  for (const [key, field] of [['owner', 'actionOwner'], ['due', 'actionDue'], ['link', 'actionLink'], ['closedBy', 'actionClosedBy']] as const) {
    const value = change[key];
    if (value === undefined) continue;
    // An empty value removes the field, as --owner '' does.
    checked[key] = value === null || value.trim() === '' ? null : (optionalText(value, field) ?? null);
  }
  if (change.priority !== undefined) checked.priority = change.priority === null ? null : (checkedPriority(change.priority) ?? null);
  if (change.status !== undefined) {
    if (!(ACTION_STATUSES as readonly string[]).includes(change.status)) throw new OperationRefused(`the status must be one of: ${ACTION_STATUSES.join(', ')}`);
    checked.status = change.status;
  }
  return checked;
}

function checkedTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed === '') throw new OperationRefused('give the action a title');
  requireValidInput('actionTitle', trimmed);
  return trimmed;
}

function optionalText(value: string | undefined, field: InputField): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  requireValidInput(field, trimmed);
  return trimmed;
}

function checkedPriority(priority: string | undefined): ActionPriority | undefined {
  if (priority === undefined || priority.trim() === '') return undefined;
  const upper = priority.trim().toUpperCase();
  if (!(ACTION_PRIORITIES as readonly string[]).includes(upper)) throw new OperationRefused(`the priority must be one of: ${ACTION_PRIORITIES.join(', ')}`);
  return upper as ActionPriority;
}

/** What validate would refuse of a due: a day that does not exist, a date before the run started. */
function checkDue(due: string, retro: RetroSnapshot): void {
  const parsed = parseDue(due);
  if (parsed === undefined) throw new OperationRefused(`the due date ${JSON.stringify(due)} is not a day of the calendar`);
  if (parsed.kind !== 'duration' && parsed.at < Date.parse(retro.run.startedAt)) {
    throw new OperationRefused(`the due date ${due} is before the run started (${retro.run.startedAt})`);
  }
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `a-` and six random letters or digits, none the retrospective has (two branches practically never collide). */
function newActionId(taken: ReadonlySet<string>): string {
  for (;;) {
    let id = 'a-';
    for (let i = 0; i < 6; i += 1) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)] ?? 'a';
    if (!taken.has(id)) return id;
  }
}
