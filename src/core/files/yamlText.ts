import { load as loadFast, CORE_SCHEMA, YAMLException } from 'js-yaml';
import { isMap, isSeq, isScalar, isPair, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { positionOf, type Problem } from './problem';

/** Deeper documents are refused: nothing we write nests past ~8 levels. */
export const MAX_DEPTH = 64;
/** Anchors/aliases are rare in our files; with them we parse with `yaml`, which caps alias expansion. */
const MAX_ALIASES = 100;

export type ParseResult = { value: unknown } | { problems: Problem[] };

/**
 * Fast parse for bulk reads (js-yaml, ~8× faster than `yaml`). Both use the YAML 1.2 core schema,
 * so dates stay strings and `yes` stays a string. Falls back to `yaml` when aliases are used,
 * because js-yaml shares aliased nodes and a validator walking an alias bomb would never finish.
 */
export function parseYamlFast(file: string, text: string): ParseResult {
  try {
    const value: unknown = loadFast(text, { schema: CORE_SCHEMA, maxDepth: MAX_DEPTH, filename: file });
    // js-yaml shares an aliased node instead of copying it; only then is the slower, capped parser needed.
    // Without an "&" in the text there is no anchor, so no alias: no need to walk the value.
    return text.includes('&') && hasSharedNodes(value) ? parseYamlPrecise(file, text).result : { value };
  } catch (error) {
    if (error instanceof YAMLException) {
      if (/maxDepth/.test(error.reason)) return { problems: [tooDeep(file)] };
      // An empty (or comments-only) file is a document of nothing: the schema check says what is expected.
      if (/input is empty/.test(error.reason)) return { value: null };
      const line = (error.mark?.line ?? 0) + 1;
      const column = (error.mark?.column ?? 0) + 1;
      return { problems: [{ file, line, column, message: `YAML syntax error: ${error.reason}`, severity: 'error' }] };
    }
    if (error instanceof RangeError) return { problems: [tooDeep(file)] };
    throw error;
  }
}

export interface PreciseYaml {
  result: ParseResult;
  /** Present when the text parsed: the document with node ranges, for positions and comment-preserving edits. */
  document?: Document;
}

/** Parse with the `yaml` Document API: slower, but keeps comments, order and source ranges. */
export function parseYamlPrecise(file: string, text: string): PreciseYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' });
  const first = document.errors[0];
  if (first) {
    const start = first.pos[0];
    const { line, column } = positionOf(text, start);
    return { result: { problems: [{ file, line, column, message: `YAML syntax error: ${cleanYamlMessage(first.message)}`, severity: 'error' }] } };
  }
  if (depthOf(document.contents as YamlNode | null) > MAX_DEPTH) return { result: { problems: [tooDeep(file)] } };
  try {
    return { result: { value: document.toJS({ maxAliasCount: MAX_ALIASES }) }, document };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /alias/i.test(message)
      ? `too many alias expansions (over ${MAX_ALIASES}); the file looks like an alias bomb and was not read`
      : message;
    return { result: { problems: [{ file, line: 1, column: 1, message: reason, severity: 'error' }] } };
  }
}

/** True when some object or array is reachable twice (an alias); linear, as revisits stop the walk. */
function hasSharedNodes(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

function tooDeep(file: string): Problem {
  return { file, line: 1, column: 1, message: `document nests deeper than ${MAX_DEPTH} levels and was not read`, severity: 'error' };
}

function cleanYamlMessage(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

function depthOf(node: YamlNode | null, depth = 0): number {
  if (depth > MAX_DEPTH) return depth;
  if (isMap(node) || isSeq(node)) {
    let deepest = depth + 1;
    for (const item of node.items) {
      const child = (isPair(item) ? item.value : item) as YamlNode | null;
      deepest = Math.max(deepest, depthOf(child, depth + 1));
      if (deepest > MAX_DEPTH) break;
    }
    return deepest;
  }
  return depth;
}

/** Range of the node at `path` (or of its key when `key` is set), 1-based, for a problem. */
export function rangeAt(
  document: Document,
  text: string,
  path: ReadonlyArray<string | number>,
  key = false,
): { line: number; column: number; endLine: number; endColumn: number } {
  let node: unknown = document.contents;
  let keyNode: unknown;
  let last: unknown = node;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      keyNode = undefined;
    } else {
      break;
    }
    if (node == null) break;
    last = node;
  }
  const target = (key && keyNode) || (node != null ? node : keyNode ?? last);
  const range = (target as { range?: [number, number, number] } | undefined)?.range;
  const [start, end] = range ?? [0, 0];
  const from = positionOf(text, start);
  const to = positionOf(text, Math.max(end, start));
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
