import { summarizeRunActions, type RunActionsSummary } from '../actions/actionFigures';
import type { ReadResult } from '../files/documentReader';
import type { Problem } from '../files/problem';
import type { Run } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import type { PlaybookSummary, RunSummary } from './indexTypes';
import type { StampedText } from './fileStamp';

const errorCount = (problems: readonly Problem[]): number => problems.filter((problem) => problem.severity === 'error').length;

export function summarizePlaybook(repo: PlaybooksRepository, slug: string, stamped: StampedText): PlaybookSummary {
  const result = 'text' in stamped.read ? repo.parsePlaybook(slug, stamped.read.text) : { problems: [stamped.read.problem] };
  return {
    slug,
    title: result.data?.title ?? slug,
    file: repo.layout.relative(repo.layout.playbookFile(slug)),
    errors: errorCount(result.problems),
    ...(result.data ? { playbook: result.data } : {}),
  };
}

/** A run's summary without its retrospective status (that comes from another file). */
export function summarizeRun(repo: PlaybooksRepository, id: string, stamped: StampedText, displayName: string): RunSummary {
  const result: ReadResult<Run> = 'text' in stamped.read ? repo.parseRun(id, stamped.read.text, 'unchecked', displayName) : { problems: [stamped.read.problem] };
  return runSummary(id, result.data, errorCount(result.problems));
}

export function runSummary(id: string, run: Run | undefined, errors: number): RunSummary {
  if (!run) {
    return {
      id, name: id, playbook: '', status: 'in_progress', owner: '', participants: [], startedAt: '', tasksDone: 0, tasksTotal: 0,
      retrospective: 'none', errors: Math.max(errors, 1), readable: false, retrospectiveEnabled: false, statusUpdatesEnabled: false,
    };
  }
  let tasksDone = 0;
  let tasksTotal = 0;
  for (const checklist of run.checklists) {
    for (const item of checklist.items) {
      tasksTotal += 1;
      // Skipped tasks count as done, as in Mattermost.
      if (item.state === 'closed' || item.state === 'skipped') tasksDone += 1;
    }
  }
  const reminder = run.statusUpdates.enabled ? run.statusUpdates.reminder : undefined;
  return {
    id,
    name: detached(run.name),
    playbook: shared(run.playbook),
    status: run.status,
    owner: shared(run.owner),
    participants: run.participants.map(shared),
    startedAt: detached(run.startedAt),
    ...(run.endedAt !== undefined ? { endedAt: detached(run.endedAt) } : {}),
    tasksDone,
    tasksTotal,
    retrospective: 'none',
    errors,
    readable: true,
    retrospectiveEnabled: run.retrospective.enabled,
    statusUpdatesEnabled: run.statusUpdates.enabled,
    ...(reminder !== undefined ? { statusUpdateReminder: shared(reminder) } : {}),
  };
}

/**
 * A copy of a string that does not keep the file's text alive: the parser returns slices of it, and
 * 20,000 summaries holding one slice each would hold every run file in memory.
 */
function detached(value: string): string {
  return (` ${value}`).slice(1);
}

/** Owners, playbooks and cadences repeat across thousands of runs: one copy each. */
const sharedStrings = new Map<string, string>();
function shared(value: string): string {
  let copy = sharedStrings.get(value);
  if (copy === undefined) {
    if (sharedStrings.size > 50_000) sharedStrings.clear();
    copy = detached(value);
    sharedStrings.set(copy, copy);
  }
  return copy;
}

export interface RetrospectiveFacts {
  status: RunSummary['retrospective'];
  /** Its open follow-up actions, when it has any. */
  actions?: RunActionsSummary;
}

/** The retrospective's status (`invalid` when its front matter cannot be read) and its open actions, from one parse. */
export function retrospectiveFacts(repo: PlaybooksRepository, id: string, stamped: StampedText, displayName: string): RetrospectiveFacts {
  if (!('text' in stamped.read)) return { status: 'invalid' };
  const meta = repo.parseRetrospective(id, stamped.read.text, undefined, displayName).data;
  const actions = summarizeRunActions(meta);
  return { status: meta?.status ?? 'invalid', ...(actions ? { actions } : {}) };
}
