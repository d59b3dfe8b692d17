import * as vscode from 'vscode';
import { createPlaybook, DEFAULT_TEMPLATE } from '../core/playbooks/playbookFiles';
import { BUILTIN_TEMPLATES } from '../core/templates/builtinTemplates';
import { isSlug, slugify, uniqueSlug } from '../core/util/slug';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { performFolderChange } from '../platform/actions';
import { BACK, inputStep, pickStep } from './multiStepInput';
import { folderOfArgs, invocationOf, optionalString, requiredString, requireExisting, resolveFolder } from './targets';

const TITLE = 'New Playbook';

/** Creates a playbook from a built-in template and opens it (in the playbook form). */
export async function newPlaybook(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  if (invocation.kind === 'args') {
    const args = invocation.args;
    const folder = requireExisting(folderOfArgs(services, args));
    const slug = requiredString(args, 'slug');
    const template = optionalString(args, 'template') ?? DEFAULT_TEMPLATE;
    await performFolderChange(folder, () => createPlaybook(folder.repo, slug, template, optionalString(args, 'title')));
    return folder.repo.layout.playbookFile(slug);
  }
  const folder = await resolveFolder(services, invocation, TITLE);
  return folder ? newPlaybookIn(folder) : undefined;
}

/** Two steps: template, then file name (a slug, checked as it is typed). */
export async function newPlaybookIn(folder: PlaybookFolder): Promise<string | undefined> {
  const items = BUILTIN_TEMPLATES.map((template) => ({ label: template.title, description: template.name, detail: template.description, template }));
  let step = 1;
  let template = items[0]?.template;
  for (;;) {
    if (step === 1) {
      const picked = await pickStep({ title: TITLE, step: 1, totalSteps: 2, placeholder: 'Pick a template to start from', items, active: items.find((item) => item.template === template) });
      if (picked === undefined || picked === BACK) return undefined;
      template = picked.template;
      step = 2;
      continue;
    }
    if (!template) return undefined;
    const repo = folder.repo;
    const suggested = uniqueSlug(slugify(template.title, 'playbook'), (slug) => repo.playbookExists(slug));
    const slug = await inputStep({
      title: TITLE,
      step: 2,
      totalSteps: 2,
      canGoBack: true,
      prompt: `File name: ${repo.layout.folder}/<name>.yaml (lower-case letters, digits and hyphens)`,
      value: suggested,
      validate: (value) => (!isSlug(value) ? 'Use lower-case letters, digits and hyphens, e.g. "db-outage".' : repo.playbookExists(value) ? `${value}.yaml already exists.` : undefined),
    });
    if (slug === BACK) {
      step = 1;
      continue;
    }
    if (slug === undefined) return undefined;
    const chosen = template;
    await performFolderChange(folder, () => createPlaybook(repo, slug, chosen.name));
    const file = repo.layout.playbookFile(slug);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
    return file;
  }
}
