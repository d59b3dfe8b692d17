/**
 * Follow-up actions of a retrospective, kept in its front matter under `actions:` (docs/format.md).
 * The shapes every layer shares: the core operations, the CLI, the tracker sync and the editor.
 */

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Priorities, most urgent first; each may have a deadline configured per repository. */
export const ACTION_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

/** One action as stored in the front matter (keys in this order). */
export interface FollowUpAction {
  /** Stable, unique within the retrospective: `a-` and six lowercase letters or digits. */
  id: string;
  title: string;
  owner?: string;
  /** A date (`2026-12-24`), a date-time, or a duration after publishing (`4w`, `10d`). */
  due?: string;
  priority?: ActionPriority;
  status: ActionStatus;
  /** The tracker issue's URL, once there is one. */
  link?: string;
  createdAt: string;
  /** When it became done or wont_do; absent while open. */
  closedAt?: string;
  /** The pull request that closed the tracker issue, when the tracker says so. */
  closedBy?: string;
}

/** An action with the run it belongs to and its deadline worked out (for lists, reports, reminders). */
export interface ActionView extends FollowUpAction {
  runId: string;
  runName: string;
  playbook: string;
  /** The deadline as an ISO date-time; undefined when there is none yet (a duration before publishing). */
  dueAt?: string;
  /** Open or in progress, with dueAt before now. */
  overdue: boolean;
}
