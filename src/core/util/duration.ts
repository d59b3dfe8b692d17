/**
 * Durations are written by people in three forms (all accepted everywhere):
 * `1h30m` / `2d 4h` (compact), `PT1H30M` / `P1DT2H` (ISO 8601) and `dd:hh:mm` (Mattermost's metric format).
 * Files store the compact form because it reads best in a diff.
 */

const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
type Unit = keyof typeof UNIT_MS;

const COMPACT = /^(?:(\d+)\s*w\s*)?(?:(\d+)\s*d\s*)?(?:(\d+)\s*h\s*)?(?:(\d+)\s*m\s*)?(?:(\d+)\s*s)?$/i;
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const COLON = /^(\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Pattern used in JSON Schemas for any duration field; keep in step with {@link parseDuration}. */
export const DURATION_PATTERN =
  '^(?:(?:\\d+\\s*[wdhms]\\s*)+|P(?:\\d+W)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?|\\d{1,2}:\\d{1,2}:\\d{1,2}|0)$';

/** Parses a duration to milliseconds, or returns undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  const colon = COLON.exec(value);
  if (colon) {
    const [, days, hours, minutes] = colon.map(Number) as [number, number, number, number];
    if (hours > 23 || minutes > 59) return undefined;
    return days * UNIT_MS.d + hours * UNIT_MS.h + minutes * UNIT_MS.m;
  }
  const iso = ISO.exec(value);
  if (iso && value.length > 1 && !/T$/i.test(value)) {
    const [, w, d, h, m, s] = iso;
    return sum([w, d, h, m], ['w', 'd', 'h', 'm']) + Math.round(Number(s ?? 0) * 1000);
  }
  const compact = COMPACT.exec(value);
  if (compact && value !== '') {
    const [, w, d, h, m, s] = compact;
    return sum([w, d, h, m, s], ['w', 'd', 'h', 'm', 's']);
  }
  return undefined;
}

function sum(parts: Array<string | undefined>, units: Unit[]): number {
  return parts.reduce((total, part, index) => total + Number(part ?? 0) * UNIT_MS[units[index] as Unit], 0);
}

/** Formats milliseconds in the compact form (`1d 2h 30m`); seconds are kept only when present. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms) / 1000) * 1000;
  if (rest === 0) return '0m';
  const parts: string[] = [];
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * UNIT_MS[unit];
  }
  return sign + parts.join(' ');
}

/** `dd:hh:mm`, the form Mattermost shows metric durations in. */
export function formatDurationColon(ms: number): string {
  const minutes = Math.round(ms / UNIT_MS.m);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 1440))}:${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}`;
}
