import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlaybooksRepository } from './playbooksRepository';
import { runShard } from './runFolders';

/** One run folder to move into the folder of its month. Paths are absolute. */
export interface RunMove {
  runId: string;
  from: string;
  to: string;
}

/** A folder migrate leaves where it is, and why (said to the person, never silently). */
export interface RunLeftInPlace {
  runId: string;
  dir: string;
  reason: string;
}

export interface MigrationPlan {
  /** Ordered by id, so the output reads like the listing. */
  moves: RunMove[];
  /** Runs that cannot move (their month folder already has a folder of that name). */
  blocked: RunLeftInPlace[];
  /** Runs whose id has no date prefix: they stay flat (runs/<run>/), which is where they belong. */
  undated: string[];
}

/**
 * What `git-playbooks migrate` moves: every run still flat in runs/ whose id starts with a date
 * goes to runs/YYYY/MM/<run>/, and a run in the wrong month folder to its own. Pure planning: the
 * moves are carried out by git (src/git/moveRunFolders.ts) so history follows, or by
 * {@link moveOnDisk} outside git. Planning again after a migration finds nothing to move.
 */
export function planRunMigration(repo: PlaybooksRepository): MigrationPlan {
  const layout = repo.layout;
  const scan = repo.scanRuns();
  const moves: RunMove[] = [];
  const blocked: RunLeftInPlace[] = [];
  const undated: string[] = [];
  const candidates = [
    ...scan.ids.filter((id) => scan.places.get(id) === 'flat').map((id) => ({ id, dir: layout.flatRunDir(id) })),
    ...scan.misplaced.filter((folder) => folder.reason === 'wrong-month').map((folder) => ({ id: folder.id, dir: folder.dir })),
  ];
  for (const { id, dir } of candidates) {
    if (runShard(id) === undefined && dir === layout.flatRunDir(id)) {
      undated.push(id);
      continue;
    }
    const to = layout.shardedRunDir(id);
    if (fs.lstatSync(to, { throwIfNoEntry: false }) !== undefined) {
      blocked.push({ runId: id, dir, reason: `${layout.relative(to)} already exists` });
      continue;
    }
    // The month folder may be a symbolic link out of the playbooks folder: refused before anything moves.
    layout.assertWritable(to);
    moves.push({ runId: id, from: dir, to });
  }
  for (const folder of scan.misplaced.filter((entry) => entry.reason === 'shadowed')) {
    blocked.push({ runId: folder.id, dir: folder.dir, reason: `${layout.relativeRunDir(folder.id)} already exists and is the one read` });
  }
  const byId = (a: { runId: string }, b: { runId: string }): number => a.runId.localeCompare(b.runId);
  return { moves: moves.sort(byId), blocked: blocked.sort(byId), undated: undated.sort() };
}

/** Carries the moves out with plain renames: for a playbooks folder that is not in a git repository. */
export function moveOnDisk(moves: readonly RunMove[]): void {
  for (const move of moves) {
    fs.mkdirSync(path.dirname(move.to), { recursive: true });
    fs.renameSync(move.from, move.to);
  }
}
