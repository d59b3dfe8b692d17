import type { Point, Position } from 'unist';
import type { FileMessage } from './blameSearch';

/** How far (in characters) a phrase may lie after where mdast-util-to-nlcst placed it. */
const MAX_DRIFT = 500;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Puts messages back on the exact characters of the Markdown. mdast-util-to-nlcst counts positions
 * through a text node's value, which lacks what Markdown strips from it (the indentation of a list
 * item's or a paragraph's next line, the `>` of a quote, backslash escapes), so a phrase after such a
 * line starts a few characters early. The phrase's words are found again in the source from there.
 */
export class SourcePlaces {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly source: string) {
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
  }

  point(offset: number): Point {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1, offset };
  }

  /** The span of `phrase` (its words, whatever lies between them: spaces, line breaks, `>`) at or after `from`. */
  locate(phrase: string, from: number): Position | undefined {
    const words = phrase.split(/\s+/).filter((word) => word !== '');
    if (words.length === 0) return undefined;
    const pattern = new RegExp(words.map(escapeRegExp).join('[\\s>]+'), 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(this.source);
    if (!match || match.index - from > MAX_DRIFT) return undefined;
    return { start: this.point(match.index), end: this.point(match.index + match[0].length) };
  }

  /** Moves `message` onto its phrase (`message.actual`) when the two disagree. */
  relocate(message: FileMessage): void {
    const place = message.place && 'start' in message.place ? message.place : undefined;
    const from = place?.start.offset;
    if (!place || from === undefined || message.actual === undefined) return;
    const exact = this.locate(message.actual, from);
    if (!exact || (exact.start.offset === from && exact.end.offset === place.end.offset)) return;
    message.place = exact;
    message.line = exact.start.line;
    message.column = exact.start.column;
  }
}
