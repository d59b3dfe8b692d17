import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import { readYamlText } from '../core/files/documentReader';
import type { Playbook } from '../core/model/types';
import { checkHeader } from '../core/validation/schemaValidator';
import { checkPlaybook } from '../core/validation/semanticChecks';
import type { JsonValue, PlaybookFormState } from '../shared/protocol';

/**
 * What the playbook form shows for the document's current text (saved or not). A playbook with
 * schema problems is still shown as a form (with its problems on top) as long as it is a YAML mapping
 * of kind Playbook; text that is not is shown as problems only, with a way to the text editor.
 */
export function playbookFormState(document: vscode.TextDocument, readOnly: boolean): PlaybookFormState {
  const file = vscode.workspace.asRelativePath(document.uri, false);
  const text = document.getText();
  const read = readYamlText<Playbook>('Playbook', file, text, (data) => checkPlaybook(data, (name) => templateFileExists(document.uri, name)));
  return {
    page: 'playbook',
    file,
    readOnly,
    playbook: read.data ? asJson(read.data) : readableMapping(text),
    problems: read.problems.map((problem) => ({ line: problem.line, column: problem.column, message: problem.message, severity: problem.severity })),
  };
}

/**
 * Whether the form may change this document: not in an untrusted workspace, not on a read-only file
 * system (a `git:` revision), not for a file without write permission or matched by `files.readonlyInclude`.
 */
export async function isReadOnly(document: vscode.TextDocument): Promise<boolean> {
  const uri = document.uri;
  if (!vscode.workspace.isTrusted || vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return true;
  const files = vscode.workspace.getConfiguration('files', uri);
  const matches = (setting: string): boolean =>
    Object.entries(files.get<Record<string, boolean>>(setting) ?? {}).some(([pattern, on]) => on && vscode.languages.match({ pattern }, document) > 0);
  if (matches('readonlyInclude') && !matches('readonlyExclude')) return true;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
  } catch {
    // Not on disk (yet): saving decides.
    return false;
  }
}

/** The retrospective template file named by the playbook, beside it; undefined when the name is unsafe. */
export function templateFileUri(playbookUri: vscode.Uri, name: string): vscode.Uri | undefined {
  // The schema's pattern: a plain file name, so it can never leave the playbooks folder.
  if (!/^[A-Za-z0-9._-]+\.md$/.test(name) || name.startsWith('..')) return undefined;
  return vscode.Uri.joinPath(playbookUri, '..', name);
}

function templateFileExists(playbookUri: vscode.Uri, name: string): boolean {
  const uri = templateFileUri(playbookUri, name);
  if (!uri) return false;
  // Only local files are checked synchronously; elsewhere the form does not guess.
  return uri.scheme !== 'file' || fs.existsSync(path.normalize(uri.fsPath));
}

function readableMapping(text: string): JsonValue | undefined {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return undefined;
  const value: unknown = document.toJS();
  return checkHeader(value, 'Playbook') ? undefined : asJson(value);
}

/** Plain JSON for the page (drops anything JSON cannot carry). */
function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue;
}
