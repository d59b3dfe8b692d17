import { median } from '../util/median';
import { stampOf } from '../index/fileStamp';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { readActionDeadlines, reviewConfigPath } from '../review/reviewConfig';
import { actionDueTime } from './actionDeadlines';
import type { ActionFigures, ActionTally } from '../reports/reportTypes';
import { ACTION_PRIORITIES, ACTION_STATUSES, type ActionPriority, type ActionView } from './actionTypes';

/*
 * Figures over follow-up actions for the editor and the reports: how many are open and overdue per
 * run (kept in the index, so the tree counts 20,000 runs without reading a retrospective), and the
 * report's card (open, overdue, median time to close, by priority).
 */

/** What the tree needs of a run's open actions to tell, at any later time, which are overdue. */
export interface RunActionsSummary {
  /** Open and in-progress actions: what their deadline is worked out from, and who is reminded. */
  open: Array<{ due?: string; priority?: string; owner?: string }>;
  /** A duration `due` and a priority deadline count from here; before publishing they have no date. */
  publishedAt?: string;
}

/** The deadline (ms) of an action, or undefined when it has none yet; built from the repository's deadlines. */
export type DeadlineOf = (action: { due?: string; priority?: string }, publishedAt: string | undefined) => number | undefined;

export interface OpenActionCounts {
  open: number;
  overdue: number;
}

const OPEN_STATUSES: ReadonlySet<unknown> = new Set(['open', 'in_progress']);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The open actions of a parsed retrospective front matter, or undefined when it has none. Read
 * leniently (the index parses without the schema's last word): a malformed entry counts as open
 * without a deadline rather than vanish from the counts.
 */
export function summarizeRunActions(meta: unknown): RunActionsSummary | undefined {
  if (!isRecord(meta) || !Array.isArray(meta['actions'])) return undefined;
  const open: RunActionsSummary['open'] = [];
  for (const action of meta['actions'] as unknown[]) {
    if (!isRecord(action) || !OPEN_STATUSES.has(action['status'] ?? 'open')) continue;
    const due = textOf(action['due']);
    const priority = textOf(action['priority']);
    const owner = textOf(action['owner']);
    open.push({ ...(due !== undefined ? { due } : {}), ...(priority !== undefined ? { priority } : {}), ...(owner !== undefined ? { owner } : {}) });
  }
  if (open.length === 0) return undefined;
  const publishedAt = meta['status'] === 'published' ? textOf(meta['publishedAt']) : undefined;
  return { open, ...(publishedAt !== undefined ? { publishedAt } : {}) };
}

/** Open and overdue actions over many runs' summaries (runs without any cost a property read). */
export function countOpenActions(summaries: Iterable<RunActionsSummary | undefined>, deadlineOf: DeadlineOf, now: Date): OpenActionCounts {
  const nowMs = now.getTime();
  const counts: OpenActionCounts = { open: 0, overdue: 0 };
  for (const summary of summaries) {
    if (summary === undefined) continue;
    for (const action of summary.open) {
      counts.open += 1;
      const deadline = deadlineOf(action, summary.publishedAt);
      if (deadline !== undefined && deadline < nowMs) counts.overdue += 1;
    }
  }
  return counts;
}

/** The earliest deadline still to come (ms), so a view can re-render when an action turns overdue. */
export function nextDeadline(summaries: Iterable<RunActionsSummary | undefined>, deadlineOf: DeadlineOf, now: Date): number | undefined {
  const nowMs = now.getTime();
  let next: number | undefined;
  for (const summary of summaries) {
    for (const action of summary?.open ?? []) {
      const deadline = deadlineOf(action, summary?.publishedAt);
      if (deadline !== undefined && deadline >= nowMs && (next === undefined || deadline < next)) next = deadline;
    }
  }
  return next;
}

/** "3 open actions · 1 overdue", "1 open action"; undefined when there is none. */
export function openActionsText(counts: OpenActionCounts): string | undefined {
  if (counts.open === 0) return undefined;
  const open = `${counts.open.toLocaleString('en-US')} open ${counts.open === 1 ? 'action' : 'actions'}`;
  return counts.overdue > 0 ? `${open} · ${counts.overdue.toLocaleString('en-US')} overdue` : open;
}

/**
 * The report's Actions card: open (open and in progress), overdue, closed (done and won't do), the
 * median time from creation to closing of the closed ones, and the same per priority.
 */
export function actionFigures(actions: readonly ActionView[]): ActionFigures {
  const byPriority = [...ACTION_PRIORITIES, 'none' as const].map((priority) => ({ priority, ...tally(actions.filter((action) => (action.priority ?? 'none') === priority)) }));
  return {
    ...tally(actions),
    byStatus: Object.fromEntries(ACTION_STATUSES.map((status) => [status, actions.filter((action) => action.status === status).length])) as ActionFigures['byStatus'],
    // Priorities nobody used would only be empty rows.
    byPriority: byPriority.filter((figures) => figures.total > 0),
    byRun: [...groupBy(actions, (action) => action.runId)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([run, ofRun]) => ({ run, ...tally(ofRun) })),
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function tally(actions: readonly ActionView[]): ActionTally {
  let open = 0;
  let overdue = 0;
  const closeTimes: number[] = [];
  for (const action of actions) {
    if (OPEN_STATUSES.has(action.status)) {
      open += 1;
      if (action.overdue) overdue += 1;
      continue;
    }
    const created = Date.parse(action.createdAt);
    const closed = action.closedAt === undefined ? Number.NaN : Date.parse(action.closedAt);
    // A clock that ran backwards, or a hand edit, must not give a negative time.
    if (!Number.isNaN(created) && !Number.isNaN(closed)) closeTimes.push(Math.max(0, closed - created));
  }
  const closed = actions.length - open;
  return { total: actions.length, open, overdue, closed, medianTimeToClose: median(closeTimes) };
}


const deadlineCache = new WeakMap<PlaybooksRepository, { stamp: string | undefined; deadlineOf: DeadlineOf }>();

/** The repository's deadline function, read again only when review.yaml changed (one stat per call). */
export function repositoryDeadlineOf(repo: PlaybooksRepository): DeadlineOf {
  const stamp = stampOf(reviewConfigPath(repo));
  const cached = deadlineCache.get(repo);
  if (cached && cached.stamp === stamp) return cached.deadlineOf;
  const deadlines = readActionDeadlines(repo);
  const deadlineOf: DeadlineOf = (action, publishedAt) => actionDueTime({ due: action.due, priority: priorityOf(action.priority) }, publishedAt, deadlines);
  deadlineCache.set(repo, { stamp, deadlineOf });
  return deadlineOf;
}

/** The index keeps the priority as written; only a known one has a deadline. */
function priorityOf(text: string | undefined): ActionPriority | undefined {
  return ACTION_PRIORITIES.find((priority) => priority === text);
}
