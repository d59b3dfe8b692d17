/**
 * Builds what the run editor page shows from the run's files. Imports only the core (no `vscode`),
 * so it is unit-tested in plain Node on real files.
 */
import type { Problem } from '../core/files/problem';
import { usableData, type ReadResult } from '../core/files/documentReader';
import { formatMetricNumber, metricNumber } from '../core/metrics/metricValues';
import type { MetricConfig, Playbook, RetrospectiveMeta, Run, TimelineEvent } from '../core/model/types';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { metricId } from '../core/validation/semanticChecks';
import { actionView } from '../core/actions/actionDeadlines';
import { readActionDeadlines } from '../core/review/reviewConfig';
import type { ActionView } from '../core/actions/actionTypes';
import type { FollowUpView, MetricView, RunViewState } from '../shared/protocol';
import { DEFAULT_QUERY, readSortedTimeline, statusUpdatesView, timelineView, type TimelineCache, type TimelineQuery } from './runTimelineView';

export interface RunViewOptions {
  /** Untrusted workspace: the page offers no change at all. */
  readOnly: boolean;
  /** What the page lists of the timeline (its filter, how many); the first page by default. */
  query?: TimelineQuery;
  /** Keeps the parsed timeline across states while its file is unchanged; without, it is read every time. */
  cache?: TimelineCache;
  /** What follow-up deadlines are measured against; the system clock by default. */
  now?: Date;
}

/** The page's state; a broken file yields its problems (and whatever else could be read), never a throw. */
export function buildRunViewState(repo: PlaybooksRepository, runId: string, options: RunViewOptions): RunViewState {
  const problems: RunViewState['problems'] = [];
  const collect = <T>(result: ReadResult<T>): T | undefined => {
    problems.push(...result.problems.map(toProblemView));
    return usableData(result);
  };

  const run = repo.runExists(runId) ? collect(repo.readRun(runId)) : undefined;
  if (!run) {
    if (problems.length === 0) problems.push({ file: repo.layout.relative(repo.layout.runFile(runId)), line: 1, column: 1, severity: 'error', message: `run "${runId}" does not exist (any more)` });
    return emptyRunState(runId, options.readOnly, problems);
  }
  const playbook = repo.playbookExists(run.playbook) ? collect(repo.readPlaybook(run.playbook)) : undefined;
  const timeline = options.cache ? options.cache.read(repo, runId) : readSortedTimeline(repo, runId);
  problems.push(...timeline.problems.map(toProblemView));
  const query = options.query ?? DEFAULT_QUERY;
  const started = Date.parse(run.startedAt);

  const state: RunViewState = {
    page: 'run',
    runId,
    readOnly: options.readOnly,
    name: run.name,
    playbook: { id: run.playbook, ...(playbook ? { title: playbook.title } : {}) },
    status: run.status,
    owner: run.owner,
    participants: [...run.participants],
    startedAt: run.startedAt,
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    statusUpdatesEnabled: run.statusUpdates.enabled,
    retrospectiveEnabled: run.retrospective.enabled,
    statusUpdateDraft: statusUpdateDraft(run, timeline.statusUpdates[0]),
    checklists: run.checklists.map((checklist) => ({ title: checklist.title, items: checklist.items.map((item) => ({ ...item })) })),
    // Newest first, one page: views of 10,000 events are neither built here nor sent.
    timeline: timelineView(timeline, query, started, options.readOnly),
    statusUpdates: statusUpdatesView(timeline, query, started, options.readOnly),
    problems,
  };
  if (repo.hasRetrospective(runId)) {
    const meta = collect(repo.readRetrospective(runId, playbook));
    if (meta) state.retrospective = retrospectiveView(meta, playbook, followUpViews(repo, run, runId, meta, options.now ?? new Date()));
  }
  return state;
}

/** Mattermost pre-fills an update with the template the first time, afterwards with the last update. */
function statusUpdateDraft(run: Run, last: TimelineEvent | undefined): string {
  if (last) return last.details ?? last.summary;
  return run.statusUpdates.template ?? '';
}

function retrospectiveView(meta: RetrospectiveMeta, playbook: Playbook | undefined, actions: FollowUpView[]): NonNullable<RunViewState['retrospective']> {
  return {
    status: meta.status,
    metrics: metricViews(meta, playbook?.metrics ?? []),
    actions,
    ...(meta.publishedAt !== undefined ? { publishedAt: meta.publishedAt } : {}),
    ...(meta.publishedBy !== undefined ? { publishedBy: meta.publishedBy } : {}),
    ...(meta.skipReason !== undefined ? { skipReason: meta.skipReason } : {}),
  };
}

/** In the playbook's order; a retired metric only when it already holds a value (it is no longer collected). */
function metricViews(meta: RetrospectiveMeta, configs: readonly MetricConfig[]): MetricView[] {
  return configs.flatMap((config): MetricView[] => {
    const id = metricId(config);
    const value = meta.metrics[id] ?? null;
    if (config.retired && value === null) return [];
    const target = config.target === undefined ? undefined : metricNumber(config, config.target);
    return [
      {
        id,
        title: config.title,
        type: config.type,
        value,
        ...(config.description !== undefined ? { description: config.description } : {}),
        ...(config.unit !== undefined ? { unit: config.unit } : {}),
        ...(config.decimals !== undefined ? { decimals: config.decimals } : {}),
        ...(target !== undefined ? { targetText: formatMetricNumber(config, target) } : {}),
      },
    ];
  });
}

/**
 * The run's follow-up actions in the file's order (they do not jump around as they change), with
 * deadlines worked out by the core from the retrospective and run already read for this state.
 */
function followUpViews(repo: PlaybooksRepository, run: Run, runId: string, meta: RetrospectiveMeta, now: Date): FollowUpView[] {
  const actions = meta.actions ?? [];
  if (actions.length === 0) return [];
  const facts = { runId, runName: run.name, playbook: run.playbook, publishedAt: meta.status === 'published' ? meta.publishedAt : undefined };
  const deadlines = readActionDeadlines(repo);
  return actions.map((action) => followUpView(actionView(action, facts, deadlines, now)));
}

function followUpView(action: ActionView): FollowUpView {
  const optional = { owner: action.owner, due: action.due, dueAt: action.dueAt, priority: action.priority, link: action.link, closedAt: action.closedAt };
  const present = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) as Partial<FollowUpView>;
  return { id: action.id, title: action.title, status: action.status, overdue: action.overdue, ...present };
}

function toProblemView(problem: Problem): RunViewState['problems'][number] {
  return { file: problem.file, line: problem.line, column: problem.column, message: problem.message, severity: problem.severity };
}

/** A page with nothing but problems to show (`startedAt` is empty). */
export function emptyRunState(runId: string, readOnly: boolean, problems: RunViewState['problems']): RunViewState {
  return {
    page: 'run',
    runId,
    readOnly,
    name: runId,
    playbook: { id: '' },
    status: 'in_progress',
    owner: '',
    participants: [],
    startedAt: '',
    statusUpdatesEnabled: false,
    retrospectiveEnabled: false,
    statusUpdateDraft: '',
    checklists: [],
    timeline: { events: [], complete: true, categories: [...DEFAULT_QUERY.categories], total: 0, counts: {}, other: 0 },
    statusUpdates: { events: [], total: 0 },
    problems,
  };
}
