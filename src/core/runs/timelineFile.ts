import { randomBytes } from 'node:crypto';
import { API_VERSION, type TimelineEvent } from '../model/types';

/**
 * timeline.yaml keeps one event per line, appended at the end. With `merge=union` in .gitattributes
 * (written by `init`) two branches that both add events merge with plain `git merge`: git keeps the
 * lines of both sides. Readers sort by `at`, so the order in the file does not matter.
 */
const EVENT_KEYS: ReadonlyArray<keyof TimelineEvent> = ['id', 'at', 'type', 'actor', 'summary', 'details', 'link', 'data'];

export function renderTimelineHeader(runName: string): string {
  return [
    `# Timeline of "${oneLine(runName)}". One event per line; git merges lines added on two branches (merge=union).`,
    `apiVersion: ${API_VERSION}`,
    'kind: Timeline',
    'events:',
    '',
  ].join('\n');
}

/** One event as a single YAML line (a flow mapping with JSON-quoted strings, which YAML reads as-is). */
export function renderEventLine(event: TimelineEvent): string {
  const fields: string[] = [];
  for (const key of EVENT_KEYS) {
    const value = event[key];
    if (value === undefined) continue;
    fields.push(`${key}: ${key === 'type' ? String(value) : JSON.stringify(value)}`);
  }
  return `  - {${fields.join(', ')}}`;
}

/**
 * Text of the file with the event appended, touching no other line. The new line ends like the
 * file's lines do: a CRLF file (Windows editors, core.autocrlf) stays CRLF, not mixed.
 */
export function appendEventText(text: string, event: TimelineEvent): string {
  const lineEnd = text.includes('\r\n') ? '\r\n' : '\n';
  let base = text.endsWith('\n') ? text : `${text}${lineEnd}`;
  // An emptied list is written `events: []` by hand; reopen it as a block so lines can be appended.
  base = base.replace(/^events:[ \t]*\[\][ \t]*(?=\r?$)/m, 'events:');
  return `${base}${renderEventLine(event)}${lineEnd}`;
}

/** Removes the line of one event; undefined when the event is not on a line of its own. */
export function removeEventLine(text: string, eventId: string): string | undefined {
  const lines = text.split('\n');
  const marker = `{id: ${JSON.stringify(eventId)},`;
  const index = lines.findIndex((line) => line.trimStart().startsWith(`- ${marker}`));
  if (index === -1) return undefined;
  lines.splice(index, 1);
  return lines.join('\n');
}

/** Event ids sort by creation time and carry randomness, so two branches never pick the same one. */
export function newEventId(now: Date): string {
  return `e${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function sortEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.index - b.index)
    .map(({ event }) => event);
}

/** The name in a comment, where YAML has no escapes: control characters (NUL among them) become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/"/g, "'");
}
