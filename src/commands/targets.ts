import * as path from 'node:path';
import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { TreeNode } from '../views/treeNode';
import { BACK } from './multiStepInput';
import { pickFolder, pickPlaybook, pickRun, type RunPickOptions } from './pickers';

/**
 * How a command was invoked: from a tree node's menu, with plain arguments (tests, other code),
 * with a file (editor menus), or from the palette. Only `args` never asks anything.
 */
export type Invocation =
  | { kind: 'node'; node: TreeNode }
  | { kind: 'args'; args: Readonly<Record<string, unknown>> }
  | { kind: 'uri'; uri: vscode.Uri }
  | { kind: 'palette' };

export function invocationOf(arg: unknown): Invocation {
  if (arg instanceof TreeNode) return { kind: 'node', node: arg };
  if (arg instanceof vscode.Uri) return { kind: 'uri', uri: arg };
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) return { kind: 'args', args: arg as Record<string, unknown> };
  return { kind: 'palette' };
}


export function optionalString(args: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = args[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new OperationRefused(`"${key}" must be a string`);
  return value;
}

export function requiredString(args: Readonly<Record<string, unknown>>, key: string): string {
  const value = optionalString(args, key);
  if (value === undefined) throw new OperationRefused(`"${key}" is missing`);
  return value;
}

export function stringList(args: Readonly<Record<string, unknown>>, key: string): string[] {
  const value = args[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new OperationRefused(`"${key}" must be a list of strings`);
  return value;
}

/** A folder named by its path; refuses a path that is not a workspace folder. */
export function folderByPath(services: ExtensionServices, folderPath: string): PlaybookFolder {
  const wanted = path.resolve(folderPath);
  const found = services.model.folders.find((folder) => path.resolve(folder.workspaceFolder.uri.fsPath) === wanted);
  if (!found) throw new OperationRefused(`${folderPath} is not a folder of this workspace`);
  return found;
}

/** The folder of plain arguments: named, the only one, or the one of the active editor. */
export function folderOfArgs(services: ExtensionServices, args: Readonly<Record<string, unknown>>): PlaybookFolder {
  const named = optionalString(args, 'folder');
  if (named !== undefined) return folderByPath(services, named);
  const folders = services.model.folders;
  if (folders.length === 0) throw new OperationRefused('Open a folder first: playbooks live in a workspace folder.');
  const active = vscode.window.activeTextEditor?.document.uri;
  const only = folders.length === 1 ? folders[0] : active ? services.model.folderOf(active) : undefined;
  if (!only) throw new OperationRefused('This workspace has several folders: say which one ("folder").');
  return only;
}

export function requireExisting(folder: PlaybookFolder): PlaybookFolder {
  if (!folder.exists) {
    throw new OperationRefused(`${folder.workspaceFolder.name} has no ${folder.repo.layout.folder}/ folder yet: run "Playbooks: Initialize Playbooks Folder" first.`);
  }
  return folder;
}

/** The folder a command works in: from the node, the arguments, or asked (only when there are several). */
export async function resolveFolder(services: ExtensionServices, invocation: Invocation, title: string): Promise<PlaybookFolder | undefined> {
  if (invocation.kind === 'node') return invocation.node.folder;
  if (invocation.kind === 'args') return requireExisting(folderOfArgs(services, invocation.args));
  if (invocation.kind === 'uri') {
    const folder = services.model.folderOf(invocation.uri);
    if (folder) return requireExisting(folder);
  }
  return pickFolder(services, { title, existing: true });
}

export interface RunTarget {
  folder: PlaybookFolder;
  runId: string;
}

/** The run under a file of its folder (run.yaml, timeline.yaml, retrospective.md). */
export function runOfUri(services: ExtensionServices, uri: vscode.Uri): RunTarget | undefined {
  const folder = services.model.folderOf(uri);
  if (!folder || uri.scheme !== 'file') return undefined;
  const runId = folder.repo.layout.runOfPath(uri.fsPath)?.runId;
  if (runId === undefined || !folder.repo.runExists(runId)) return undefined;
  return { folder, runId };
}

/** The folder holding a run named in plain arguments. */
function runOfArgs(services: ExtensionServices, args: Readonly<Record<string, unknown>>): RunTarget {
  const runId = requiredString(args, 'run');
  const named = optionalString(args, 'folder');
  if (named !== undefined) return { folder: folderByPath(services, named), runId };
  const holding = services.model.folders.filter((folder) => folder.repo.runExists(runId));
  const folder = holding.length === 1 ? holding[0] : holding.length === 0 ? folderOfArgs(services, args) : undefined;
  if (!folder) throw new OperationRefused(`Several folders have a run "${runId}": say which one ("folder").`);
  return { folder, runId };
}

/** The run a command works on; asks with a quick pick from the palette. */
export async function resolveRun(services: ExtensionServices, invocation: Invocation, pick: RunPickOptions): Promise<RunTarget | undefined> {
  let target: RunTarget | undefined;
  if (invocation.kind === 'args') target = runOfArgs(services, invocation.args);
  else if (invocation.kind === 'node') {
    const runId = invocation.node.target().run;
    if (runId !== undefined) target = { folder: invocation.node.folder, runId };
  } else if (invocation.kind === 'uri') target = runOfUri(services, invocation.uri);
  if (target) {
    if (!target.folder.repo.runExists(target.runId)) throw new OperationRefused(`There is no run "${target.runId}" in ${target.folder.workspaceFolder.name}.`);
    return target;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return pickRun(services, { ...pick, preferred: active ? runOfUri(services, active) : undefined });
}

export interface PlaybookTarget {
  folder: PlaybookFolder;
  slug: string;
}

/** The playbook a command works on; asks with a quick pick from the palette. */
export async function resolvePlaybook(services: ExtensionServices, invocation: Invocation, title: string): Promise<PlaybookTarget | undefined> {
  if (invocation.kind === 'node') {
    const slug = invocation.node.target().playbook;
    if (slug !== undefined) return { folder: invocation.node.folder, slug };
  }
  if (invocation.kind === 'args') {
    const slug = requiredString(invocation.args, 'playbook');
    const folder = requireExisting(folderOfArgs(services, invocation.args));
    folder.repo.requirePlaybook(slug);
    return { folder, slug };
  }
  if (invocation.kind === 'uri') {
    const folder = services.model.folderOf(invocation.uri);
    const slug = path.basename(invocation.uri.fsPath).replace(/\.yaml$/, '');
    if (folder && path.dirname(invocation.uri.fsPath) === folder.repo.layout.playbooksDir && folder.repo.playbookExists(slug)) return { folder, slug };
  }
  const picked = await pickPlaybook(services, { title });
  return picked === BACK ? undefined : picked;
}
