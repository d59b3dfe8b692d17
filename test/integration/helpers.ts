// Shared by the in-host suites: the extension's API, the fixture workspace (a fresh copy of the demo
// repository made by scripts/demoRepo.mjs) and polling.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';

export const EXTENSION_ID = 'git-playbooks.git-playbooks';

/** Activates the extension under test (the development extension) and returns what activate() returned. */
export async function activateExtension(): Promise<PlaybooksExtensionApi> {
  const extension = vscode.extensions.getExtension<PlaybooksExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The `contributes` section of the extension's package.json as the host loaded it. */
export function contributes(): { commands: { command: string; title: string; category?: string }[] } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return (extension.packageJSON as { contributes: ReturnType<typeof contributes> }).contributes;
}

/** The single folder the suites run in. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a folder open (scripts/e2e.sh opens a copy of the demo repository)');
  return folder.uri.fsPath;
}

/** Polls until `predicate` returns a truthy value and returns it; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 5_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs git in the workspace; returns its trimmed output. */
export function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
}

// The fixture as the suites found it: every suite may change files, commit or switch branches.
const fixture = (() => {
  try {
    return { branch: git('rev-parse', '--abbrev-ref', 'HEAD'), head: git('rev-parse', 'HEAD') };
  } catch {
    return undefined;
  }
})();

/**
 * Puts the workspace back to the demo repository as it was when the suites started (branch, commit,
 * files; new branches are deleted), then refreshes the model. Call it in `before`/`after` of a suite
 * that changes things.
 */
export async function resetWorkspace(api?: PlaybooksExtensionApi): Promise<void> {
  if (!fixture) throw new Error('the workspace is not a git repository');
  git('checkout', '-q', '-f', fixture.branch);
  git('reset', '-q', '--hard', fixture.head);
  git('clean', '-q', '-fdx');
  for (const branch of git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n')) {
    if (branch && branch !== fixture.branch) git('branch', '-q', '-D', branch);
  }
  api?.model.refreshAll();
}

/** The extension on the demo repository as the suites started, and its one folder: a suite's `before`. */
export async function openDemo(): Promise<{ api: PlaybooksExtensionApi; folder: PlaybookFolder }> {
  const api = await activateExtension();
  await resetWorkspace(api);
  const folder = api.model.folders[0];
  assert.ok(folder, 'a workspace folder');
  return { api, folder };
}

/** The id of the demo's run with this name. */
export function runIdNamed(folder: PlaybookFolder, name: string): string {
  const run = folder.snapshot.runs.find((each) => each.name === name);
  assert.ok(run, `run "${name}" in the demo`);
  return run.id;
}
