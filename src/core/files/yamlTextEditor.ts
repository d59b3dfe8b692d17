import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';

type Path = ReadonlyArray<string | number>;
type Value = string | number | boolean | null | string[];

/**
 * Edits YAML text in place, changing only the characters of the values it sets: every other
 * byte — comments, quoting, blank lines, flow or block style — stays as the person wrote it.
 * (`yaml`'s Document.toString keeps comments but re-formats untouched lines, e.g. `[a, b]` → `[ a, b ]`.)
 * Each operation re-parses the text; our files are small, and this keeps ranges exact.
 */
export class YamlTextEditor {
  private text: string;

  constructor(text: string) {
    this.text = text;
  }

  toString(): string {
    return this.text;
  }

  /** Sets a value; a missing key is added after `after` (or at the end of its mapping). */
  set(path: Path, value: Value, options: { after?: string } = {}): this {
    const { parent, key } = this.parentOf(path);
    const pair = findPair(parent.items, key);
    if (pair) this.replaceValue(pair, value);
    else this.insertPair(parent.items, String(key), value, options.after);
    return this;
  }

  /** Whether the mapping at `path`'s parent has its last key. */
  has(path: Path): boolean {
    const parent = path.length === 1 ? this.parse().contents : this.parse().getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    return isMap(parent) && key !== undefined && findPair(parent.items, key) !== undefined;
  }

  /** Sets a value, or removes the key when the value is undefined. */
  setOrDelete(path: Path, value: Value | undefined, options: { after?: string } = {}): this {
    return value === undefined ? this.delete(path) : this.set(path, value, options);
  }

  /**
   * Sets a key to any data (a list of mappings, a mapping), written in block style on the lines
   * under the key; the key's old lines, comments inside them included, are replaced. A merge uses it
   * where a list changed shape; `set` is for everything else.
   */
  setBlock(path: Path, value: unknown, options: { after?: string } = {}): this {
    const { parent, key } = this.parentOf(path);
    const pair = findPair(parent.items, key);
    const anchor = pair ?? (options.after !== undefined ? findPair(parent.items, options.after) : undefined) ?? parent.items[parent.items.length - 1];
    const anchorKey = rangeOf(anchor?.key);
    if (!anchor || !anchorKey) throw new Error(`cannot add "${String(key)}" to an empty mapping`);
    const lineStart = this.lineStart(anchorKey[0]);
    const indent = anchorKey[0] - lineStart;
    const lines = `${' '.repeat(indent)}${renderKey(String(key))}:${blockValue(value, indent + 2)}`;
    if (pair) {
      // The first key of a list item shares its line with "- ": replacing that line would drop the item.
      if (this.text.slice(lineStart, anchorKey[0]).trim() !== '') throw new Error(`cannot rewrite ${path.join('.')} in place`);
      this.splice(lineStart, this.lineEndAfter((rangeOf(pair.value as YamlNode | null)?.[2] ?? anchorKey[2]) - 1), lines);
      return this;
    }
    const at = this.lineEndAfter(Math.max((rangeOf(anchor.value as YamlNode | null)?.[1] ?? anchorKey[1]) - 1, anchorKey[1]));
    this.splice(at, at, at > 0 && this.text[at - 1] !== '\n' ? `\n${lines}` : lines);
    return this;
  }

  /**
   * Appends an item (a mapping) to the block list at `path`, below its last item, leaving every
   * other line as it is; a missing, empty or flow-style list is written anew as a block.
   */
  append(path: Path, item: Record<string, unknown>, options: { after?: string } = {}): this {
    const list = this.parse().getIn(path, true);
    const items = isSeq(list) ? list.items : [];
    const last = items[items.length - 1] as YamlNode | undefined;
    const start = rangeOf(list)?.[0];
    const lastEnd = rangeOf(last)?.[1];
    if (!isSeq(list) || list.flow === true || start === undefined || lastEnd === undefined) {
      const existing = isSeq(list) ? (list.toJSON() as unknown[]) : [];
      return this.setBlock(path, [...existing, item], options);
    }
    const indent = start - this.lineStart(start);
    const block = stringify([item], { lineWidth: 0, indent: 2, indentSeq: true }).replace(/\n$/, '');
    const lines = `${block.split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n')}\n`;
    const at = this.lineEndAfter(lastEnd - 1);
    this.splice(at, at, at > 0 && this.text[at - 1] !== '\n' ? `\n${lines}` : lines);
    return this;
  }

