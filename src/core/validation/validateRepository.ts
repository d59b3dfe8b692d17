import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Playbook } from '../model/types';
import type { Problem } from '../files/problem';
import { isSameOrInside, realPathOf } from '../files/realPath';
import { OperationRefused } from '../model/errors';
import { RETROSPECTIVE_FILE, RUN_FILE, TIMELINE_FILE, type Layout } from '../repository/layout';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import type { MisplacedRunFolder } from '../repository/runFolders';
import { strayFileProblem } from './documentProblems';
import { readReviewConfig, reviewConfigPath } from '../review/reviewConfig';
import { missingAttributeLines } from '../sync/mergeAttributes';
import { isSymbolicLink, symlinkProblems } from './symlinkProblems';

/**
 * Validates every file under the playbooks folder (or only those under `only`, a path inside it):
 * schema, cross-file checks (a retrospective against its playbook's metrics) and stray files.
 * Never throws for bad content: everything becomes a problem with file:line:col.
 */
export function validateRepository(repo: PlaybooksRepository, only?: string): Problem[] {
  const layout = repo.layout;
  const scope = only === undefined ? undefined : path.resolve(only);
  const inScope = (file: string): boolean => scope === undefined || file === scope || file.startsWith(scope + path.sep);
  const problems: Problem[] = [];
  if (!repo.exists()) {
    return [{ file: layout.folder, line: 1, column: 1, message: `no playbooks folder "${layout.folder}" here; run "git-playbooks init" first`, severity: 'error' }];
  }
  const playbooks = new Map<string, Playbook>();
  const slugs = repo.listPlaybookSlugs();
  for (const slug of slugs) {
    const result = repo.readPlaybook(slug);
    if (result.data !== undefined) playbooks.set(slug, result.data);
    if (inScope(layout.playbookFile(slug))) problems.push(...result.problems);
  }
  if (inScope(reviewConfigPath(repo))) problems.push(...readReviewConfig(repo).problems);
  for (const stray of repo.strayFiles()) {
    if (!inScope(path.join(layout.root, stray))) continue;
    problems.push(strayFileProblem(stray));
  }
  // A run is read when it is inside the scope or the scope is one of its files.
  const includesRun = (dir: string): boolean => scope === undefined || inScope(dir) || scope.startsWith(dir + path.sep);
  const listed = new Set(slugs);
  const scan = repo.scanRuns();
  for (const runId of scan.ids) {
    if (includesRun(layout.runDir(runId))) problems.push(...validateRun(repo, runId, playbooks, listed));
  }
  for (const folder of scan.misplaced) if (includesRun(folder.dir)) problems.push(misplacedProblem(layout, folder));
  problems.push(...symlinkProblems(layout, includesRun));
  if (scope === undefined && scan.ids.length > 0) problems.push(...checkMergeAttributes(repo));
  return problems
    .filter((problem) => inScope(path.join(layout.root, problem.file)))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * The file or folder `validate <path>` checks (undefined: everything). Refused when it does not
 * exist, lies outside the repository, or holds nothing git-playbooks reads: a typo in a CI
 * workflow must fail, not pass with "No problems.". shownAs: the path as the person typed it.
 */
export function validationScope(layout: Layout, target: string, shownAs: string): string | undefined {
  let absolute = path.resolve(target);
  if (!fs.existsSync(absolute) && !isSymbolicLink(absolute)) throw new OperationRefused(`${JSON.stringify(shownAs)} does not exist; nothing to validate`);
  if (!isSameOrInside(layout.root, absolute)) {
    // The same place under another name (/var and /private/var on macOS) is inside all the same.
    const realRoot = realPathOf(layout.root);
    const real = realPathOf(absolute);
    if (!isSameOrInside(realRoot, real)) throw new OperationRefused(`${JSON.stringify(shownAs)} is outside the repository at ${layout.root}`);
    absolute = path.join(layout.root, path.relative(realRoot, real));
  }
  if (absolute === layout.root) return undefined;
  if (!isSameOrInside(layout.playbooksDir, absolute) && !isSameOrInside(absolute, layout.playbooksDir)) {
    throw new OperationRefused(`${JSON.stringify(shownAs)} is not in the playbooks folder ${layout.folder}; nothing there to validate`);
  }
  return absolute;
}

/** A run folder that is not where its id says is not read: say where it belongs. */
function misplacedProblem(layout: Layout, folder: MisplacedRunFolder): Problem {
  const file = layout.relative(folder.dir);
  const message = folder.reason === 'shadowed'
    ? `run "${folder.id}" is also in ${layout.relativeRunDir(folder.id)}, which is the one read; this flat copy is not read: remove it once nothing in it is needed`
    : `this run folder is not read here: run "${folder.id}" belongs in ${layout.relative(layout.shardedRunDir(folder.id))} ("git-playbooks migrate" moves it)`;
  return { file, line: 1, column: 1, severity: 'warning', message };
}

/** listed: the playbooks listed above, so that a run's playbook is not looked up on disk 20,000 times. */
function validateRun(repo: PlaybooksRepository, runId: string, playbooks: Map<string, Playbook>, listed: ReadonlySet<string>): Problem[] {
  const layout = repo.layout;
  const problems: Problem[] = [];
  const missing = (name: string): Problem => ({ file: layout.relative(path.join(layout.runDir(runId), name)), line: 1, column: 1, message: `run folder has no ${name}`, severity: 'error' });
  // A linked file is reported by symlinkProblems and not read: it may lead anywhere.
  if (isSymbolicLink(layout.runFile(runId))) return [];
  if (!fs.existsSync(layout.runFile(runId))) return [missing(RUN_FILE)];
  const run = repo.readRun(runId, (slug) => listed.has(slug));
  problems.push(...run.problems);
  const timelineLinked = isSymbolicLink(layout.timelineFile(runId));
  if (!timelineLinked && fs.existsSync(layout.timelineFile(runId))) problems.push(...repo.readTimeline(runId).problems);
  else if (!timelineLinked) problems.push(missing(TIMELINE_FILE));
  const retroEnabled = run.data?.retrospective.enabled ?? false;
  if (isSymbolicLink(layout.retrospectiveFile(runId))) return problems;
  if (repo.hasRetrospective(runId)) {
    const playbook = run.data ? playbooks.get(run.data.playbook) : undefined;
    problems.push(...repo.readRetrospective(runId, playbook, run.data?.startedAt).problems);
  } else if (retroEnabled) {
    problems.push({ ...missing(RETROSPECTIVE_FILE), severity: 'warning', message: `run has the retrospective on but no ${RETROSPECTIVE_FILE}` });
  }
  return problems;
}

/** Without the merge lines of .gitattributes, two branches changing one run conflict; say so once (where there are runs). */
function checkMergeAttributes(repo: PlaybooksRepository): Problem[] {
  const file = path.join(repo.layout.root, '.gitattributes');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return missingAttributeLines(repo.layout, text, { acceptOlder: true }).map((missing) => ({
    file: '.gitattributes',
    line: 1,
    column: 1,
    message: `add "${missing.line}": without it ${missing.without} (git-playbooks init adds it)`,
    severity: 'warning' as const,
  }));
}
