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
 * untouched line survive byte for byte (DEVELOPERS.md: files are the source of truth, edited by hand too).
 */
export function editYamlText(text: string, edit: (editor: YamlTextEditor) => void): string {
  const editor = new YamlTextEditor(text);
  edit(editor);
  return editor.toString();
}

/** Reads, edits and atomically rewrites a YAML file. */
export function editYamlFile(file: string, displayName: string, edit: (editor: YamlTextEditor) => void): void {
  const read = readTextFile(file, displayName);
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  writeFileAtomic(file, editYamlText(read.text, edit));
}

/** Edits the front matter of a Markdown file, keeping the body byte for byte. */
export function editFrontMatterFile(file: string, displayName: string, edit: (editor: YamlTextEditor) => void): void {
  const read = readTextFile(file, displayName);
  if ('problem' in read) throw new InvalidFileError([read.problem]);
  const parts = splitFrontMatter(read.text);
  if (parts.yaml === undefined) throw new Error(`${displayName}: missing front matter`);
  writeFileAtomic(file, joinFrontMatter(editYamlText(parts.yaml, edit), parts.body));
}
