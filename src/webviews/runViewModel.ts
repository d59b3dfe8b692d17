/**
 * Builds what the run editor page shows from the run's files. Imports only the core (no `vscode`),
 * so it is unit-tested in plain Node on real files.
 */
import type { Problem } from '../core/files/problem';
import { usableData, type ReadResult } from '../core/files/documentReader';
import { formatMetricNumber, metricNumber } from '../core/metrics/metricValues';
import { MANUAL_EVENT_TYPES, type MetricConfig, type Playbook, type RetrospectiveMeta, type Run, type TimelineEvent } from '../core/model/types';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { sortEvents } from '../core/runs/timelineFile';
import { metricId } from '../core/validation/semanticChecks';
import type { EventView, MetricView, RunViewState } from '../shared/protocol';

export interface RunViewOptions {
  /** Untrusted workspace: the page offers no change at all. */
  readOnly: boolean;
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
  const timeline = collect(repo.readTimeline(runId));
  const sorted = sortEvents(timeline?.events ?? []);
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
    statusUpdateDraft: statusUpdateDraft(run, sorted),
    checklists: run.checklists.map((checklist) => ({ title: checklist.title, items: checklist.items.map((item) => ({ ...item })) })),
    // Newest first, as the page lists them: it only slices, so 10,000 events cost no sort in the page.
    events: sorted.reverse().map((event) => toEventView(event, started, options.readOnly)),
    problems,
  };
  if (repo.hasRetrospective(runId)) {
    const meta = collect(repo.readRetrospective(runId, playbook));
    if (meta) state.retrospective = retrospectiveView(meta, playbook);
  }
  return state;
}

/** Mattermost pre-fills an update with the template the first time, afterwards with the last update. */
function statusUpdateDraft(run: Run, sortedEvents: readonly TimelineEvent[]): string {
  const last = sortedEvents.filter((event) => event.type === 'status_updated').at(-1);
  if (last) return last.details ?? last.summary;
  return run.statusUpdates.template ?? '';
}

function toEventView(event: TimelineEvent, started: number, readOnly: boolean): EventView {
  return {
    id: event.id,
    at: event.at,
    type: event.type,
    actor: event.actor,
    summary: event.summary,
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(event.link !== undefined ? { link: event.link } : {}),
    sinceStartMs: Date.parse(event.at) - started,
    deletable: !readOnly && MANUAL_EVENT_TYPES.includes(event.type),
  };
}

function retrospectiveView(meta: RetrospectiveMeta, playbook: Playbook | undefined): NonNullable<RunViewState['retrospective']> {
  return {
    status: meta.status,
    metrics: metricViews(meta, playbook?.metrics ?? []),
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
    statusUpdateDraft: '',
    checklists: [],
    events: [],
    problems,
  };
}
