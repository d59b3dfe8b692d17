import { parseDocument } from 'yaml';
import { keepingLineEnds, toYaml } from '../files/yamlEdit';
import { YamlTextEditor } from '../files/yamlTextEditor';
import { isObject, same, type Json, type JsonObject } from './fieldMerge';

const CONFLICT_LINE = /^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)/m;

/** A version of a file as data; undefined when it is not a YAML mapping or still holds conflict markers. */
export function parseForMerge(text: string): JsonObject | undefined {
  const plain = stripBom(text);
  if (CONFLICT_LINE.test(plain)) return undefined;
  const document = parseDocument(plain, { uniqueKeys: true, version: '1.2', schema: 'core' });
  if (document.errors.length > 0) return undefined;
  try {
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text whose data is `target`, edited from the first of `bases` that can be edited into it: only
 * the values that differ change, so comments, key order and untouched lines survive. Every result
 * is read back and compared; when no base works, the data is written plainly.
 */
export function reconcileYamlText(bases: readonly string[], target: JsonObject): string {
  for (const basis of bases) {
    const bom = basis.startsWith('\uFEFF') ? '\uFEFF' : '';
    const plain = stripBom(basis);
    if (parseForMerge(plain) === undefined) continue;
    try {
      const text = keepingLineEnds(plain, (lf) => {
        const editor = new YamlTextEditor(lf);
        reconcileMap(editor, [], parseForMerge(lf) ?? {}, target);
        return editor.toString();
      });
      if (same(parseForMerge(text), target)) return `${bom}${text}`;
    } catch {
      // This base cannot be edited into the target (an odd layout); try the next.
    }
  }
  return toYaml(target);
}

type Path = Array<string | number>;

function reconcileMap(editor: YamlTextEditor, path: Path, current: JsonObject, target: JsonObject): void {
  for (const key of Object.keys(current)) if (!(key in target)) editor.delete([...path, key]);
  let previous: string | undefined;
  for (const [key, value] of Object.entries(target)) {
    if (key in current) reconcileValue(editor, [...path, key], current[key], value);
    else insert(editor, [...path, key], value, previous);
    previous = key;
  }
}

function reconcileValue(editor: YamlTextEditor, path: Path, current: Json, target: Json): void {
  if (same(current, target)) return;
  if (isObject(current) && isObject(target)) return reconcileMap(editor, path, current, target);
  if (Array.isArray(current) && Array.isArray(target) && current.length === target.length && target.every(isObject) && current.every(isObject)) {
    target.forEach((item, index) => reconcileMap(editor, [...path, index], current[index] as JsonObject, item as JsonObject));
    return;
  }
  // Items added at the end (actions both branches added): the others edited in place, the new ones appended.
  if (Array.isArray(current) && Array.isArray(target) && current.length > 0 && target.length > current.length && target.every(isObject) && current.every(isObject)) {
    current.forEach((item, index) => reconcileMap(editor, [...path, index], item as JsonObject, target[index] as JsonObject));
    for (const item of target.slice(current.length)) editor.append(path, item as JsonObject);
    return;
  }
  if (isSimple(target)) editor.set(path, target);
  else editor.setBlock(path, target);
}

function insert(editor: YamlTextEditor, path: Path, value: Json, after: string | undefined): void {
  const options = after === undefined ? {} : { after };
  if (isSimple(value)) editor.set(path, value, options);
  else editor.setBlock(path, value, options);
}

type Simple = string | number | boolean | null | string[];

function isSimple(value: Json): value is Simple {
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => typeof item === 'string');
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
