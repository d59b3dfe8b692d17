import { parseYamlFast } from '../files/yamlText';
import { EVENT_TYPES, RUN_STATUSES, type EventType, type RunStatus, type TimelineEvent } from '../model/types';
import { sortEvents } from '../runs/timelineFile';
import { isObject } from './fieldMerge';

/**
 * A run's run.yaml and timeline.yaml on one side of a change (a commit, the work tree): the texts,
 * undefined when the file is not there.
 */
export interface RunTexts {
  run?: string;
  timeline?: string;
}

/** What sync tells about a run on one side: read leniently, since either side may be hand-edited or half-merged. */
export interface RunFacts {
  exists: boolean;
  name?: string;
  owner?: string;
  status?: RunStatus;
  /** The timeline's events, oldest first; those that do not read as events are left out. */
  events: TimelineEvent[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Parses a file's text; undefined when it is absent or does not parse (conflict markers, say). */
function mapping(fileText: string | undefined): Record<string, unknown> | undefined {
  if (fileText === undefined) return undefined;
  const parsed = parseYamlFast('sync', fileText);
  return 'value' in parsed && isObject(parsed.value) ? parsed.value : undefined;
}

function eventOf(value: unknown): TimelineEvent | undefined {
  if (!isObject(value)) return undefined;
  const { id, at, type, actor, summary } = value;
  if (typeof id !== 'string' || typeof at !== 'string' || typeof actor !== 'string' || typeof summary !== 'string') return undefined;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  const event: TimelineEvent = { id, at, type: type as EventType, actor, summary };
  if (typeof value['details'] === 'string') event.details = value['details'];
  if (typeof value['link'] === 'string') event.link = value['link'];
  // Structured data is shown as it was written; its shape was checked when it was written.
  if (isObject(value['data'])) event.data = value['data'] as TimelineEvent['data'];
  return event;
}

export function readRunFacts(texts: RunTexts): RunFacts {
  const run = mapping(texts.run);
  const timeline = mapping(texts.timeline);
  const status = run?.['status'];
  const rawEvents = timeline?.['events'];
  const events = Array.isArray(rawEvents) ? rawEvents.map(eventOf).filter((event): event is TimelineEvent => event !== undefined) : [];
  const facts: RunFacts = { exists: texts.run !== undefined, events: sortEvents(events) };
  const name = text(run?.['name']);
  const owner = text(run?.['owner']);
  if (name !== undefined) facts.name = name;
  if (owner !== undefined) facts.owner = owner;
  if (typeof status === 'string' && (RUN_STATUSES as readonly string[]).includes(status)) facts.status = status as RunStatus;
  return facts;
}

/** The events of `after` that `before` does not have (by id), oldest first. */
export function newEvents(before: RunFacts, after: RunFacts): TimelineEvent[] {
  const known = new Set(before.events.map((event) => event.id));
  return after.events.filter((event) => !known.has(event.id));
}
