import { median } from '../util/median';
import { actionFigures } from '../actions/actionFigures';
import { actionView } from '../actions/actionDeadlines';
import { readActionDeadlines } from '../review/reviewConfig';
import { findAnomalies, metricInsights } from '../metrics/metricInsights';
import { metricNumber } from '../metrics/metricValues';
import type { ActionView } from '../actions/actionTypes';
import type { MetricConfig, Playbook } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { metricId } from '../validation/semanticChecks';
import { loadRun, type LoadedRun, type ReportRunCache } from './reportRuns';
import type { MetricReport, MetricRunValue, PlaybookReport, PublishedRun, RunCounts, SkippedRun, TimingStats, TimingValue } from './reportTypes';

export type { MetricRunValue, MetricReport, TimingValue, TimingStats, RunCounts, PublishedRun, SkippedRun, PlaybookReport };

/** Mattermost's MetricRollingAveragePeriod: the "last 10" window, compared with the 10 before it. */
export const ROLLING_PERIOD = 10;

export interface PlaybookReportOptions {
  now?: Date;
  /**
   * The runs that may be the playbook's (from the extension's index: its runs and the unreadable
   * ones); every run of the repository when absent (the CLI).
   */
  runIds?: readonly string[];
  /** Keeps what was read of each run between reports (the report panel rebuilds on every change). */
  cache?: ReportRunCache;
  /** The playbook as an open, unsaved document has it (the report panel), instead of the file on disk. */
  playbook?: Playbook;
}

/** Metrics over the published retrospectives of a playbook's runs, and timings over all its runs. */
export function buildPlaybookReport(repo: PlaybooksRepository, playbookSlug: string, options: PlaybookReportOptions = {}): PlaybookReport {
  const playbook = options.playbook ?? repo.requirePlaybook(playbookSlug);
  const { loaded, skipped } = loadRuns(repo, playbookSlug, playbook, options);
  const published = loaded
    .filter((entry) => entry.retro?.status === 'published' && entry.retro.publishedAt !== undefined)
    .sort((a, b) => compareTimes(a.retro?.publishedAt, b.retro?.publishedAt) || a.id.localeCompare(b.id));
  const metrics = (playbook.metrics ?? [])
    .map((config) => metricReport(config, published))
    // A retired metric with no published value would only be an empty column.
    .filter((report) => !report.retired || report.count > 0);
  const now = options.now ?? new Date();
  const byStart = [...loaded].sort((a, b) => compareTimes(a.run.startedAt, b.run.startedAt) || a.id.localeCompare(b.id));
  return {
    playbook: playbookSlug,
    title: playbook.title,
    generatedAt: now.toISOString(),
    runs: countRuns(loaded),
    publishedRuns: published.map((entry) => ({ run: entry.id, runName: entry.run.name, publishedAt: entry.retro?.publishedAt ?? '' })),
    metrics,
    timings: {
      timeToResolution: timingStats(
        byStart.flatMap((entry) =>
          entry.run.status === 'finished' && entry.run.endedAt !== undefined
            ? [{ run: entry.id, value: Date.parse(entry.run.endedAt) - Date.parse(entry.run.startedAt) }]
            : [],
        ),
      ),
      timeToFirstStatusUpdate: timingStats(
        byStart.flatMap((entry) =>
          // A status update backdated before the start counts as immediate rather than negative.
          entry.firstStatusUpdate === undefined ? [] : [{ run: entry.id, value: Math.max(0, entry.firstStatusUpdate - Date.parse(entry.run.startedAt)) }],
        ),
      ),
    },
    actions: actionFigures(actionViews(repo, loaded, playbookSlug, now)),
    skippedRuns: skipped,
  };
}

/** The follow-up actions of the runs the report counts, from the retrospectives it already read (runs with errors are left out, as from every figure). */
function actionViews(repo: PlaybooksRepository, loaded: readonly LoadedRun[], playbook: string, now: Date): ActionView[] {
  const deadlines = readActionDeadlines(repo);
  return loaded.flatMap(({ id, run, retro }) =>
    (retro?.actions ?? []).map((action) => actionView(action, { runId: id, runName: run.name, playbook, publishedAt: retro?.status === 'published' ? retro.publishedAt : undefined }, deadlines, now)),
  );
}

