import { stringify } from 'yaml';
import { YamlTextEditor } from './yamlTextEditor';
import { writeFileAtomic } from './atomicWrite';
import { readTextFile } from './documentReader';
import { joinFrontMatter, splitFrontMatter } from './frontMatter';
import { InvalidFileError } from '../repository/playbooksRepository';

/** Our output style: no folding of long lines, two-space indent, block literals for multi-line text. */
export const YAML_OPTIONS = { lineWidth: 0, indent: 2, indentSeq: true } as const;

export function toYaml(value: unknown): string {
  return stringify(value, { ...YAML_OPTIONS });
}

/**
 * Edits YAML text so that only the values set change: comments, key order, quoting and every
 * untouched line survive byte for byte (files are the source of truth, edited by hand too: docs/architecture.md).
 */
export function editYamlText(text: string, edit: (editor: YamlTextEditor) => void): string {
  return keepingLineEnds(text, (lf) => {
    const editor = new YamlTextEditor(lf);
    edit(editor);
    return editor.toString();
  });
}

/**
 * Edits text with LF line ends and gives the result the file's own: lines the edit adds would
 * otherwise be LF in a CRLF file (Windows editors, core.autocrlf), mixing both.
 */
export function keepingLineEnds(text: string, edit: (lf: string) => string): string {
  const crlf = text.includes('\r\n');
  const result = edit(crlf ? text.replace(/\r\n/g, '\n') : text);
  return crlf ? result.replace(/\n/g, '\r\n') : result;
}

/** Reads, edits and atomically rewrites a YAML file, keeping its byte-order mark and line ends. */
export function editYamlFile(file: string, displayName: string, edit: (editor: YamlTextEditor) => void): void {
  const read = readTextFile(file, displayName);
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  writeFileAtomic(file, withBom(read, editYamlText(read.text, edit)));
}

/** Edits the front matter of a Markdown file, keeping the body, the byte-order mark and the line ends. */
export function editFrontMatterFile(file: string, displayName: string, edit: (editor: YamlTextEditor) => void): void {
  const read = readTextFile(file, displayName);
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  const edited = keepingLineEnds(read.text, (lf) => {
    const parts = splitFrontMatter(lf);
    if (parts.yaml === undefined) throw new Error(`${displayName}: missing front matter`);
    return joinFrontMatter(editYamlText(parts.yaml, edit), parts.body);
  });
  writeFileAtomic(file, withBom(read, edited));
}

/** The reader drops a byte-order mark; an edit writes it back, as the timeline does. */
function withBom(read: { bom?: true }, text: string): string {
  return read.bom ? `\uFEFF${text}` : text;
}
