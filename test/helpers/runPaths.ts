import * as fs from 'node:fs';
import * as path from 'node:path';
import { runShard } from '../../src/core/repository/runFolders';

/** A run's folder (or a file in it) as git-playbooks writes it, repository-relative: playbooks/runs/2026/11/<run>. */
export function runPath(runId: string, file?: string): string {
  const shard = runShard(runId);
  return `playbooks/runs/${shard === undefined ? '' : `${shard}/`}${runId}${file === undefined ? '' : `/${file}`}`;
}

/**
 * Every run folder under a runs/ folder, by id: flat ones and those in month folders (runs/YYYY/MM/).
 * Read here with plain readdir, so tests check the extension's listing against the disk, not against itself.
 */
export function runFoldersIn(runsDir: string): Map<string, string> {
  const folders = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
  const found = new Map<string, string>();
  for (const name of folders(runsDir)) {
    if (!/^\d{4}$/.test(name)) found.set(name, path.join(runsDir, name));
    else for (const month of folders(path.join(runsDir, name))) for (const id of folders(path.join(runsDir, name, month))) found.set(id, path.join(runsDir, name, month, id));
  }
  return found;
}
