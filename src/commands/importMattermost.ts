import * as path from 'node:path';
import * as vscode from 'vscode';
import { importMattermostPlaybook } from '../core/import/mattermostImport';
import { importPlaybook, readMattermostExport } from '../core/playbooks/playbookFiles';
import { isSlug, uniqueSlug } from '../core/util/slug';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { performFolderChange } from '../platform/actions';
import { inputStep, BACK } from './multiStepInput';
import { playbooksOutput } from './outputChannel';
import { folderOfArgs, invocationOf, optionalString, requiredString, requireExisting, resolveFolder } from './targets';

const TITLE = 'Import Mattermost Playbook';

export interface ImportOutcome {
  slug: string;
  file: string;
  warnings: Array<{ path: string; message: string }>;
}

async function importInto(folder: PlaybookFolder, source: string, text: string, slug: string | undefined): Promise<ImportOutcome> {
  const result = await performFolderChange(folder, () => importPlaybook(folder.repo, text, path.basename(source), slug));
  // Every field not kept is listed, so nothing is lost silently.
  const output = playbooksOutput();
  output.appendLine(`Imported ${source} as ${result.file}: ${result.warnings.length} field(s) not kept.`);
  for (const warning of result.warnings) output.appendLine(`  ${warning.path}: ${warning.message}`);
  return result;
}

export async function importMattermost(services: ExtensionServices, arg: unknown): Promise<ImportOutcome | undefined> {
  const invocation = invocationOf(arg);
  if (invocation.kind === 'args') {
    const folder = requireExisting(folderOfArgs(services, invocation.args));
    const source = path.resolve(requiredString(invocation.args, 'file'));
    return importInto(folder, source, readMattermostExport(source, source), optionalString(invocation.args, 'slug'));
  }
  const folder = await resolveFolder(services, invocation, TITLE);
  if (!folder) return undefined;
  const picked = await vscode.window.showOpenDialog({ title: TITLE, canSelectMany: false, openLabel: 'Import', filters: { 'Mattermost playbook export': ['json'] } });
  const source = picked?.[0]?.fsPath;
  if (source === undefined) return undefined;
  const text = readMattermostExport(source, source);
  const preview = importMattermostPlaybook(text, path.basename(source));
  const repo = folder.repo;
  const slug = await inputStep({
    title: TITLE,
    prompt: `Import "${preview.playbook.title}" as ${repo.layout.folder}/<name>.yaml`,
    value: uniqueSlug(preview.slug, (candidate) => repo.playbookExists(candidate)),
    validate: (value) => (!isSlug(value) ? 'Use lower-case letters, digits and hyphens.' : repo.playbookExists(value) ? `${value}.yaml already exists.` : undefined),
  });
  if (slug === undefined || slug === BACK) return undefined;
  const outcome = await importInto(folder, source, text, slug);
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(repo.layout.playbookFile(outcome.slug)));
  const count = outcome.warnings.length;
  if (count === 0) {
    void vscode.window.showInformationMessage(`Imported "${preview.playbook.title}" as ${outcome.file}.`);
  } else {
    const details = 'Show Details';
    void vscode.window.showWarningMessage(`Imported "${preview.playbook.title}" as ${outcome.file} with ${count} ${count === 1 ? 'field' : 'fields'} not kept.`, details).then((choice) => {
      if (choice === details) playbooksOutput().show(true);
    });
  }
  return outcome;
}
