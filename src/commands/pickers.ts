import * as vscode from 'vscode';
import type { RunSummary } from '../core/index/indexTypes';
import { OperationRefused } from '../core/model/errors';
import type { Run, RunItem } from '../core/model/types';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { TASK_STATE_LABELS } from '../core/model/types';
import { compareNewestFirst, formatLocalTime } from '../views/treeFormat';
import { pickStep, settle, BACK, type PickStepOptions, type StepPosition } from './multiStepInput';

/** A quick pick answer without Back (single questions have no Back button). */
async function pickOne<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T | undefined> {
  const picked = await pickStep(options);
  return picked === BACK ? undefined : picked;
}

/** Folders with (existing) or without a playbooks folder; asks only when there is a choice. */
export async function pickFolder(services: ExtensionServices, options: { title: string; existing: boolean }): Promise<PlaybookFolder | undefined> {
  const folders = services.model.folders.filter((folder) => folder.exists === options.existing);
  if (folders.length === 0) {
    if (services.model.folders.length === 0) throw new OperationRefused('Open a folder first: playbooks live in a workspace folder.');
    if (!options.existing) throw new OperationRefused('Every folder of this workspace already has a playbooks folder.');
    throw new OperationRefused('No folder of this workspace has a playbooks folder yet: run "Playbooks: Initialize Playbooks Folder" first.');
  }
  if (folders.length === 1) return folders[0];
  const items = folders.map((folder) => ({ label: folder.workspaceFolder.name, description: folder.workspaceFolder.uri.fsPath, folder }));
  return (await pickOne({ title: options.title, placeholder: 'Pick a workspace folder', items }))?.folder;
}

export interface RunPickOptions {
  title: string;
  placeholder?: string;
  filter?: (run: RunSummary) => boolean;
  /** Said when no run passes the filter. */
  empty?: string;
  /** Listed first (the run of the active editor). */
  preferred?: { folder: PlaybookFolder; runId: string } | undefined;
}

/** Runs of every folder: in progress first, then newest first; readable runs only. */
export async function pickRun(services: ExtensionServices, options: RunPickOptions): Promise<{ folder: PlaybookFolder; runId: string } | undefined> {
  const folders = services.model.folders.filter((folder) => folder.exists);
  const several = folders.length > 1;
  const entries = folders.flatMap((folder) => folder.snapshot.runs.filter((run) => run.readable && (options.filter?.(run) ?? true)).map((run) => ({ folder, run })));
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(options.empty ?? 'There are no runs yet. Start one with "Playbooks: Start Run".');
    return undefined;
  }
  const rank = (entry: { folder: PlaybookFolder; run: RunSummary }): number =>
    options.preferred && entry.folder === options.preferred.folder && entry.run.id === options.preferred.runId ? 0 : entry.run.status === 'in_progress' ? 1 : 2;
  entries.sort((a, b) => rank(a) - rank(b) || compareNewestFirst(a.run, b.run));
  const items = entries.map(({ folder, run }) => ({
    label: `$(${run.status === 'in_progress' ? 'play-circle' : 'pass'}) ${run.name}`,
    description: [run.playbook, run.owner, formatLocalTime(run.startedAt), several ? folder.workspaceFolder.name : ''].filter((part) => part !== '').join(' · '),
    target: { folder, runId: run.id },
  }));
  return (await pickOne({ title: options.title, placeholder: options.placeholder ?? 'Pick a run', items }))?.target;
}

/** Playbooks of every folder, valid ones only (a run cannot start from a broken file). */
export async function pickPlaybook(services: ExtensionServices, position: StepPosition & { placeholder?: string }): Promise<{ folder: PlaybookFolder; slug: string } | undefined | typeof BACK> {
  const folders = services.model.folders.filter((folder) => folder.exists);
  const several = folders.length > 1;
  const items = folders.flatMap((folder) =>
    folder.snapshot.playbooks
      .filter((playbook) => playbook.playbook !== undefined && playbook.errors === 0)
      .map((playbook) => ({
        label: `$(notebook) ${playbook.title}`,
        description: several ? `${playbook.slug} · ${folder.workspaceFolder.name}` : playbook.slug,
        target: { folder, slug: playbook.slug },
      })),
  );
  if (items.length === 0) throw new OperationRefused('There is no valid playbook yet: create one with "Playbooks: New Playbook".');
  const picked = await pickStep({ ...position, placeholder: position.placeholder ?? 'Pick a playbook', items });
  return picked === BACK ? BACK : picked?.target;
}

/** A task of a run, grouped by checklist. */
export async function pickTask(run: Run, title: string): Promise<RunItem | undefined> {
  const items: Array<vscode.QuickPickItem & { task?: RunItem }> = [];
  for (const checklist of run.checklists) {
    items.push({ label: checklist.title, kind: vscode.QuickPickItemKind.Separator });
    for (const task of checklist.items) {
      items.push({ label: task.title, description: [TASK_STATE_LABELS[task.state], task.assignee ?? ''].filter((part) => part !== '').join(' · '), task });
    }
  }
  if (items.length === 0) throw new OperationRefused(`"${run.name}" has no tasks.`);
  return (await pickOne({ title, placeholder: 'Pick a task', items }))?.task;
}

/**
 * A person: one of the known people or whatever is typed (the UX guide's "create new" entry).
 * Resolves to '' for the "nobody" entry when one is offered.
 */
export function pickPerson(options: { title: string; placeholder: string; people: readonly string[]; nobody?: string }): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { person: string };
  const known: Item[] = options.people.map((person) => ({ label: `$(person) ${person}`, person }));
  if (options.nobody !== undefined) known.push({ label: `$(circle-slash) ${options.nobody}`, person: '' });
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.items = known;
  const typing = pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const isKnown = typed === '' || options.people.includes(typed);
    pick.items = isKnown ? known : [{ label: `$(add) ${typed}`, description: 'someone else', person: typed, alwaysShow: true }, ...known];
  });
  return settle<string>(pick, (resolve) => [typing, pick.onDidAccept(() => resolve((pick.selectedItems[0] ?? pick.activeItems[0])?.person))]);
}

/** Step 1 of 2 with checkboxes: every current participant starts ticked; unticking removes. */
export function pickPeopleToKeep(options: { title: string; people: readonly string[]; keep: readonly string[]; owner: string }): Promise<string[] | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { person: string }>();
  pick.title = options.title;
  pick.step = 1;
  pick.totalSteps = 2;
  pick.canSelectMany = true;
  pick.ignoreFocusOut = true;
  pick.placeholder = `Untick people to remove (${options.owner} owns the run and stays)`;
  pick.items = options.people.map((person) => ({ label: person, person }));
  pick.selectedItems = pick.items.filter((item) => options.keep.includes(item.person));
  return settle<string[]>(pick, (resolve) => [pick.onDidAccept(() => resolve(pick.selectedItems.map((item) => item.person)))]);
}
