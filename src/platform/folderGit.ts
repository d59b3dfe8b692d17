import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GitRepository, type GitIdentity } from '../git/gitRepository';
import { GitRefusal } from '../git/gitErrors';
import { ensureMergeDrivers, useDriverProgram } from '../git/mergeDrivers';
import type { PlaybookFolder } from './workspaceModel';

/** One repository per folder, opened once: it keeps the identity it read (see GitRepository.identity). */
const opened = new WeakMap<PlaybookFolder, Promise<GitRepository | undefined>>();

/**
 * The git repository of a folder, only in a trusted workspace; undefined when it is not one. Opened
 * once per folder; a folder that is not a repository is asked again next time (it may become one),
 * and a repository whose git directory went away is opened again.
 */
export async function folderGit(folder: PlaybookFolder): Promise<GitRepository | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  const cached = await opened.get(folder)?.catch(() => undefined);
  if (cached !== undefined && fs.existsSync(cached.gitDir)) return cached;
  const opening = open(folder);
  opened.set(folder, opening);
  return opening;
}

async function open(folder: PlaybookFolder): Promise<GitRepository | undefined> {
  try {
    const repository = await GitRepository.open(folder.workspaceFolder.uri.fsPath);
    registerMergeDrivers(repository.root);
    return repository;
  } catch (error) {
    if (error instanceof GitRefusal) return undefined;
    throw error;
  }
}

/**
 * A clone lacks the merge drivers .gitattributes names (.git/config is not cloned): register this
 * extension's own (dist/merge-driver.js, run by VS Code's executable as Node), unless a working
 * one is there. In the background: opening the folder never waits for it or fails by it.
 */
function registerMergeDrivers(root: string): void {
  const script = path.join(__dirname, 'merge-driver.js');
  if (!fs.existsSync(script)) return;
  const program = { node: process.execPath, script, env: { ELECTRON_RUN_AS_NODE: '1' } };
  useDriverProgram(program);
  ensureMergeDrivers(root, program).catch(() => undefined);
}

/**
 * The folder's git identity: read once, then again only when a config file that can set it changed
 * (its stamp is a few stat calls), for who acts in every write, publishing, and reminders alike.
 */
export async function identityOf(folder: PlaybookFolder): Promise<GitIdentity | undefined> {
  return (await folderGit(folder))?.identity();
}

/**
 * Names the current person goes by: the git identity (only where git may run, from the cache above)
 * and the operating-system user. Reminders and live sync tell one's own events from others' by it.
 */
export async function currentIdentities(folder: PlaybookFolder): Promise<string[]> {
  const names: string[] = [];
  try {
    names.push(os.userInfo().username);
  } catch {
    // No user entry (some containers): the git identity alone.
  }
  try {
    const identity = await identityOf(folder);
    if (identity) names.push(identity.name, identity.email);
  } catch {
    // Not a repository, or git is missing: the OS user alone.
  }
  return names;
}
