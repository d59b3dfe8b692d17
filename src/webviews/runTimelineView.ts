/**
 * The run editor's timeline, paged on the host: a run may have 10,000 events, and the first screen
 * shows a few hundred. The timeline is parsed and sorted once per file stamp ({@link TimelineCache});
 * event views are built only for the events a page lists. Imports only the core (no `vscode`).
 */
import { usableData } from '../core/files/documentReader';
import type { Problem } from '../core/files/problem';
import { stampOf } from '../core/index/fileStamp';
import { MANUAL_EVENT_TYPES, type TimelineEvent } from '../core/model/types';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { categoryOf, DEFAULT_CATEGORY_IDS, TIMELINE_CATEGORIES } from '../core/runs/timelineCategories';
import type { EventView, StatusUpdatesView, TimelineView } from '../shared/protocol';

/** Events listed per page, in the first state and per "more". */
export const EVENTS_PAGE = 200;
/** Status updates listed on the Overview per page. */
const STATUS_UPDATES_PAGE = 10;

/** What the page lists: its filter and how many events, and how many status updates. */
export interface TimelineQuery {
  categories: readonly string[];
  count: number;
  statusUpdates: number;
}

export const DEFAULT_QUERY: TimelineQuery = {
  categories: [...DEFAULT_CATEGORY_IDS],
  count: EVENTS_PAGE,
  statusUpdates: STATUS_UPDATES_PAGE,
};

/** A timeline read once: its problems, its events newest first, and what the filter counts. */
export interface SortedTimeline {
  problems: Problem[];
  /** Newest first (by time, then file order). */
  events: readonly TimelineEvent[];
  statusUpdates: readonly TimelineEvent[];
  counts: Record<string, number>;
  other: number;
}

/** Reads and sorts a run's timeline (no cache). */
export function readSortedTimeline(repo: PlaybooksRepository, runId: string): SortedTimeline {
  const result = repo.readTimeline(runId);
  const events = newestFirst(usableData(result)?.events ?? []);
  const counts: Record<string, number> = Object.fromEntries(TIMELINE_CATEGORIES.map((category) => [category.id, 0]));
  let other = 0;
  for (const event of events) {
    const category = categoryOf(event.type);
    if (category === undefined) other += 1;
    else counts[category] = (counts[category] ?? 0) + 1;
  }
  return { problems: result.problems, events, statusUpdates: events.filter((event) => event.type === 'status_updated'), counts, other };
}

/** core's sortEvents order (time, then file order), reversed; each time parsed once, not per comparison. */
function newestFirst(events: readonly TimelineEvent[]): TimelineEvent[] {
  const times = events.map((event) => Date.parse(event.at));
  const order = events.map((_event, index) => index);
  order.sort((a, b) => (times[b] ?? 0) - (times[a] ?? 0) || b - a);
  return order.map((index) => events[index] as TimelineEvent);
}

/**
 * Sorted timelines kept while their file keeps its stamp (size, time, inode): every state the run
 * editor sends (each change, each page asked for) reuses the one parse of a 2 MB timeline.
 */
export class TimelineCache {
  private readonly entries = new Map<string, { stamp: string; timeline: SortedTimeline }>();

  constructor(private readonly capacity = 8) {}

  read(repo: PlaybooksRepository, runId: string): SortedTimeline {
    const file = repo.layout.timelineFile(runId);
    // The stamp before the read: a file changed meanwhile has a newer stamp next time.
    const stamp = stampOf(file);
    const cached = this.entries.get(file);
    if (stamp !== undefined && cached?.stamp === stamp) return cached.timeline;
    const timeline = readSortedTimeline(repo, runId);
    this.entries.delete(file);
    if (stamp !== undefined) this.entries.set(file, { stamp, timeline });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return timeline;
  }
}

/** The page of the timeline the query asks for, with views built for those events only. */
export function timelineView(timeline: SortedTimeline, query: TimelineQuery, started: number, readOnly: boolean): TimelineView {
  const base = { categories: [...query.categories], total: timeline.events.length, counts: { ...timeline.counts }, other: timeline.other };
  if (timeline.events.length <= query.count) return { ...base, complete: true, events: timeline.events.map((event) => toEventView(event, started, readOnly)) };
  const shown = new Set(query.categories);
  const events: EventView[] = [];
  for (const event of timeline.events) {
    if (events.length >= query.count) break;
    const category = categoryOf(event.type);
    if (category === undefined || shown.has(category)) events.push(toEventView(event, started, readOnly));
  }
  return { ...base, complete: false, events };
}

export function statusUpdatesView(timeline: SortedTimeline, query: TimelineQuery, started: number, readOnly: boolean): StatusUpdatesView {
  return { events: timeline.statusUpdates.slice(0, query.statusUpdates).map((event) => toEventView(event, started, readOnly)), total: timeline.statusUpdates.length };
}

function toEventView(event: TimelineEvent, started: number, readOnly: boolean): EventView {
  return {
    id: event.id,
    at: event.at,
    type: event.type,
    actor: event.actor,
    summary: event.summary,
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(event.link !== undefined ? { link: event.link } : {}),
    sinceStartMs: Date.parse(event.at) - started,
    deletable: !readOnly && MANUAL_EVENT_TYPES.includes(event.type),
  };
}
