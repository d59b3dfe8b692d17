import * as fs from 'node:fs';
import type { Timeline, TimelineEvent } from '../model/types';
import { MANUAL_EVENT_TYPES } from '../model/types';
import { writeFileAtomic } from '../files/atomicWrite';
import { editYamlText } from '../files/yamlEdit';
import { parseYamlFast } from '../files/yamlText';
import { readTextFile } from '../files/documentReader';
import { MAX_FILE_BYTES, MAX_FILE_LIMIT_TEXT, formatBytes } from '../files/textChecks';
import { fitSummary, inputProblem } from '../validation/inputRules';
import { InvalidFileError, requireData, type PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused, toIso, type OperationContext } from './operationContext';
import { appendEventText, newEventId, removeEventLine, renderTimelineHeader } from './timelineFile';

export type NewEvent = Omit<TimelineEvent, 'id' | 'at' | 'actor'> & { at?: string; actor?: string };

/** Events checked and ready to append: `write` appends them (the caller holds the run lock). */
export interface PendingEvents {
  write: () => TimelineEvent[];
}

/**
 * Builds events and the timeline text with them, refusing before anything is written when the
 * timeline could not be read back (an invalid event, or a file past the read limit). An operation
 * that also edits run.yaml prepares its events first, so a refusal leaves both files as they were.
 */
export function prepareEvents(repo: PlaybooksRepository, runId: string, context: OperationContext, events: NewEvent[]): PendingEvents {
  const full = events.map((event) => completeEvent(context, event));
  const file = repo.layout.timelineFile(runId);
  let updated = fs.existsSync(file) ? readTimelineForEdit(repo, runId).text : renderTimelineHeader(runId);
  for (const event of full) updated = appendEventText(updated, event);
  const bytes = Buffer.byteLength(updated, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    throw new OperationRefused(
      `the timeline of "${runId}" would grow to ${formatBytes(bytes)}, past the ${MAX_FILE_LIMIT_TEXT} a file can have and still be read; nothing was written`,
    );
  }
  return {
    write: () => {
      writeFileAtomic(file, updated);
      return full;
    },
  };
}

export function prepareEvent(repo: PlaybooksRepository, runId: string, context: OperationContext, event: NewEvent): { write: () => TimelineEvent } {
  const pending = prepareEvents(repo, runId, context, [event]);
  return { write: () => pending.write()[0] as TimelineEvent };
}

/** Appends one event to a run's timeline (the caller holds the run lock). */
export function appendEvent(repo: PlaybooksRepository, runId: string, context: OperationContext, event: NewEvent): TimelineEvent {
  return prepareEvent(repo, runId, context, event).write();
}

/** The event as written: id, time and actor filled in, the summary fitted, checked against the schema. */
export function completeEvent(context: OperationContext, event: NewEvent): TimelineEvent {
  const now = context.now();
  const full: TimelineEvent = {
    id: newEventId(now),
    at: event.at ?? toIso(now),
    type: event.type,
    actor: event.actor ?? context.actor,
    summary: fitSummary(event.summary),
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(event.link !== undefined ? { link: event.link } : {}),
    ...(event.data !== undefined ? { data: event.data } : {}),
  };
  const problem = inputProblem('event', full);
  if (problem !== undefined) throw new OperationRefused(`cannot record this on the timeline: ${problem}`);
  return full;
}

/** Deletes a manual event; automatic ones are the record of what happened and stay. */
export function deleteEvent(repo: PlaybooksRepository, runId: string, eventId: string): TimelineEvent {
  const { text, timeline } = readTimelineForEdit(repo, runId);
  const index = timeline.events.findIndex((event) => event.id === eventId);
  const event = timeline.events[index];
  if (!event) throw new OperationRefused(`run "${runId}" has no event ${JSON.stringify(eventId)}`);
  if (!MANUAL_EVENT_TYPES.includes(event.type)) {
    throw new OperationRefused(`event ${JSON.stringify(eventId)} is a ${event.type} event recorded by git-playbooks; only notes can be deleted`);
  }
  const file = repo.layout.timelineFile(runId);
  const updated = removeEventLine(text, eventId) ?? editYamlText(text, (editor) => editor.delete(['events', indexInText(text, eventId) ?? index]));
  writeFileAtomic(file, updated);
  return event;
}

/**
 * Reads a timeline once for an edit: checked (a broken file is refused with its problems), and its
 * text as it is on disk, byte-order mark included, to write the edit from. A 10,000-event timeline
 * is not parsed twice per note.
 */
function readTimelineForEdit(repo: PlaybooksRepository, runId: string): { text: string; timeline: Timeline } {
  const file = repo.layout.timelineFile(runId);
  const read = readTextFile(file, repo.layout.relative(file));
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  const timeline = requireData(repo.parseTimeline(runId, read.text));
  const text = withoutRepeatedLines(read.text);
  return { text: read.bom ? `\uFEFF${text}` : text, timeline };
}

/** Where the event is in the file itself: readers count a repeated event once, so their index may be off by the copies. */
function indexInText(text: string, eventId: string): number | undefined {
  const parsed = parseYamlFast('timeline.yaml', text);
  if ('problems' in parsed) return undefined;
  const events = (parsed.value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return undefined;
  const index = events.findIndex((event) => (event as { id?: unknown } | null)?.id === eventId);
  return index === -1 ? undefined : index;
}

/** The text without event lines repeated word for word (a union merge's copies), so the next write heals the file. */
function withoutRepeatedLines(text: string): string {
  const seen = new Set<string>();
  const lines = text.split('\n');
  const kept = lines.filter((line) => {
    const event = line.replace(/\r$/, '').trim();
    if (!event.startsWith('- {id: ')) return true;
    if (seen.has(event)) return false;
    seen.add(event);
    return true;
  });
  return kept.length === lines.length ? text : kept.join('\n');
}
