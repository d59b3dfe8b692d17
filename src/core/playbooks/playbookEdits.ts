/**
 * The playbook form's edits, applied to the YAML text with `yaml`'s Document API so that a person's
 * comments, key order and quoting survive (a comment above a checklist item travels with the item
 * when it is reordered). Lines no edit reached keep their exact bytes (see spliceIntoOriginal).
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Pair, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { OperationRefused } from '../model/errors';
import { MAX_FILE_BYTES } from '../files/textChecks';
import { YAML_OPTIONS } from '../files/yamlEdit';
import { validateAgainstSchema } from '../validation/schemaValidator';
import type { DocPath, JsonValue, PlaybookEdit } from './playbookEditTypes';
import { spliceIntoOriginal } from './playbookEditsText';

export { minimalReplacement, type TextReplacement } from './playbookEditsText';

const PRINT_OPTIONS = { ...YAML_OPTIONS, flowCollectionPadding: false } as const;

/** The fields the form may change; `apiVersion` and `kind` are not among them. */
export const EDITABLE_FIELDS = ['title', 'description', 'checklists', 'statusUpdates', 'retrospective', 'metrics'] as const;

/** Where a new key goes, per kind of mapping (the order of docs/format.md and the templates). */
const KEY_ORDER: Record<string, readonly string[]> = {
  '': ['apiVersion', 'kind', ...EDITABLE_FIELDS],
  'checklists.#': ['title', 'items'],
  'checklists.#.items.#': ['title', 'description', 'assignee', 'due', 'command', 'link'],
  statusUpdates: ['enabled', 'reminder', 'template'],
  retrospective: ['enabled', 'reminder', 'template', 'templateFile', 'requiredSections'],
  'metrics.#': ['id', 'title', 'description', 'type', 'target', 'unit', 'decimals', 'retired'],
};
const KNOWN_KEYS = new Set(Object.values(KEY_ORDER).flat());

/**
 * Applies the edits in order and returns the new text. Refuses (OperationRefused, nothing applied)
 * a path outside the playbook's fields, an index that does not exist, or a result the playbook schema
 * rejects where the original was fine.
 */
export function applyPlaybookEdits(text: string, edits: readonly PlaybookEdit[]): string {
  const crlf = text.includes('\r\n');
  const original = crlf ? text.replace(/\r\n/g, '\n') : text;
  const document = parseDocument(original, { uniqueKeys: true });
  if (document.errors.length > 0) throw new OperationRefused(`The playbook's YAML cannot be read (${document.errors[0]?.message ?? 'syntax error'}); fix it in the text editor first.`);
  if (!isMap(document.contents)) throw new OperationRefused('The playbook file is not a YAML mapping; fix it in the text editor first.');
  const printedBefore = document.toString(PRINT_OPTIONS);
  const problemsBefore = new Set(schemaProblems(document));
  for (const edit of edits) applyEdit(document, edit);
  const introduced = schemaProblems(document).filter((problem) => !problemsBefore.has(problem));
  if (introduced.length > 0) throw new OperationRefused(`That change would make the playbook invalid: ${introduced.join('; ')}`);
  const printed = document.toString(PRINT_OPTIONS);
  const result = printedBefore === original ? printed : keepOriginalLines(original, printedBefore, printed);
  if (result.length > MAX_FILE_BYTES) throw new OperationRefused('That change would make the playbook file larger than 5 MB.');
  return crlf ? result.replace(/\n/g, '\r\n') : result;
}

function keepOriginalLines(original: string, printedBefore: string, printed: string): string {
  const spliced = spliceIntoOriginal(original, printedBefore, printed);
  // Accept the splice only if it is the same document as the re-printed one (values and comments).
  if (spliced !== undefined && parseDocument(spliced).toString(PRINT_OPTIONS) === printed) return spliced;
  return printed;
}

function schemaProblems(document: Document): string[] {
  return validateAgainstSchema('Playbook', document.toJS()).map((problem) => `${problem.path.join('.') || 'document'}: ${problem.message}`);
}

function applyEdit(document: Document, edit: PlaybookEdit): void {
  checkPath(edit.path);
  switch (edit.op) {
    case 'set':
      return setValue(document, edit.path, edit.value);
    case 'delete':
      return deleteValue(document, edit.path);
    case 'insert':
      return insertItem(document, edit.path, edit.index, edit.value);
    case 'move':
      return moveItem(document, edit.path, edit.from, edit.to);
  }
}

function checkPath(path: DocPath): void {
  const [field] = path;
  if (typeof field !== 'string' || !(EDITABLE_FIELDS as readonly string[]).includes(field)) {
    throw new OperationRefused(`The form may only change ${EDITABLE_FIELDS.join(', ')}; refused a change to "${String(field)}".`);
  }
  const unknown = path.find((part) => typeof part === 'string' && !KNOWN_KEYS.has(part));
  if (unknown !== undefined) throw new OperationRefused(`"${String(unknown)}" is not a playbook field.`);
}

const describe = (path: DocPath): string => path.join('.');

function setValue(document: Document, path: DocPath, value: JsonValue): void {
  const key = path[path.length - 1] as string | number;
  const parent = collectionAt(document, path.slice(0, -1), true);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => keyOf(item) === key);
    if (pair) pair.value = updatedNode(document, pair.value, value, path);
    else addPair(parent, document.createPair(key, newNode(document, value, path)), path.slice(0, -1));
  } else if (isSeq(parent) && typeof key === 'number' && key < parent.items.length) {
    parent.items[key] = updatedNode(document, parent.items[key], value, path);
  } else {
    throw new OperationRefused(`Cannot set ${describe(path)}: there is no such place in the playbook.`);
  }
}

