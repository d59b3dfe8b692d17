import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GitRepository } from '../git/gitRepository';
import { isExpectedError } from '../git/gitErrors';
import { OperationRefused, type RefusalHint } from '../core/model/errors';
import { COMMANDS } from '../shared/commandIds';
import type { OperationContext } from '../core/runs/operationContext';
import { folderGit, identityOf } from './folderGit';
import type { PlaybookFolder } from './workspaceModel';

/** No file is written and no git process starts in an untrusted workspace (hooks are code). */
export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new OperationRefused('This workspace is not trusted: playbooks are read-only here. Trust the workspace to change them.');
  }
}

/** The git repository of a folder, only in a trusted workspace; undefined when it is not a repository. */
export async function gitOf(folder: PlaybookFolder): Promise<GitRepository | undefined> {
  return folderGit(folder);
}

/** The commit checked out; undefined without one, or in an untrusted workspace (where no git process starts). */
export async function headCommitOf(folder: PlaybookFolder): Promise<string | undefined> {
  return (await gitOf(folder))?.headCommit();
}

/** Who acts: the git identity's name, else the operating-system user. */
export async function operationContextFor(folder: PlaybookFolder): Promise<OperationContext> {
  const identity = await identityOf(folder);
  return { actor: identity?.name ?? os.userInfo().username, now: () => new Date() };
}

/**
 * Files the tool is about to rewrite must not hold unsaved edits: writing under them would lose
 * either the person's edit or ours. Refuses, naming the file, when one is dirty.
 */
export function refuseIfDirty(files: string[]): void {
  const targets = new Set(files.map((file) => path.resolve(file)));
  const dirty = vscode.workspace.textDocuments.find((document) => document.isDirty && document.uri.scheme === 'file' && targets.has(path.resolve(document.uri.fsPath)));
  if (dirty) throw new OperationRefused(`${path.basename(dirty.uri.fsPath)} has unsaved changes; save or revert it first, then try again.`);
}

/** The files an operation on a run may rewrite. */
export function runFiles(folder: PlaybookFolder, runId: string): string[] {
  const layout = folder.repo.layout;
  return [layout.runFile(runId), layout.timelineFile(runId), layout.retrospectiveFile(runId)];
}

/** Refusals a change to a run meets before anything is asked or written: trust, then unsaved run files. */
export function checkRunWritable(folder: PlaybookFolder, runId: string): void {
  requireTrust();
  refuseIfDirty(runFiles(folder, runId));
}

/**
 * A change that is not to one run (new playbook, import, initialize, start run): trust first,
 * then the operation, then an immediate refresh so the tree shows the result.
 */
export async function performFolderChange<T>(folder: PlaybookFolder, operation: () => T | Promise<T>): Promise<T> {
  requireTrust();
  try {
    return await operation();
  } finally {
    folder.refreshNow();
  }
}

/**
 * Runs a change to a run's files: trust and dirty checks first, then the core operation, then an
 * immediate refresh. Refusals are thrown (the run editor answers its page with them).
 */
export async function performRunChange<T>(folder: PlaybookFolder, runId: string, operation: (context: OperationContext) => T | Promise<T>): Promise<T> {
  try {
    checkRunWritable(folder, runId);
    const context = await operationContextFor(folder);
    return await operation(context);
  } finally {
    // Only this run's files were written: the refresh looks at its folder alone.
    folder.refreshNow([folder.repo.layout.runDir(runId)]);
  }
}

/** Shows an expected refusal as an error message (and returns undefined); rethrows anything else. */
export async function showRefusals<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    const button = error instanceof OperationRefused ? refusalButton(error.hint) : undefined;
    void vscode.window.showErrorMessage(error.message, ...(button ? [button.title] : [])).then((chosen) => {
      if (button && chosen === button.title) void vscode.commands.executeCommand(button.command, ...button.args);
    });
    return undefined;
  }
}

/** The extension's words for what to do after a refusal: a button that runs the command that helps. */
function refusalButton(hint: RefusalHint | undefined): { title: string; command: string; args: unknown[] } | undefined {
  if (hint?.kind !== 'action') return undefined;
  if (hint.action === 'restoreRun' && hint.runId !== undefined) return { title: 'Restore Run', command: COMMANDS.restoreRun, args: [{ run: hint.runId }] };
  if (hint.action === 'newPlaybook') return { title: 'New Playbook', command: COMMANDS.newPlaybook, args: [] };
  return undefined;
}
