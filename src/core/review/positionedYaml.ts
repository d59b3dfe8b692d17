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
      document ??= parseYamlPrecise(file, text).document;
      if (document === undefined) return { line: 1 + lineOffset, column: 1 };
      const range = rangeAt(document, text, path, atKey);
      return { line: range.line + lineOffset, column: range.column };
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