function loadRuns(repo: PlaybooksRepository, slug: string, playbook: Playbook, options: PlaybookReportOptions): { loaded: LoadedRun[]; skipped: SkippedRun[] } {
  const loaded: LoadedRun[] = [];
  const skipped: SkippedRun[] = [];
  for (const id of options.runIds ?? repo.listRunIds()) {
    const result = options.cache ? options.cache.load(repo, id, slug, playbook) : loadRun(repo, id, slug, playbook);
    if (result.kind === 'loaded') loaded.push(result.entry);
    else if (result.kind === 'skipped') skipped.push({ run: id, problems: result.problems });
  }
  return { loaded, skipped };
}

function compareTimes(a: string | undefined, b: string | undefined): number {
  return Date.parse(a ?? '') - Date.parse(b ?? '');
}

function countRuns(loaded: LoadedRun[]): RunCounts {
  const counts: RunCounts = { total: 0, inProgress: 0, finished: 0, retrospectivesPublished: 0, retrospectivesSkipped: 0, retrospectivesDue: 0 };
  for (const { run, retro } of loaded) {
    counts.total += 1;
    if (run.status === 'finished') counts.finished += 1;
    else counts.inProgress += 1;
    if (retro?.status === 'published') counts.retrospectivesPublished += 1;
    else if (retro?.status === 'skipped') counts.retrospectivesSkipped += 1;
    // No retrospective file yet counts as a draft: it has not been written.
    else if (run.status === 'finished' && run.retrospective.enabled) counts.retrospectivesDue += 1;
  }
  return counts;
}

function metricReport(config: MetricConfig, published: LoadedRun[]): MetricReport {
  const id = metricId(config);
  const target = config.target === undefined ? null : (metricNumber(config, config.target) ?? null);
  const values: MetricRunValue[] = [];
  for (const entry of published) {
    const value = metricNumber(config, entry.retro?.metrics[id]);
    if (value === undefined) continue;
    values.push({
      run: entry.id,
      runName: entry.run.name,
      publishedAt: entry.retro?.publishedAt ?? '',
      value,
      diffFromTarget: target === null ? null : value - target,
    });
  }
  const numbers = values.map((item) => item.value);
  const shape = { type: config.type, unit: config.unit, decimals: config.decimals };
  return {
    id,
    title: config.title,
    type: config.type,
    ...(config.unit !== undefined ? { unit: config.unit } : {}),
    ...(config.decimals !== undefined ? { decimals: config.decimals } : {}),
    retired: config.retired === true,
    target,
    average: average(numbers),
    median: median(numbers),
    rollingAverage: average(numbers.slice(-ROLLING_PERIOD)),
    rollingAverageChange: rollingChange(numbers),
    min: extreme(numbers, Math.min),
    max: extreme(numbers, Math.max),
    count: numbers.length,
    values,
    ...metricInsights({ ...shape, target, values, retired: config.retired === true }),
  };
}

/** (avg(last 10) − avg(the up to 10 before)) / avg(the up to 10 before) × 100. */
export function rollingChange(numbers: number[]): number | null {
  const last = average(numbers.slice(-ROLLING_PERIOD));
  const prior = average(numbers.slice(-2 * ROLLING_PERIOD, -ROLLING_PERIOD));
  if (last === null || prior === null || prior === 0) return null;
  return ((last - prior) / prior) * 100;
}

export function average(numbers: number[]): number | null {
  if (numbers.length === 0) return null;
  return numbers.reduce((total, value) => total + value, 0) / numbers.length;
}


function timingStats(values: TimingValue[]): TimingStats {
  const numbers = values.map((item) => item.value);
  return {
    average: average(numbers),
    median: median(numbers),
    min: extreme(numbers, Math.min),
    max: extreme(numbers, Math.max),
    count: numbers.length,
    values,
    anomalies: findAnomalies(values, { type: 'duration' }),
  };
}

/** Reduce rather than spread: spreading 20,000 values into Math.min risks the argument limit. */
function extreme(numbers: number[], pick: (a: number, b: number) => number): number | null {
  return numbers.length === 0 ? null : numbers.reduce((best, value) => pick(best, value));
}
