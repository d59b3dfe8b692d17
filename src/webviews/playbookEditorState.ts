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
