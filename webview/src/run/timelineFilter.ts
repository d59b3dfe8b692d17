/**
 * The run editor's timeline filter. The categories are core's (`timeline --type` uses the same); this
 * adds the page's state. Pure, unit-tested in Node.
 */
import type { EventView, TimelineView } from '../../../src/shared/protocol';
import { categoryOf, DEFAULT_CATEGORY_IDS, TIMELINE_CATEGORIES } from '../../../src/core/runs/timelineCategories';

export { TIMELINE_CATEGORIES } from '../../../src/core/runs/timelineCategories';

export const DEFAULT_CATEGORIES: readonly string[] = DEFAULT_CATEGORY_IDS;

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

/** How many events the filter shows, from the host's counts: exact before the page of them arrives. */
export function matchingCount(timeline: TimelineView, shown: readonly string[]): number {
  const visible = new Set(shown);
  return Object.entries(timeline.counts).reduce((sum, [id, count]) => (visible.has(id) ? sum + count : sum), timeline.other);
}

/** Whether two filters show the same categories (order and repeats aside). */
export function sameCategories(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/**
 * The rows to list now: a complete timeline filtered here; a host-filtered page as it is, or, while
 * the page of another filter is on its way, narrowed to the categories still shown.
 */
export function visibleEvents(timeline: TimelineView, shown: readonly string[]): EventView[] {
  if (!timeline.complete && sameCategories(timeline.categories, shown)) return timeline.events;
  return filterEvents(timeline.events, shown);
}