function deleteValue(document: Document, path: DocPath): void {
  const parent = collectionAt(document, path.slice(0, -1), false);
  const key = path[path.length - 1];
  if (isMap(parent) || (isSeq(parent) && typeof key === 'number' && key < parent.items.length)) parent.delete(key);
}

function insertItem(document: Document, path: DocPath, index: number, value: JsonValue): void {
  const existing: unknown = document.getIn(path, true);
  if (existing === undefined || (isScalar(existing) && existing.value === null)) {
    if (index !== 0) throw new OperationRefused(`Cannot insert at ${describe(path)}.${index}: the list is empty.`);
    setValue(document, path, [value]);
    return;
  }
  if (!isSeq(existing)) throw new OperationRefused(`Cannot insert into ${describe(path)}: it is not a list.`);
  if (index > existing.items.length) throw new OperationRefused(`Cannot insert at ${describe(path)}.${index}: the list has ${existing.items.length} entries.`);
  // `items: []` written by hand becomes a block list once it has an entry.
  if (existing.flow && existing.items.length === 0) existing.flow = false;
  existing.items.splice(index, 0, newNode(document, value, [...path, index]));
}

function moveItem(document: Document, path: DocPath, from: number, to: number): void {
  const seq: unknown = document.getIn(path, true);
  if (!isSeq(seq) || from >= seq.items.length || to >= seq.items.length) throw new OperationRefused(`Cannot move ${describe(path)}.${from} to ${to}: no such entry.`);
  if (from === to) return;
  const items = seq.items as YamlNode[];
  // A comment above the first item is parsed as the list's; it belongs to that item when it moves.
  const first = items[0];
  if ((from === 0 || to === 0) && seq.commentBefore && first) {
    first.commentBefore = joinComments(seq.commentBefore, first.commentBefore);
    seq.commentBefore = undefined;
  }
  // Blank lines between entries belong to the positions, not to the entries.
  const spacing = items.map((item) => item.spaceBefore);
  const [moved] = items.splice(from, 1);
  if (moved) items.splice(to, 0, moved);
  items.forEach((item, index) => (item.spaceBefore = spacing[index]));
}

/** The collection at `path`; with `create`, missing mappings on the way are added (never list entries). */
function collectionAt(document: Document, path: DocPath, create: boolean): YAMLMap | YAMLSeq | undefined {
  let node: unknown = document.contents;
  for (let depth = 0; depth < path.length; depth += 1) {
    const key = path[depth] as string | number;
    let child: unknown = isMap(node) || isSeq(node) ? node.get(key, true) : undefined;
    const empty = child === undefined || (isScalar(child) && child.value === null);
    if (empty && create && isMap(node) && typeof key === 'string') {
      const map = document.createNode({}) as YAMLMap;
      const pair = node.items.find((item) => keyOf(item) === key);
      if (pair) pair.value = map;
      else addPair(node, document.createPair(key, map), path.slice(0, depth));
      child = map;
    }
    if (!isMap(child) && !isSeq(child)) return undefined;
    node = child;
  }
  return isMap(node) || isSeq(node) ? node : undefined;
}

/** Adds a key where the format's order puts it, before the first known key that comes after it. */
function addPair(map: YAMLMap, pair: Pair, mapPath: DocPath): void {
  const order = KEY_ORDER[shapeOf(mapPath)] ?? [];
  const rank = order.indexOf(String(keyOf(pair)));
  const before = rank < 0 ? -1 : map.items.findIndex((item) => order.indexOf(String(keyOf(item))) > rank);
  if (before < 0) map.items.push(pair);
  else map.items.splice(before, 0, pair);
}

/** `checklists.#.items.#` for `checklists.2.items.0`: the key of KEY_ORDER. */
function shapeOf(path: DocPath): string {
  return path.map((part) => (typeof part === 'number' ? '#' : part)).join('.');
}

function inFormatOrder(value: JsonValue, shape: string): JsonValue {
  const child = (key: string): string => (shape === '' ? key : `${shape}.${key}`);
  if (Array.isArray(value)) return value.map((item) => inFormatOrder(item, child('#')));
  if (value === null || typeof value !== 'object') return value;
  const order = KEY_ORDER[shape] ?? [];
  const rank = (key: string): number => (order.includes(key) ? order.indexOf(key) : order.length);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, inFormatOrder(value[key] as JsonValue, child(key))]));
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

/**
 * The node for a new value at `path`: keys in the format's order, multi-line text as a block
 * literal (`|`), readable in a diff.
 */
function newNode(document: Document, value: JsonValue, path: DocPath): YamlNode {
  const node = document.createNode(inFormatOrder(value, shapeOf(path))) as YamlNode;
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
    },
  });
  return node;
}

/** Changes a value in place when it stays a scalar of the same type (keeping its comments and quoting). */
function updatedNode(document: Document, old: unknown, value: JsonValue, path: DocPath): YamlNode {
  if (isScalar(old) && typeof old.value === typeof value && old.value !== null && value !== null && typeof value !== 'object') {
    old.value = value;
    if (typeof value === 'string') {
      const block = old.type === 'BLOCK_LITERAL' || old.type === 'BLOCK_FOLDED';
      if (value.includes('\n')) old.type = 'BLOCK_LITERAL';
      else if (block) old.type = undefined;
    }
    return old;
  }
  const node = newNode(document, value, path);
  if (old && typeof old === 'object' && 'commentBefore' in old) {
    const previous = old as YamlNode;
    node.commentBefore = previous.commentBefore;
    node.comment = previous.comment;
    node.spaceBefore = previous.spaceBefore;
  }
  return node;
}

function joinComments(first: string, second: string | null | undefined): string {
  return second ? `${first}\n${second}` : first;
}
