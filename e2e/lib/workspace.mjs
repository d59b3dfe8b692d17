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
 * Run ids of the workspace, sorted: folders in runs/YYYY/MM/ (where runs are written) and flat in
 * runs/ (repositories made before runs were sharded by month).
 * @param {string} workspace
 * @returns {string[]}
 */
function runIds(workspace) {
  const dir = path.join(workspace, 'playbooks/runs');
  /** @param {string} folder */
  const folders = (folder) => fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
  const ids = [];
  for (const name of folders(dir)) {
    if (!/^\d{4}$/.test(name)) ids.push(name);
    else for (const month of folders(path.join(dir, name))) ids.push(...folders(path.join(dir, name, month)));
  }
  return ids.sort();
}

/**
 * A run's folder, or a file in it, relative to the workspace: `playbooks/runs/2026/11/<id>` for an
 * id that starts with a date (every run git-playbooks starts), else `playbooks/runs/<id>`.
 * @param {string} runId
 * @param {string} [file]
 * @returns {string}
 */
function runPath(runId, file) {
  const month = /^(\d{4})-(\d{2})-\d{2}-/.exec(runId);
  const dir = month ? `playbooks/runs/${month[1]}/${month[2]}/${runId}` : `playbooks/runs/${runId}`;
  return file === undefined ? dir : `${dir}/${file}`;
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

export { autoSaveOff, git, readWorkspaceFile, runIds, runPath };
