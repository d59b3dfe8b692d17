import type { EventType, TimelineEvent } from '../model/types';
import { isRecord, type Position, type PositionedYaml } from './positionedYaml';
import type { ReviewFinding, TimelineHighlight } from './reviewTypes';

export const TIMELINE_OUTSIDE_RUN = 'timeline-outside-run';
export const TIMELINE_FINISH_BEFORE_START = 'timeline-finish-before-start';

/** Clocks of two clones differ by seconds; a minute either side of the run is not worth a finding. */
export const TIMELINE_TOLERANCE_MS = 60_000;

/**
 * Events that belong after the run, or at any time: notes (backdated with `run note --at`, or added
 * to a finished run while writing the retrospective) and the retrospective's own events.
 */
const ANY_TIME: ReadonlySet<EventType> = new Set<EventType>(['note']);
const AFTER_FINISH_ALLOWED: ReadonlySet<EventType> = new Set<EventType>([
  'note',
  'run_restored',
  'retrospective_published',
  'retrospective_skipped',
  'retrospective_enabled',
  'retrospective_disabled',
  'metric_recorded',
  // Follow-ups are added and closed long after the run.
  'action_added',
  'action_state_changed',
  'action_changed',
]);

/** What a reviewer wants to see of a run's history, oldest first. */
const KEY_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'run_started',
  'owner_changed',
  'status_updated',
  'run_finished',
  'run_restored',
  'retrospective_published',
  'retrospective_skipped',
]);

/** An event of timeline.yaml with the place of its line. */
export interface PlacedEvent {
  event: TimelineEvent;
  /** Computed on demand: placing needs the slower parse, and most events are never pointed at. */
  position: () => Position;
}

/** The events of a timeline text that look like events (validation reports the rest). */
export function placedEvents(timeline: PositionedYaml): PlacedEvent[] {
  const events = isRecord(timeline.value) ? timeline.value['events'] : undefined;
  if (!Array.isArray(events)) return [];
  return events.flatMap((event: unknown, index): PlacedEvent[] =>
    isRecord(event) && typeof event['at'] === 'string' && typeof event['type'] === 'string' ? [{ event: event as unknown as TimelineEvent, position: () => timeline.at(['events', index]) }] : [],
  );
}

export interface TimelineWindowInput {
  runFile: string;
  /** run.yaml, positioned. */
  run: PositionedYaml;
  timelineFile: string;
  events: readonly PlacedEvent[];
}

/**
 * The run's finish is not before its start, and its events lie between them (with
 * TIMELINE_TOLERANCE_MS either side): an event outside says a clock or a hand edit went wrong.
 */
export function checkTimelineWindow(input: TimelineWindowInput): ReviewFinding[] {
  const run = isRecord(input.run.value) ? input.run.value : {};
  const start = typeof run['startedAt'] === 'string' ? Date.parse(run['startedAt']) : Number.NaN;
  if (Number.isNaN(start)) return [];
  const endedAt = run['status'] === 'finished' && typeof run['endedAt'] === 'string' ? run['endedAt'] : undefined;
  const end = endedAt === undefined ? Number.NaN : Date.parse(endedAt);
  const findings: ReviewFinding[] = [];
  const startedAt = String(run['startedAt']);
  if (!Number.isNaN(end) && end < start) {
    findings.push({
      ruleId: TIMELINE_FINISH_BEFORE_START,
      severity: 'error',
      file: input.runFile,
      ...input.run.at(['endedAt']),
      title: 'Run finishes before it starts',
      message: `the run finished at ${endedAt ?? ''}, before it started at ${startedAt}`,
      suggestion: 'correct startedAt or endedAt',
    });
  }
  for (const { event, position } of input.events) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at) || ANY_TIME.has(event.type)) continue;
    const base = (): Omit<ReviewFinding, 'ruleId' | 'title' | 'message'> => ({ file: input.timelineFile, ...position(), severity: 'warning' });
    if (event.type === 'run_finished' && at < start - TIMELINE_TOLERANCE_MS) {
      findings.push({ ...base(), ruleId: TIMELINE_FINISH_BEFORE_START, severity: 'error', title: 'Run finishes before it starts', message: `the run is finished at ${event.at}, before it started at ${startedAt}`, suggestion: 'correct the event\'s time or the run\'s startedAt' });
    } else if (at < start - TIMELINE_TOLERANCE_MS) {
      findings.push({ ...base(), ruleId: TIMELINE_OUTSIDE_RUN, title: 'Event before the run', message: `${event.type} event at ${event.at} is before the run started (${startedAt})`, suggestion: 'correct its time; a note may be backdated, other events may not' });
    } else if (!Number.isNaN(end) && at > end + TIMELINE_TOLERANCE_MS && !AFTER_FINISH_ALLOWED.has(event.type)) {
      findings.push({ ...base(), ruleId: TIMELINE_OUTSIDE_RUN, title: 'Event after the run', message: `${event.type} event at ${event.at} is after the run finished (${endedAt ?? ''})`, suggestion: 'correct its time, or restore the run if it was still going on' });
    }
  }
  return findings;
}

/** Started, owner changes, status updates, finished, restored, published or skipped, oldest first. */
export function keyEvents(events: readonly PlacedEvent[]): TimelineHighlight[] {
  const seen = new Set<string>();
  return events
    .map((placed) => placed.event)
    // A union merge's word-for-word repeat counts once, as everywhere else.
    .filter((event) => KEY_EVENTS.has(event.type) && !seen.has(event.id) && seen.add(event.id) !== undefined)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((event) => ({ at: event.at, type: event.type, summary: String(event.summary ?? '') }));
}
