/** Longest subject line; longer ones are cut and end with "…" (conventional 72-column limit). */
export const MAX_SUBJECT_LENGTH = 72;

// git's trailer parser wants a token without spaces or colons before ": ".
const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** git cannot pass a NUL in an argument, and other control characters garble a log: they become U+FFFD. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text); // code points, so an emoji is never cut in half
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * Builds a commit message:
 *
 *     subject (one line, at most 72 characters)
 *
 *     body (optional, as given)
 *
 *     Key: value
 *     Other-Key: value
 *
 * Trailers are last so `git interpret-trailers` / `git log --format=%(trailers)`
 * find them. Values are put on one line (newlines become spaces) because a
 * newline would end the trailer; keys must be a single token like "Playbook-Run". A key may
 * repeat when the trailers are given as pairs.
 */
export function buildCommitMessage(
  subject: string,
  body: string | undefined,
  trailers: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>,
): string {
  const line = truncate(oneLine(printable(subject)), MAX_SUBJECT_LENGTH);
  if (line === '') throw new RangeError('A commit message needs a non-empty subject.');

  const parts = [line];
  const text = printable((body ?? '').replace(/\r\n?/g, '\n')).replace(/^\s*\n/, '').trimEnd();
  if (text !== '') parts.push(text);

  // Pairs, when a key repeats (sync names every run it commits in its own Playbook-Run trailer).
  const pairs: ReadonlyArray<readonly [string, string]> = Array.isArray(trailers) ? trailers : Object.entries(trailers);
  const trailerLines = pairs.map(([key, value]) => {
    if (!TRAILER_KEY.test(key)) throw new RangeError(`"${key}" is not a valid commit trailer key.`);
    const flat = oneLine(printable(value));
    if (flat === '') throw new RangeError(`The commit trailer "${key}" has an empty value.`);
    return `${key}: ${flat}`;
  });
  if (trailerLines.length > 0) parts.push(trailerLines.join('\n'));

  return parts.join('\n\n');
}
