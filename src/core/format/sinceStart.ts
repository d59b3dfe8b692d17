/**
 * Time since a run's start, the one wording of the CLI, the sidebar, the run page and the exports.
 * Pure (the run page's bundle imports it). To the minute, rounded toward the start: seconds are noise
 * in an incident timeline, and an event 59 s in is still "+0m", never "+1m".
 */
import { formatDuration } from '../util/duration';

const MINUTE = 60_000;

/**
 * `+2h 10m`, `+0m`, `-8m` (an event backdated before the start). `sign: 'negative'` drops the `+`
 * (CSV, where a leading `+` would read as a formula). Empty when a time could not be parsed (NaN).
 */
export function formatSinceStart(ms: number, sign: 'always' | 'negative' = 'always'): string {
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.trunc(ms / MINUTE);
  const text = formatDuration(Math.abs(minutes) * MINUTE);
  if (minutes < 0) return `-${text}`;
  return sign === 'always' ? `+${text}` : text;
}

/** From two ISO times: the offset of `atIso` from `startIso` (empty when either is not a time). */
export function formatSinceStartAt(startIso: string, atIso: string): string {
  return formatSinceStart(Date.parse(atIso) - Date.parse(startIso));
}

/** In words, as Mattermost says it: `+2h 10m after start`, `8m before start`, `at start`. */
export function sinceStartWords(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (Math.trunc(ms / MINUTE) === 0) return 'at start';
  return ms > 0 ? `${formatSinceStart(ms)} after start` : `${formatSinceStart(-ms, 'negative')} before start`;
}
