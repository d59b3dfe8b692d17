/**
 * Text-level helpers of the playbook form's edits: the smallest replacement between two texts (so an
 * editor's undo step and a diff touch only what changed), and keeping a person's own formatting on
 * the lines an edit did not reach.
 */

export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/** The span of `oldText` to replace with `text` to get `newText` (common prefix and suffix kept). */
export function minimalReplacement(oldText: string, newText: string): TextReplacement {
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix += 1;
  // Never split a surrogate pair or a CRLF between kept and replaced text.
  if (prefix > 0 && (isHighSurrogate(oldText.charCodeAt(prefix - 1)) || (oldText[prefix - 1] === '\r' && oldText[prefix] === '\n'))) prefix -= 1;
  let suffix = 0;
  while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix += 1;
  const boundary = oldText.length - suffix;
  if (suffix > 0 && (isLowSurrogate(oldText.charCodeAt(boundary)) || (oldText[boundary] === '\n' && oldText[boundary - 1] === '\r'))) suffix -= 1;
  return { start: prefix, end: oldText.length - suffix, text: newText.slice(prefix, newText.length - suffix) };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Above this many line pairs the alignment is not attempted (the canonical text is used instead). */
const MAX_ALIGNMENT_CELLS = 4_000_000;

/**
 * `yaml` re-prints a whole document in its own layout (one space before `#`, one blank line at most,
 * two-space indents). Given the person's `original`, its re-printed form `before` and the re-printed
 * edited document `after`, returns `original` with only the edited lines replaced, so a hand-formatted
 * line elsewhere stays byte for byte. Returns undefined when the lines cannot be lined up.
 */
export function spliceIntoOriginal(original: string, before: string, after: string): string | undefined {
  const o = original.split('\n');
  const b = before.split('\n');
  const a = after.split('\n');
  let head = 0;
  while (head < b.length && head < a.length && b[head] === a[head]) head += 1;
  let tail = 0;
  while (tail < b.length - head && tail < a.length - head && b[b.length - 1 - tail] === a[a.length - 1 - tail]) tail += 1;
  const match = alignLines(o, b);
  if (!match) return undefined;
  // A boundary between two lines of `before` has a place in `original` when a line beside it is paired;
  // widen the edited region until both of its boundaries have one.
  const keptHead = (line: number): number | undefined =>
    line === 0 ? 0 : match[line] ?? (match[line - 1] === undefined ? undefined : (match[line - 1] as number) + 1);
  const keptTail = (line: number): number | undefined =>
    line === b.length ? o.length : match[line - 1] === undefined ? match[line] : (match[line - 1] as number) + 1;
  while (keptHead(head) === undefined) head -= 1;
  while (keptTail(b.length - tail) === undefined) tail -= 1;
  const to = keptTail(b.length - tail) as number;
  // Lines only the original has, between two paired lines, are kept once (after the new lines).
  const from = Math.min(keptHead(head) as number, to);
  return [...o.slice(0, from), ...a.slice(head, a.length - tail), ...o.slice(to)].join('\n');
}

/** For each line of `b`, the index of the equal line of `a` it is paired with (longest common subsequence). */
function alignLines(a: string[], b: string[]): Array<number | undefined> | undefined {
  const match: Array<number | undefined> = new Array<number | undefined>(b.length).fill(undefined);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start += 1;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
    match[endB] = endA;
  }
  const rows = endA - start;
  const cols = endB - start;
  if (rows * cols > MAX_ALIGNMENT_CELLS) return undefined;
  // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB), flattened.
  const width = cols + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = cols - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[start + i] === b[start + j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (a[start + i] === b[start + j]) {
      match[start + j] = start + i;
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return match;
}
