import type { EventType } from '../model/types';

/**
 * Mattermost's timeline filter (RHS "Filter" menu) mapped to our event types: the run editor's filter
 * and `timeline --type` share this one table. Like Mattermost, task assignments and people
 * joining/leaving start hidden in the editor; they are the noisiest.
 */
export interface TimelineCategory {
  id: string;
  label: string;
  types: readonly EventType[];
  shownByDefault: boolean;
}

export const TIMELINE_CATEGORIES: readonly TimelineCategory[] = [
  { id: 'roles', label: 'Role changes', types: ['owner_changed'], shownByDefault: true },
  { id: 'status', label: 'Status updates', types: ['status_updated', 'status_update_requested', 'status_updates_enabled', 'status_updates_disabled', 'run_started', 'run_finished', 'run_restored'], shownByDefault: true },
  { id: 'notes', label: 'Notes', types: ['note'], shownByDefault: true },
  { id: 'taskStates', label: 'Task state changes', types: ['task_state_changed'], shownByDefault: true },
  { id: 'assignments', label: 'Task assignments', types: ['assignee_changed'], shownByDefault: false },
  { id: 'participants', label: 'Participants', types: ['participants_changed'], shownByDefault: false },
  { id: 'commands', label: 'Commands', types: ['command_ran'], shownByDefault: false },
  {
    id: 'retrospective',
    label: 'Retrospective & metrics',
    types: ['retrospective_published', 'retrospective_skipped', 'retrospective_enabled', 'retrospective_disabled', 'metric_recorded', 'action_added', 'action_state_changed', 'action_changed'],
    shownByDefault: true,
  },
];

/** The categories a timeline shows until the person changes the filter (Mattermost's default). */
export const DEFAULT_CATEGORY_IDS: readonly string[] = TIMELINE_CATEGORIES.filter((category) => category.shownByDefault).map((category) => category.id);

const categoryOfType = new Map<string, string>(TIMELINE_CATEGORIES.flatMap((category) => category.types.map((type) => [type, category.id] as const)));

/** The category of an event type; undefined for a type this version does not know (a newer file). */
export function categoryOf(type: string): string | undefined {
  return categoryOfType.get(type);
}
