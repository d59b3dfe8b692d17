import * as fs from 'node:fs';
import { writeFileAtomic } from '../files/atomicWrite';
import { readYamlText } from '../files/documentReader';
import { MAX_FILE_BYTES } from '../files/textChecks';
import { importMattermostPlaybook } from '../import/mattermostImport';
import type { Playbook } from '../model/types';
import { InvalidFileError, REVIEW_CONFIG_SLUG, type PlaybooksRepository } from '../repository/playbooksRepository';
import { OperationRefused } from '../runs/operationContext';
import { BUILTIN_TEMPLATES, renderTemplate } from '../templates/builtinTemplates';
import { assertSlug, slugify } from '../util/slug';
import { checkPlaybook } from '../validation/semanticChecks';

export const DEFAULT_TEMPLATE = 'incident-response';

/** Writes a new playbook from a built-in template; refuses to overwrite one. */
export function createPlaybook(repo: PlaybooksRepository, slug: string, template = DEFAULT_TEMPLATE, title?: string): string {
  assertSlug('Playbook', slug);
  const known = BUILTIN_TEMPLATES.map((entry) => entry.name);
  if (!known.includes(template)) throw new OperationRefused(`no template ${JSON.stringify(template)}; templates: ${known.join(', ')}`);
  return writeNewPlaybook(repo, slug, renderTemplate(template, title));
}

/**
 * The text of a Mattermost export file, refused when missing or larger than any file we read (an
 * export is a few kilobytes). shownAs: how the person named the file.
 */
export function readMattermostExport(file: string, shownAs: string): string {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  if (!stats) throw new OperationRefused(`${shownAs}: file not found`);
  if (!stats.isFile()) throw new OperationRefused(`${shownAs}: not a file`);
  if (stats.size > MAX_FILE_BYTES) throw new OperationRefused(`${shownAs}: larger than ${MAX_FILE_BYTES / 1048576} MB; not a playbook export`);
  return fs.readFileSync(file, 'utf8');
}

/** Imports a Mattermost playbook export; the slug defaults to the slug of its title. */
export function importPlaybook(repo: PlaybooksRepository, jsonText: string, sourceName: string, slug?: string): { slug: string; file: string; warnings: Array<{ path: string; message: string }> } {
  const imported = importMattermostPlaybook(jsonText, sourceName);
  const target = slug ?? slugify(imported.playbook.title, 'imported-playbook');
  const file = writeNewPlaybook(repo, target, imported.yaml);
  return { slug: target, file, warnings: imported.warnings };
}

function writeNewPlaybook(repo: PlaybooksRepository, slug: string, yaml: string): string {
  if (slug === REVIEW_CONFIG_SLUG) throw new OperationRefused(`"${slug}" is taken: ${repo.layout.folder}/${slug}.yaml is the review configuration; choose another name`);
  const file = repo.layout.playbookFile(slug);
  const displayName = repo.layout.relative(file);
  if (fs.existsSync(file)) throw new OperationRefused(`${displayName} already exists; choose another name`);
  repo.layout.assertWritable(file);
  const check = readYamlText<Playbook>('Playbook', displayName, yaml, (playbook) => checkPlaybook(playbook));
  if (check.problems.some((problem) => problem.severity === 'error')) throw new InvalidFileError(check.problems);
  writeFileAtomic(file, yaml);
  return displayName;
}
