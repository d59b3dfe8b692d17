import MarkdownIt from 'markdown-it';

/** Markdown pieces shared by the export and the timeline table a retrospective gets. */

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Plain text in a table cell: a pipe would end the cell and a newline the table (backslashes first, so
 * a user's `\|` cannot undo ours); `&` and `<` are escaped so viewers that render HTML show the text instead.
 */
export function escapeTableCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n?|\n/g, '<br>');
}

/** Plain text on one line outside tables (headings, list items). */
export function inlineText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\s*[\r\n]+\s*/g, ' ');
}

export function codeText(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}

const blockParser = new MarkdownIt({ html: false });
const htmlParser = new MarkdownIt({ html: true });

/**
 * User Markdown with its raw HTML turned into text: `<` outside code becomes `\<`, which every renderer
 * shows as `<` and none reads as a tag, so an `<svg onload=…>` cannot run wherever the export is viewed
 * with HTML on. Formatting, code and web autolinks (`<https://…>`) stay as written.
 */
export function neutralizeHtml(markdown: string): string {
  const careful = escapeLines(markdown, true);
  // Code spans are found by a scan, not the renderer; should the two ever disagree, escape inside them too.
  return hasRawHtml(careful) ? escapeLines(markdown, false) : careful;
}

function escapeLines(markdown: string, keepCodeSpans: boolean): string {
  const lines = markdown.split('\n');
  const codeLines = new Set<number>();
  const paragraphEnds = new Map<number, number>();
  for (const token of blockParser.parse(markdown, {})) {
    if (!token.map) continue;
    const [start, end] = token.map;
    if (token.type === 'fence' || token.type === 'code_block') for (let line = start; line < end; line++) codeLines.add(line);
    else if (token.type === 'inline') paragraphEnds.set(start, Math.max(end, paragraphEnds.get(start) ?? end));
  }
  const out: string[] = [];
  for (let line = 0; line < lines.length; ) {
    if (codeLines.has(line)) {
      out.push(lines[line] ?? '');
      line += 1;
      continue;
    }
    // A code span may run over the lines of one paragraph, never further.
    const end = Math.min(paragraphEnds.get(line) ?? line + 1, lines.length);
    const plain = Array.from({ length: end - line }, (_, index) => line + index).every((index) => !codeLines.has(index));
    const last = plain ? end : line + 1;
    out.push(escapeText(lines.slice(line, last).join('\n'), keepCodeSpans));
    line = last;
  }
  return out.join('\n');
}

const BACKTICKS = /`+/y;
const ANY_BACKTICKS = /`+/g;
const WEB_AUTOLINK = /<(?:https?|mailto):[^\s<>]*>/y;

function escapeText(text: string, keepCodeSpans: boolean): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\\') {
      // Already escaped (`\<`, `\``): keep the pair.
      out += text.slice(index, index + 2);
      index += 2;
    } else if (char === '`') {
      BACKTICKS.lastIndex = index;
      const opening = BACKTICKS.exec(text)?.[0] ?? '`';
      const close = keepCodeSpans ? closingBackticks(text, index + opening.length, opening.length) : -1;
      const next = close === -1 ? index + opening.length : close + opening.length;
      out += text.slice(index, next);
      index = next;
    } else if (char === '<') {
      WEB_AUTOLINK.lastIndex = index;
      const link = WEB_AUTOLINK.exec(text)?.[0];
      out += link ?? '\\<';
      index += link?.length ?? 1;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

/** Where a code span opened by `length` backticks ends: the next run of exactly that many, or -1. */
function closingBackticks(text: string, from: number, length: number): number {
  ANY_BACKTICKS.lastIndex = from;
  for (let match = ANY_BACKTICKS.exec(text); match; match = ANY_BACKTICKS.exec(text)) {
    if (match[0].length === length) return match.index;
  }
  return -1;
}

function hasRawHtml(markdown: string): boolean {
  return htmlParser.parse(markdown, {}).some((token) => token.type === 'html_block' || (token.children ?? []).some((child) => child.type === 'html_inline'));
}