  /** Removes a key of a mapping or an item of a sequence, with its lines. */
  delete(path: Path): this {
    const document = this.parse();
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
    let start: number | undefined;
    let end: number | undefined;
    if (isMap(parent) && key !== undefined) {
      const pair = findPair(parent.items, key);
      if (!pair) return this;
      start = rangeOf(pair.key)?.[0];
      end = rangeOf(pair.value)?.[2] ?? rangeOf(pair.key)?.[2];
    } else if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key] as YamlNode | undefined;
      start = rangeOf(item)?.[0];
      end = rangeOf(item)?.[2];
    }
    if (start === undefined || end === undefined) return this;
    this.splice(this.lineStart(start), this.lineEndAfter(end - 1), '');
    return this;
  }

  /** The mapping that holds the last key of `path`, and that key. */
  private parentOf(path: Path): { parent: YAMLMap; key: string | number } {
    const document = this.parse();
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
    if (!isMap(parent) || key === undefined) throw new Error(`cannot set ${path.join('.')}: its parent is not a mapping`);
    return { parent, key };
  }

  private parse(): Document {
    const document = parseDocument(this.text, { lineCounter: new LineCounter(), uniqueKeys: true });
    if (document.errors.length > 0) throw new Error(`cannot edit: ${document.errors[0]?.message ?? 'YAML error'}`);
    return document;
  }

  private replaceValue(pair: Pair, value: Value): void {
    const node = pair.value as YamlNode | null;
    const range = rangeOf(node);
    const keyRange = rangeOf(pair.key);
    if (range && range[1] > range[0] && !isMap(node)) {
      const column = range[0] - this.lineStart(range[0]);
      const flow = isSeq(node) ? node.flow === true : true;
      const blockIndent = isSeq(node) && !flow ? column : this.indentOfLine(keyRange?.[0] ?? range[0]) + 2;
      const replacement = renderValue(value, flow || !Array.isArray(value), blockIndent);
      // Block scalars own their final newline; keep the next key on its own line.
      const keepNewline = this.text[range[1] - 1] === '\n' && !replacement.endsWith('\n');
      this.splice(range[0], range[1], keepNewline ? `${replacement}\n` : replacement);
      return;
    }
    if (!keyRange) throw new Error('cannot edit a key without a position');
    // `key:` with nothing after it: write the value after the colon.
    const colon = this.text.indexOf(':', keyRange[1]);
    const indent = this.indentOfLine(keyRange[0]);
    this.splice(colon + 1, colon + 1, inlineOrBlock(value, indent));
  }

  private insertPair(items: Pair[], key: string, value: Value, after: string | undefined): void {
    const anchor = (after !== undefined ? findPair(items, after) : undefined) ?? items[items.length - 1];
    const anchorKey = rangeOf(anchor?.key);
    if (!anchor || !anchorKey) throw new Error(`cannot add "${key}" to an empty mapping`);
    const indent = ' '.repeat(anchorKey[0] - this.lineStart(anchorKey[0]));
    const end = rangeOf(anchor.value as YamlNode | null)?.[1] ?? anchorKey[1];
    const at = this.lineEndAfter(Math.max(end - 1, anchorKey[1]));
    const line = `${indent}${renderKey(key)}:${inlineOrBlock(value, indent.length)}\n`;
    this.splice(at, at, at > 0 && this.text[at - 1] !== '\n' ? `\n${line}` : line);
  }

  private splice(start: number, end: number, replacement: string): void {
    this.text = this.text.slice(0, start) + replacement + this.text.slice(end);
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset just after the newline that ends the line holding `offset` (or the end of the text). */
  private lineEndAfter(offset: number): number {
    const newline = this.text.indexOf('\n', Math.max(offset, 0));
    return newline === -1 ? this.text.length : newline + 1;
  }

  private indentOfLine(offset: number): number {
    const start = this.lineStart(offset);
    let index = start;
    while (this.text[index] === ' ') index += 1;
    return index - start;
  }
}

function findPair(items: Pair[], key: string | number): Pair | undefined {
  return items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key));
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ?? undefined;
}

function renderKey(key: string): string {
  return stringify(key).trimEnd();
}

/** A scalar as YAML would write it on one line (quoted only when it must be). */
function scalarText(value: string | number | boolean | null): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function renderValue(value: Value, flow: boolean, indent: number): string {
  if (Array.isArray(value)) {
    if (flow) return `[${value.map(scalarText).join(', ')}]`;
    return value.map((item, index) => `${index === 0 ? '' : ' '.repeat(indent)}- ${scalarText(item)}`).join('\n');
  }
  if (isBlockText(value)) return blockLiteral(value as string, indent);
  return typeof value === 'string' && value.includes('\n') ? quotedOnOneLine(value) : scalarText(value);
}

/** The text after `key:` — ` value` on the same line, or a block on the next lines. */
function inlineOrBlock(value: Value, indent: number): string {
  if (Array.isArray(value)) return ` [${value.map(scalarText).join(', ')}]`;
  if (isBlockText(value)) return ` ${blockLiteral(value as string, indent + 2)}`;
  if (typeof value === 'string' && value.includes('\n')) return ` ${quotedOnOneLine(value)}`;
  return ` ${scalarText(value)}`;
}

/** The text after `key:` for any data: empty collections inline, the rest as an indented block. */
function blockValue(value: unknown, indent: number): string {
  if (Array.isArray(value) && value.length === 0) return ' []\n';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return ' {}\n';
  if (typeof value !== 'object' || value === null) return `${inlineOrBlock(value as Value, indent - 2)}\n`;
  const block = stringify(value, { lineWidth: 0, indent: 2, indentSeq: true });
  return `\n${block.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line)).join('\n')}\n`;
}

/**
 * Multi-line text goes in a `|` block so it reads as written — unless a block cannot carry it
 * (control characters, a leading space, trailing blank lines, a carriage return…): then it is
 * written double-quoted with escapes, so what is written always reads back as the same text.
 */
function isBlockText(value: Value): boolean {
  if (typeof value !== 'string' || !value.includes('\n') || NOT_BLOCK_PRINTABLE.test(value)) return false;
  try {
    const document = parseDocument(`x: ${blockLiteral(value, 2)}\n`);
    return document.errors.length === 0 && (document.toJS({ maxAliasCount: 0 }) as { x?: unknown }).x === value;
  } catch {
    return false;
  }
}

/**
 * A double-quoted scalar on one line, whatever the indentation around it: JSON's escapes are YAML's,
 * plus escapes for the few characters JSON leaves raw that YAML does not allow raw.
 */
function quotedOnOneLine(value: string): string {
  return JSON.stringify(value).replace(/[\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What YAML lets a block scalar hold as it is (its printable set, less carriage returns and byte-order marks). */
const NOT_BLOCK_PRINTABLE = /[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

function blockLiteral(value: string, indent: number): string {
  const chomp = value.endsWith('\n') ? '' : '-';
  const body = value.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
  return `|${chomp}\n${body.join('\n')}`;
}
