/**
 * How each timeline event type is shown: its name (exports, sidebar tooltip) and its codicon (sidebar,
 * run page). One table, typed by event, so a new type must get both. Pure (the run page imports it).
 */
import type { EventType } from '../model/types';

export interface EventTypeDisplay {
  readonly label: string;
  readonly icon: string;
}

export const EVENT_TYPE_DISPLAY: Readonly<Record<EventType, EventTypeDisplay>> = {
  // play-circle, as the sidebar shows a run in progress: the event that made it one looks the same.
  run_started: { label: 'Run started', icon: 'play-circle' },
  status_updated: { label: 'Status update', icon: 'megaphone' },
  owner_changed: { label: 'Owner changed', icon: 'person' },
  participants_changed: { label: 'Participants changed', icon: 'organization' },
  assignee_changed: { label: 'Assignee changed', icon: 'person-add' },
  // check (one task ticked), not checklist: that is the icon of a whole checklist in the sidebar.
  task_state_changed: { label: 'Task state changed', icon: 'check' },
  run_finished: { label: 'Run finished', icon: 'pass' },
  run_restored: { label: 'Run restored', icon: 'history' },
  retrospective_published: { label: 'Retrospective published', icon: 'cloud-upload' },
  retrospective_skipped: { label: 'Retrospective skipped', icon: 'circle-slash' },
  metric_recorded: { label: 'Metric recorded', icon: 'graph' },
  note: { label: 'Note', icon: 'note' },
  retrospective_enabled: { label: 'Retrospective turned on', icon: 'eye' },
  retrospective_disabled: { label: 'Retrospective turned off', icon: 'eye-closed' },
  status_updates_enabled: { label: 'Status updates turned on', icon: 'bell' },
  status_updates_disabled: { label: 'Status updates turned off', icon: 'bell-slash' },
  status_update_requested: { label: 'Status update requested', icon: 'comment-discussion' },
  // terminal: the command was sent to a VS Code terminal (Mattermost's ran_slash_command).
  command_ran: { label: 'Command run', icon: 'terminal' },
  action_added: { label: 'Action added', icon: 'tasklist' },
  action_state_changed: { label: 'Action state changed', icon: 'pass-filled' },
  action_changed: { label: 'Action changed', icon: 'edit' },
};

/** Own keys only: a type read from a file ("constructor", a newer version's) must not reach the prototype. */
function displayOf(type: string): EventTypeDisplay | undefined {
  return Object.hasOwn(EVENT_TYPE_DISPLAY, type) ? EVENT_TYPE_DISPLAY[type as EventType] : undefined;
}

/** `Run started`; a type this version does not know is spelled out from its id (`some_new_type` → `some new type`). */
export function eventTypeLabel(type: string): string {
  return displayOf(type)?.label ?? type.replace(/_/g, ' ');
}

/** The codicon of an event type; a plain dot for one this version does not know. */
export function eventTypeIcon(type: string): string {
  return displayOf(type)?.icon ?? 'circle-small';
}
