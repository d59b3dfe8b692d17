import MarkdownIt from 'markdown-it';

/** Markdown pieces shared by the export and the timeline table a retrospective gets. */

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Plain text in a table cell: a pipe would end the cell and a newline the table (backslashes first, so
 * a user's `\|` cannot undo ours); `&` and `<` outside code spans are escaped so viewers that render
 * HTML show the text instead, while `a && b` in backticks still reads as written.
 */
export function escapeTableCell(text: string): string {
  const doubled = text.replace(/\\/g, '\\\\');
  const escapeAll = (plain: string): string => plain.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const careful = doubled.includes('`') ? mapOutsideCodeSpans(doubled, escapeAll) : undefined;
  // Should the scan of code spans and the renderer ever disagree, escape inside them too.
  const safe = careful !== undefined && !hasRawHtml(careful, 'inline') ? careful : escapeAll(doubled);
  return safe.replace(/\|/g, '\\|').replace(/\r\n?|\n/g, '<br>');
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
  return keepCodeSpans ? mapOutsideCodeSpans(text, escapeAngles) : escapeAngles(text);
}

/** `<` as `\<`, except in web autolinks and where a backslash already escapes it. */
function escapeAngles(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\\') {
      out += text.slice(index, index + 2);
      index += 2;
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

/**
 * Applies `escape` to inline Markdown outside its code spans, found as CommonMark does: a run of
 * backticks (not escaped by a backslash) up to the next run of as many; a run without one is text.
 */
function mapOutsideCodeSpans(text: string, escape: (plain: string) => string): string {
  let out = '';
  let plainStart = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
    } else if (char === '`') {
      BACKTICKS.lastIndex = index;
      const opening = BACKTICKS.exec(text)?.[0] ?? '`';
      const close = closingBackticks(text, index + opening.length, opening.length);
      if (close === -1) {
        index += opening.length;
        continue;
      }
      out += escape(text.slice(plainStart, index)) + text.slice(index, close + opening.length);
      index = close + opening.length;
      plainStart = index;
    } else {
      index += 1;
    }
  }
  return out + escape(text.slice(plainStart));
}

/** Where a code span opened by `length` backticks ends: the next run of exactly that many, or -1. */
function closingBackticks(text: string, from: number, length: number): number {
  ANY_BACKTICKS.lastIndex = from;
  for (let match = ANY_BACKTICKS.exec(text); match; match = ANY_BACKTICKS.exec(text)) {
    if (match[0].length === length) return match.index;
  }
  return -1;
}

function hasRawHtml(markdown: string, scope: 'block' | 'inline' = 'block'): boolean {
  const tokens = scope === 'inline' ? htmlParser.parseInline(markdown, {}) : htmlParser.parse(markdown, {});
  return tokens.some((token) => token.type === 'html_block' || (token.children ?? []).some((child) => child.type === 'html_inline'));
}
