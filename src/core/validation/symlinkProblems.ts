import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../files/problem';
import { isSameOrInside, realPathOf } from '../files/realPath';
import { RETROSPECTIVE_FILE, RUN_FILE, TIMELINE_FILE, type Layout } from '../repository/layout';
import { isMonthFolder, isYearFolder } from '../repository/runFolders';

const RUN_FILES = new Set([RUN_FILE, TIMELINE_FILE, RETROSPECTIVE_FILE]);

export function isSymbolicLink(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

/**
 * Symbolic links where git-playbooks reads: the folder, runs/, playbook files, year and month
 * folders, run folders and their files. Listing skips them, so without this a link would pass
 * validation unseen; one out of the playbooks folder (a cloned repository can carry it) is an
 * error, as writes through it are refused.
 * includesRun: the run folders to look in (`validate <path>` looks in those of its scope only).
 */
export function symlinkProblems(layout: Layout, includesRun: (runDir: string) => boolean = () => true): Problem[] {
  const links = [layout.playbooksDir, layout.runsDir].filter(isSymbolicLink);
  links.push(...entries(layout.playbooksDir).filter((name) => /\.(ya?ml|retro\.md)$/.test(name)).map((name) => path.join(layout.playbooksDir, name)).filter(isSymbolicLink));
  for (const runDir of runFolderCandidates(layout.runsDir, links)) {
    if (!includesRun(runDir)) continue;
    if (isSymbolicLink(runDir)) links.push(runDir);
    else links.push(...entries(runDir).filter((file) => RUN_FILES.has(file)).map((file) => path.join(runDir, file)).filter(isSymbolicLink));
  }
  const realFolder = realPathOf(layout.playbooksDir);
  return links.map((link) => {
    const target = realPathOf(link);
    const file = layout.relative(link);
    return isSameOrInside(realFolder, target) && target !== realFolder
      ? { file, line: 1, column: 1, severity: 'warning', message: 'symbolic link: git-playbooks does not read through it here; put the file or folder itself here' }
      : { file, line: 1, column: 1, severity: 'error', message: `symbolic link to ${target}, outside the playbooks folder: git-playbooks refuses to read or write through it` };
  });
}

/** Every folder where a run may be, flat or in a month folder; linked year and month folders go to `links`. */
function runFolderCandidates(runsDir: string, links: string[]): string[] {
  const candidates: string[] = [];
  for (const name of entries(runsDir)) {
    const entry = path.join(runsDir, name);
    if (!isYearFolder(name)) {
      candidates.push(entry);
      continue;
    }
    if (isSymbolicLink(entry)) links.push(entry);
    for (const month of entries(entry).filter(isMonthFolder)) {
      const monthDir = path.join(entry, month);
      if (isSymbolicLink(monthDir)) links.push(monthDir);
      else candidates.push(...entries(monthDir).map((id) => path.join(monthDir, id)));
    }
  }
  return candidates;
}

function entries(dir: string): string[] {
  try {
    return fs.lstatSync(dir).isDirectory() ? fs.readdirSync(dir).sort() : [];
  } catch {
    return [];
  }
}
