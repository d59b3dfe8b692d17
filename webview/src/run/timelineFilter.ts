/**
 * Mattermost's timeline filter (RHS "Filter" menu) mapped to our event types. Pure, unit-tested in Node.
 * Like Mattermost, task assignments and people joining/leaving start hidden; they are the noisiest.
 */
import type { EventView } from '../../../src/shared/protocol';

export interface TimelineCategory {
  id: string;
  label: string;
  types: readonly string[];
  shownByDefault: boolean;
}

export const TIMELINE_CATEGORIES: readonly TimelineCategory[] = [
  { id: 'roles', label: 'Role changes', types: ['owner_changed'], shownByDefault: true },
  { id: 'status', label: 'Status updates', types: ['status_updated', 'run_started', 'run_finished', 'run_restored'], shownByDefault: true },
  { id: 'notes', label: 'Notes', types: ['note'], shownByDefault: true },
  { id: 'taskStates', label: 'Task state changes', types: ['task_state_changed'], shownByDefault: true },
  { id: 'assignments', label: 'Task assignments', types: ['assignee_changed'], shownByDefault: false },
  { id: 'participants', label: 'Participants', types: ['participants_changed'], shownByDefault: false },
  { id: 'retrospective', label: 'Retrospective & metrics', types: ['retrospective_published', 'retrospective_skipped', 'metric_recorded'], shownByDefault: true },
];

export const DEFAULT_CATEGORIES: readonly string[] = TIMELINE_CATEGORIES.filter((category) => category.shownByDefault).map((category) => category.id);

const categoryOfType = new Map(TIMELINE_CATEGORIES.flatMap((category) => category.types.map((type) => [type, category.id] as const)));

/** The category of an event type; types this page does not know (a newer file) are always shown. */
export function categoryOf(type: string): string | undefined {
  return categoryOfType.get(type);
}

/** "All events" is checked when every category is, mixed when some are. */
export function allState(shown: readonly string[]): 'all' | 'some' | 'none' {
  const count = TIMELINE_CATEGORIES.filter((category) => shown.includes(category.id)).length;
  return count === TIMELINE_CATEGORIES.length ? 'all' : count === 0 ? 'none' : 'some';
}

export function toggleCategory(shown: readonly string[], id: string, on: boolean): string[] {
  if (id === 'all') return on ? TIMELINE_CATEGORIES.map((category) => category.id) : [];
  const rest = shown.filter((candidate) => candidate !== id);
  return on ? [...rest, id] : rest;
}

export function filterEvents(events: readonly EventView[], shown: readonly string[]): EventView[] {
  const visible = new Set(shown);
  return events.filter((event) => {
    const category = categoryOf(event.type);
    return category === undefined || visible.has(category);
  });
}
