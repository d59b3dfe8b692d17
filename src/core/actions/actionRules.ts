import { DURATION_PATTERN, parseDuration } from '../util/duration';

/**
 * The forms of an action's fields, shared by the schema (schemas/retrospective.schema.json, a unit
 * test keeps them equal), the messages that explain them and the deadline arithmetic.
 */

/** `a-` and six lowercase letters or digits. */
export const ACTION_ID_PATTERN = '^a-[a-z0-9]{6}$';

const DATE_OR_DATE_TIME = '\\d{4}-\\d{2}-\\d{2}(?:[Tt]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:[Zz]|[+-]\\d{2}:\\d{2}))?';

/** A date, a date-time with its offset, or a duration after publishing. */
export const ACTION_DUE_PATTERN = `^(?:${DATE_OR_DATE_TIME}|${DURATION_PATTERN.slice(1, -1)})$`;

/** A web address on one line: the tracker issue, the pull request that closed it. */
export const WEB_LINK_PATTERN = '^https?://[^\\s]+$';

export type ParsedDue = { kind: 'date'; at: number } | { kind: 'dateTime'; at: number } | { kind: 'duration'; ms: number };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The schema's pattern, compiled once: the tree asks for every open action's deadline on each render. */
const DUE_FORMS = new RegExp(ACTION_DUE_PATTERN);

/**
 * What a `due` means. A date is due at the end of that day in UTC (23:59:59, to the second as every
 * time stored): an action due "2026-12-24" is overdue after 2026-12-24T23:59:59Z, whoever's clock reads it.
 * Undefined for text that is no due at all, or a date that does not exist (2026-02-30).
 */
export function parseDue(text: string): ParsedDue | undefined {
  const value = text.trim();
  if (!DUE_FORMS.test(value)) return undefined;
  const date = DATE_ONLY.exec(value);
  if (date) {
    if (!validDatePart(value)) return undefined;
    return { kind: 'date', at: Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) + 86_399_000 };
  }
  if (/^\d{4}-/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) || !validDatePart(value) ? undefined : { kind: 'dateTime', at };
  }
  const ms = parseDuration(value);
  return ms === undefined ? undefined : { kind: 'duration', ms };
}

/** Date.parse rolls 2026-02-30 over to March; a due date must name a real day. */
function validDatePart(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}
