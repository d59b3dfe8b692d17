// Reading the journey's workspace (a fresh copy of the demo repository) from the test side.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Runs git in the workspace and returns its trimmed output.
 * @param {string} workspace
 * @param {...string} args
 * @returns {string}
 */
function git(workspace, ...args) {
  return execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
}

/**
 * Reads a workspace file (path relative to the workspace), or undefined if it does not exist.
 * @param {string} workspace
 * @param {string} relative
 * @returns {string | undefined}
 */
function readWorkspaceFile(workspace, relative) {
  const file = path.join(workspace, relative);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/**
 * Run folders of the workspace (`playbooks/runs/<id>`), sorted.
 * @param {string} workspace
 * @returns {string[]}
 */
function runIds(workspace) {
  const dir = path.join(workspace, 'playbooks/runs');
  return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
}

/**
 * Turns VS Code's auto-save off for a workspace (in the browser it saves after a second by default):
 * for journeys that check what is on disk before and after saving by hand.
 * @param {string} workspace
 */
function autoSaveOff(workspace) {
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), '{ "files.autoSave": "off" }\n');
}

export { autoSaveOff, git, readWorkspaceFile, runIds };
