import type { Document } from 'yaml';
import { parseYamlFast, parseYamlPrecise, rangeAt } from '../files/yamlText';

/** 1-based, as ReviewFinding counts. */
export interface Position {
  line: number;
  column: number;
}

/** A YAML text parsed once for its data and the places of its nodes (the checks point at keys and events). */
export interface PositionedYaml {
  value: unknown;
  /** Where the node at `path` is (or its key, with atKey); the nearest existing parent when it is absent. */
  at(path: ReadonlyArray<string | number>, atKey?: boolean): Position;
}

/**
 * Undefined when the text is not YAML (validation reports that); lineOffset: lines before the text in
 * its file. Read with the fast parser; the slower one that knows places runs only when a check points
 * at something (most files have nothing to point at).
 */
export function positionedYaml(file: string, text: string, lineOffset = 0): PositionedYaml | undefined {
  const fast = parseYamlFast(file, text);
  if ('problems' in fast) return undefined;
  let document: Document | undefined;
  return {
    value: fast.value,
    at: (path, atKey = false) => {
      const quick = atKey ? blockKeyPosition(text, path) : undefined;
      if (quick !== undefined) return { line: quick.line + lineOffset, column: quick.column };
      document ??= parseYamlPrecise(file, text).document;
      if (document === undefined) return { line: 1 + lineOffset, column: 1 };
      const range = rangeAt(document, text, path, atKey);
      return { line: range.line + lineOffset, column: range.column };
    },
  };
}

/**
 * The key at `path` (one or two plain keys) in block YAML as the tool writes it (`metrics:` then
 * `  cost: null`), found by reading lines: a review of thousands of drafts would otherwise parse each
 * front matter twice. Undefined for anything else (flow style, quoted keys), which the precise parse places.
 */
function blockKeyPosition(text: string, path: ReadonlyArray<string | number>): Position | undefined {
  if (path.length === 0 || path.length > 2 || path.some((segment) => typeof segment !== 'string')) return undefined;
  const [top, child] = path as readonly string[];
  const lines = text.split('\n');
  const isKey = (line: string, indent: number, key: string): boolean => {
    const rest = line.slice(indent);
    return rest.startsWith(`${key}:`) && /^(?:\s|$)/.test(rest.slice(key.length + 1)) && !/^\s/.test(rest);
  };
  const topIndex = lines.findIndex((line) => isKey(line, 0, top ?? ''));
  if (topIndex === -1) return undefined;
  if (child === undefined) return { line: topIndex + 1, column: 1 };
  // Only after a bare `metrics:` (a block mapping follows); `metrics: {…}` is flow style.
  if (lines[topIndex]?.slice((top ?? '').length + 1).replace(/#.*$/, '').trim() !== '') return undefined;
  let indent: number | undefined;
  for (let index = topIndex + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const own = line.length - line.trimStart().length;
    if (own === 0) return undefined; // the next top-level key: not there
    indent ??= own;
    if (own === indent && isKey(line, indent, child)) return { line: index + 1, column: indent + 1 };
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
