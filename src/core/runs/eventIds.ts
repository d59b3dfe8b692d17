import { OperationRefused } from './operationContext';

/** Shorter prefixes would be unique in small timelines only by luck of the clock; git's default is 7 too. */
const MIN_PREFIX = 7;

/**
 * The shortest length, at least 7, at which every id's prefix is unique in the timeline: what the
 * timeline table shows and delete-event accepts. One length for all keeps the column aligned.
 */
export function eventIdPrefixLength(ids: readonly string[]): number {
  const longest = Math.max(MIN_PREFIX, ...ids.map((id) => id.length));
  const distinct = new Set(ids).size;
  for (let length = MIN_PREFIX; length < longest; length += 1) {
    if (new Set(ids.map((id) => id.slice(0, length))).size === distinct) return length;
  }
  return longest;
}

/** The one id that is `reference` or starts with it; refused when none or several do. */
export function resolveEventId(ids: readonly string[], reference: string, runId: string): string {
  const wanted = reference.trim();
  if (ids.includes(wanted)) return wanted;
  const matches = wanted === '' ? [] : [...new Set(ids.filter((id) => id.startsWith(wanted)))];
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length === 0) throw new OperationRefused(`run "${runId}" has no event ${JSON.stringify(reference)}`, { kind: 'action', action: 'listEventIds', runId });
  throw new OperationRefused(`${JSON.stringify(reference)} starts ${matches.length} event ids (${matches.join(', ')}); give more of the id`);
}
