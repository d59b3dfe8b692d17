import type { PlaybooksRepository } from '../repository/playbooksRepository';
import type { OperationContext } from '../runs/operationContext';
import type { ActionPriority, ActionStatus, FollowUpAction } from './actionTypes';

// PLACEHOLDER (issue 13): the signatures the CLI, the tracker sync and the editor build on. The
// follow-ups helper replaces the bodies; nobody else edits this file.

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

/** Adds an action to the run's retrospective (timeline: action_added); refuses bad input in one line. */
export function addAction(_repo: PlaybooksRepository, _context: OperationContext, _runId: string, _action: NewAction): FollowUpAction {
  throw new Error('not built yet');
}

/** Changes an action (timeline: action_state_changed for a status, action_changed otherwise); unchanged fields are not written. */
export function setAction(_repo: PlaybooksRepository, _context: OperationContext, _runId: string, _actionId: string, _change: ActionChange): FollowUpAction {
  throw new Error('not built yet');
}
