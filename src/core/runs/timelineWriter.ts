import * as fs from 'node:fs';
import type { TimelineEvent } from '../model/types';
import { MANUAL_EVENT_TYPES } from '../model/types';
import { writeFileAtomic } from '../files/atomicWrite';
import { editYamlText } from '../files/yamlEdit';
import { requireData, type PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused, toIso, type OperationContext } from './operationContext';
import { appendEventText, newEventId, removeEventLine, renderTimelineHeader } from './timelineFile';

export type NewEvent = Omit<TimelineEvent, 'id' | 'at' | 'actor'> & { at?: string; actor?: string };

/** Appends one event to a run's timeline (the caller holds the run lock). */
export function appendEvent(repo: PlaybooksRepository, runId: string, context: OperationContext, event: NewEvent): TimelineEvent {
  const now = context.now();
  const full: TimelineEvent = {
    id: newEventId(now),
    at: event.at ?? toIso(now),
    type: event.type,
    actor: event.actor ?? context.actor,
    summary: event.summary,
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(event.link !== undefined ? { link: event.link } : {}),
    ...(event.data !== undefined ? { data: event.data } : {}),
  };
  const file = repo.layout.timelineFile(runId);
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : renderTimelineHeader(runId);
  if (fs.existsSync(file)) requireData(repo.readTimeline(runId));
  writeFileAtomic(file, appendEventText(text, full));
  return full;
}

/** Deletes a manual event; automatic ones are the record of what happened and stay. */
export function deleteEvent(repo: PlaybooksRepository, runId: string, eventId: string): TimelineEvent {
  const timeline = repo.requireTimeline(runId);
  const index = timeline.events.findIndex((event) => event.id === eventId);
  const event = timeline.events[index];
  if (!event) throw new OperationRefused(`run "${runId}" has no event "${eventId}"`);
  if (!MANUAL_EVENT_TYPES.includes(event.type)) {
    throw new OperationRefused(`event "${eventId}" is a ${event.type} event recorded by git-playbooks; only notes can be deleted`);
  }
  const file = repo.layout.timelineFile(runId);
  const text = fs.readFileSync(file, 'utf8');
  const updated = removeEventLine(text, eventId) ?? editYamlText(text, (editor) => editor.delete(['events', index]));
  writeFileAtomic(file, updated);
  return event;
}
