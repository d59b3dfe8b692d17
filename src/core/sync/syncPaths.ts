import * as path from 'node:path';
import { NOT_PUBLISHED } from '../publishing/publishPlan';
import type { Layout } from '../repository/layout';
import { noRunError } from '../repository/playbooksRepository';

/**
 * Which repository paths sync looks at and commits, and which run a path belongs to. Paths are
 * repository-relative with "/" (as git prints them). Run folders are found through the Layout
 * only, never by assuming where a run lives, so a change of layout (sharding runs by month)
 * needs nothing here.
 */

/** A run's two files that sync reads to describe what changed, repository-relative. */
export interface RunFilePaths {
  run: string;
  timeline: string;
}

/**
 * The folders whose pending changes a sync commits: the whole playbooks folder, or only the
 * named runs' folders. A run id that names no run is refused (a typo would commit nothing and
 * say nothing).
 */
export function syncScope(layout: Layout, runs: readonly string[] | undefined, runExists: (runId: string) => boolean): string[] {
  if (runs === undefined || runs.length === 0) return [layout.folder];
  return [...new Set(runs)].map((runId) => {
    // runDir checks the id is a slug (OperationRefused otherwise) before it reaches a path.
    const folder = layout.relative(layout.runDir(runId));
    if (!runExists(runId)) throw noRunError(runId);
    return folder;
  });
}

/** Whether sync commits this file: lock, temporary and staging leftovers of an interrupted write never are. */
export function isSyncedFile(repoPath: string): boolean {
  return !NOT_PUBLISHED.test(repoPath) && !/(^|\/)\.staging-[^/]*(\/|$)/.test(repoPath);
}

/** A file people write prose in (a retrospective, a README): a merge conflict there may stay as git's markers. */
export function isProse(repoPath: string): boolean {
  return /\.md$/i.test(repoPath);
}

export function isInsideFolder(layout: Layout, repoPath: string): boolean {
  return repoPath.startsWith(`${layout.folder}/`);
}

/**
 * The run a file belongs to, or undefined (a playbook, the folder's README, a file elsewhere):
 * the run whose folder, as the Layout places it, holds the file.
 */
export function runIdOfPath(layout: Layout, repoPath: string): string | undefined {
  const run = layout.runOfPath(path.join(layout.root, ...repoPath.split('/')));
  // A file below the folder the Layout places the run in (not a flat copy shadowed by its month folder).
  return run !== undefined && run.rest.length > 0 && run.dir === layout.runDir(run.runId) ? run.runId : undefined;
}

export function runFilePaths(layout: Layout, runId: string): RunFilePaths {
  return { run: layout.relative(layout.runFile(runId)), timeline: layout.relative(layout.timelineFile(runId)) };
}

/** The runs the paths belong to (sorted), and the paths that belong to none. */
export function groupByRun(layout: Layout, repoPaths: readonly string[]): { runIds: string[]; otherFiles: string[] } {
  const runIds = new Set<string>();
  const otherFiles: string[] = [];
  for (const repoPath of repoPaths) {
    const runId = runIdOfPath(layout, repoPath);
    if (runId === undefined) otherFiles.push(repoPath);
    else runIds.add(runId);
  }
  return { runIds: [...runIds].sort(), otherFiles: otherFiles.sort() };
}
