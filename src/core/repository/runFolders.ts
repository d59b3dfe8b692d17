import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSlug } from '../util/slug';

/**
 * Run folders are sharded by the month of the run's start: runs/2026/11/2026-11-24-db-down/. The
 * month comes from the id (startRun names every run `<start date>-<slug>`), so where a run lives
 * is known from its id alone. An id without a valid date prefix (a hand-made or imported run)
 * lives flat in runs/<id>/, and so do runs of repositories made before sharding until
 * `git-playbooks migrate` moves them.
 */
const DATED_ID = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])-./;
/** A four-digit folder in runs/ is a year, never a run; its months are 01 to 12. */
const YEAR_FOLDER = /^\d{4}$/;
const MONTH_FOLDER = /^(0[1-9]|1[0-2])$/;

/** The month folder of a run, "2026/11", or undefined when its id has no date prefix. */
export function runShard(runId: string): string | undefined {
  const match = DATED_ID.exec(runId);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export function isYearFolder(name: string): boolean {
  return YEAR_FOLDER.test(name);
}

export function isMonthFolder(name: string): boolean {
  return MONTH_FOLDER.test(name);
}

/** Where a listed run was found: its month folder, or flat in runs/ (undated, or not migrated yet). */
export type RunPlace = 'sharded' | 'flat';

/** A folder that looks like a run but is not where its id says: not read, reported by validate, moved by migrate. */
export interface MisplacedRunFolder {
  id: string;
  /** Absolute path of the folder. */
  dir: string;
  reason: 'wrong-month' | 'shadowed';
}

export interface RunFolderScan {
  /** Every run found where its id says it lives, by id. */
  places: Map<string, RunPlace>;
  misplaced: MisplacedRunFolder[];
}

/**
 * One pass over runs/: its entries, its year folders and their month folders (a few hundred
 * readdir calls for 20,000 runs, no stat of each run). A dated run found both flat and in its
 * month folder is read from the month folder; the flat copy is reported as shadowed.
 */
export function scanRunFolders(runsDir: string): RunFolderScan {
  const places = new Map<string, RunPlace>();
  const misplaced: MisplacedRunFolder[] = [];
  const flat: string[] = [];
  for (const entry of directories(runsDir)) {
    if (isYearFolder(entry)) {
      for (const month of directories(path.join(runsDir, entry))) {
        if (!isMonthFolder(month)) continue;
        const shard = `${entry}/${month}`;
        const monthDir = path.join(runsDir, entry, month);
        for (const id of directories(monthDir)) {
          if (!isSlug(id)) continue;
          if (runShard(id) === shard) places.set(id, 'sharded');
          else misplaced.push({ id, dir: path.join(monthDir, id), reason: 'wrong-month' });
        }
      }
    } else if (isSlug(entry)) flat.push(entry);
  }
  for (const id of flat) {
    if (places.has(id)) misplaced.push({ id, dir: path.join(runsDir, id), reason: 'shadowed' });
    else places.set(id, 'flat');
  }
  return { places, misplaced };
}

function directories(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}
