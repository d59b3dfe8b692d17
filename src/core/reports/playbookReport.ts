import * as fs from 'node:fs';
import type { ReadResult } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { metricNumber } from '../metrics/metricValues';
import type { MetricConfig, MetricType, Playbook, RetrospectiveMeta, Run } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { metricId } from '../validation/semanticChecks';

/** Mattermost's MetricRollingAveragePeriod: the "last 10" window, compared with the 10 before it. */
export const ROLLING_PERIOD = 10;

export interface MetricRunValue {
  run: string;
  runName: string;
  publishedAt: string;
  /** Milliseconds for durations. */
  value: number;
  /** value − target; null when the metric has no target. */
  diffFromTarget: number | null;
}

export interface MetricReport {
  id: string;
  title: string;
  type: MetricType;
  unit?: string;
  decimals?: number;
  retired: boolean;
  target: number | null;
  average: number | null;
  median: number | null;
  rollingAverage: number | null;
  /** Percent change of the last-10 average against the average of the up to 10 values before them. */
  rollingAverageChange: number | null;
  min: number | null;
  max: number | null;
  count: number;
  /** Oldest first (by publishedAt). */
  values: MetricRunValue[];
}

export interface TimingValue {
  run: string;
  /** Milliseconds. */
  value: number;
}

export interface TimingStats {
  average: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  count: number;
  /** Ordered by the run's startedAt. */
  values: TimingValue[];
}

export interface RunCounts {
  total: number;
  inProgress: number;
  finished: number;
  retrospectivesPublished: number;
  retrospectivesSkipped: number;
  /** Finished runs with the retrospective enabled that is neither published nor skipped. */
  retrospectivesDue: number;
}

export interface PublishedRun {
  run: string;
  runName: string;
  publishedAt: string;
}

export interface SkippedRun {
  run: string;
  problems: Problem[];
}

export interface PlaybookReport {
  playbook: string;
  title: string;
  generatedAt: string;
  runs: RunCounts;
  /** Runs whose published retrospective the metrics are computed from, oldest first. */
  publishedRuns: PublishedRun[];
  metrics: MetricReport[];
  timings: { timeToResolution: TimingStats; timeToFirstStatusUpdate: TimingStats };
  /** Runs left out entirely because one of their files has errors. */
  skippedRuns: SkippedRun[];
}

export interface PlaybookReportOptions {
  now?: Date;
}

interface LoadedRun {
  id: string;
  run: Run;
  retro?: RetrospectiveMeta;
  /** Epoch ms of the earliest status update, when there is one. */
  firstStatusUpdate?: number;
}

/** Metrics over the published retrospectives of a playbook's runs, and timings over all its runs. */
export function buildPlaybookReport(repo: PlaybooksRepository, playbookSlug: string, options: PlaybookReportOptions = {}): PlaybookReport {
  const playbook = repo.requirePlaybook(playbookSlug);
  const { loaded, skipped } = loadRuns(repo, playbookSlug, playbook);
  const published = loaded
    .filter((entry) => entry.retro?.status === 'published' && entry.retro.publishedAt !== undefined)
    .sort((a, b) => compareTimes(a.retro?.publishedAt, b.retro?.publishedAt) || a.id.localeCompare(b.id));
  const metrics = (playbook.metrics ?? [])
    .map((config) => metricReport(config, published))
    // A retired metric with no published value would only be an empty column.
    .filter((report) => !report.retired || report.count > 0);
  const byStart = [...loaded].sort((a, b) => compareTimes(a.run.startedAt, b.run.startedAt) || a.id.localeCompare(b.id));
  return {
    playbook: playbookSlug,
    title: playbook.title,
    generatedAt: (options.now ?? new Date()).toISOString(),
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
    skippedRuns: skipped,
  };
}

function loadRuns(repo: PlaybooksRepository, slug: string, playbook: Playbook): { loaded: LoadedRun[]; skipped: SkippedRun[] } {
  const loaded: LoadedRun[] = [];
  const skipped: SkippedRun[] = [];
  for (const id of repo.listRunIds()) {
    if (!repo.runExists(id)) continue;
    const runRead = repo.readRun(id);
    const run = usable(runRead);
    if (run === undefined) {
      if (mayBelongTo(repo.layout.runFile(id), slug)) skipped.push({ run: id, problems: errorsOf(runRead) });
      continue;
    }
    if (run.playbook !== slug) continue;
    const problems: Problem[] = [];
    const entry: LoadedRun = { id, run };
    if (repo.hasRetrospective(id)) {
      const retroRead = repo.readRetrospective(id, playbook);
      const retro = usable(retroRead);
      if (retro === undefined) problems.push(...errorsOf(retroRead));
      else entry.retro = retro;
    }
    // A run without a timeline file simply has no events yet.
    if (fs.existsSync(repo.layout.timelineFile(id))) {
      const timelineRead = repo.readTimeline(id);
      const timeline = usable(timelineRead);
      if (timeline === undefined) problems.push(...errorsOf(timelineRead));
      else {
        const updates = timeline.events.filter((event) => event.type === 'status_updated').map((event) => Date.parse(event.at));
        const first = extreme(updates, Math.min);
        if (first !== null) entry.firstStatusUpdate = first;
      }
    }
    if (problems.length > 0) skipped.push({ run: id, problems });
    else loaded.push(entry);
  }
  return { loaded, skipped };
}

/**
 * A run file that could not be read may still name its playbook on a top-level line; when it names
 * another playbook it is not ours to report, and when it cannot be told we list it rather than hide it.
 */
function mayBelongTo(file: string, slug: string): boolean {
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      head = buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return true;
  }
  const match = /^playbook:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$/m.exec(head);
  return match === null || match[1] === slug;
}

function usable<T>(result: ReadResult<T>): T | undefined {
  return result.problems.some((problem) => problem.severity === 'error') ? undefined : result.data;
}

function errorsOf<T>(result: ReadResult<T>): Problem[] {
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  return errors.length > 0 ? errors : result.problems;
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

export function median(numbers: number[]): number | null {
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
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
  };
}

/** Reduce rather than spread: spreading 20,000 values into Math.min risks the argument limit. */
function extreme(numbers: number[], pick: (a: number, b: number) => number): number | null {
  return numbers.length === 0 ? null : numbers.reduce((best, value) => pick(best, value));
}
