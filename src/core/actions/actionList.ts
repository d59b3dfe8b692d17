import * as fs from 'node:fs';
import { errorsOf, readTextFile, usableData } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { readProblems } from '../files/textChecks';
import { noRunError, type PlaybooksRepository } from '../repository/playbooksRepository';
import { readActionDeadlines } from '../review/reviewConfig';
import { OperationRefused } from '../runs/operationContext';
import { actionView } from './actionDeadlines';
import type { ActionView } from './actionTypes';

export interface ActionFilter {
  overdue?: boolean;
  owner?: string;
  playbook?: string;
  runId?: string;
  /** Only open and in-progress ones. */
  openOnly?: boolean;
  /** Told about each run left out because its retrospective or run file has errors. */
  onSkipped?: (runId: string, problems: Problem[]) => void;
}

/** A front matter key `actions:` at the start of a line: what a retrospective without actions never has. */
const HAS_ACTIONS = /(?:^|\n)actions[ \t]*:/;

/**
 * Every action of the repository (or of the filter), with its deadline worked out against `now`:
 * overdue first, then by deadline (none last), run and id. Reads only retrospectives, and parses only
 * those that have `actions:` (and then their run.yaml, for its name and playbook), so a repository
 * of 20,000 runs costs one small read per run.
 */
export function listActions(repo: PlaybooksRepository, now: Date, filter: ActionFilter = {}): ActionView[] {
  if (filter.runId !== undefined && !repo.runExists(filter.runId)) throw noRunError(filter.runId);
  const deadlines = readActionDeadlines(repo);
  const owner = filter.owner?.trim().toLowerCase();
  const views: ActionView[] = [];
  let playbookSeen = false;
  for (const runId of filter.runId !== undefined ? [filter.runId] : repo.listRunIds()) {
    const file = repo.layout.retrospectiveFile(runId);
    if (!fs.existsSync(file)) continue;
    const read = readTextFile(file, repo.layout.relative(file));
    if ('problem' in read) {
      filter.onSkipped?.(runId, readProblems(read));
      continue;
    }
    if (!HAS_ACTIONS.test(read.text)) continue;
    const retroRead = repo.parseRetrospective(runId, read.text);
    const meta = usableData(retroRead);
    if (meta === undefined) {
      filter.onSkipped?.(runId, errorsOf(retroRead));
      continue;
    }
    if ((meta.actions ?? []).length === 0) continue;
    const runRead = repo.readRun(runId, 'unchecked');
    const run = usableData(runRead);
    if (run === undefined) {
      filter.onSkipped?.(runId, errorsOf(runRead));
      continue;
    }
    if (filter.playbook !== undefined && run.playbook !== filter.playbook) continue;
    playbookSeen = true;
    const facts = { runId, runName: run.name, playbook: run.playbook, publishedAt: meta.status === 'published' ? meta.publishedAt : undefined };
    for (const action of meta.actions ?? []) {
      const view = actionView(action, facts, deadlines, now);
      if (owner !== undefined && view.owner?.trim().toLowerCase() !== owner) continue;
      if (filter.overdue === true && !view.overdue) continue;
      if (filter.openOnly === true && view.status !== 'open' && view.status !== 'in_progress') continue;
      views.push(view);
    }
  }
  // A misspelt playbook is a mistake, not an empty answer (as run list).
  if (filter.playbook !== undefined && !playbookSeen && !repo.playbookExists(filter.playbook)) {
    const known = repo.listPlaybookSlugs();
    throw new OperationRefused(`no playbook ${JSON.stringify(filter.playbook)}${known.length > 0 ? `; playbooks: ${known.join(', ')}` : ''}`);
  }
  return views.sort(compareViews);
}

function compareViews(a: ActionView, b: ActionView): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const dueA = a.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(a.dueAt);
  const dueB = b.dueAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(b.dueAt);
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.runId.localeCompare(b.runId) || a.id.localeCompare(b.id);
}
