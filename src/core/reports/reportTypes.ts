import type { Problem } from '../files/problem';
import type { MetricType } from '../model/types';

/**
 * What a playbook's metrics report holds: `buildPlaybookReport` (playbookReport.ts) computes it, the
 * report page shows it. Types only, so the webview bundle may import this file.
 */

export interface MetricRunValue {
  run: string;
  runName: string;
  publishedAt: string;
  /** Milliseconds for durations. */
  value: number;
  /** value − target; null when the metric has no target. */
  diffFromTarget: number | null;
}

/** A run whose value stands out against the history (src/core/metrics/metricInsights.ts). */
export interface MetricAnomaly {
  run: string;
  /** Milliseconds for durations. */
  value: number;
  /** In words, values formatted: `41: 3.4× the median of 12 (half the runs within ±2 of it)`. */
  reason: string;
}

/** How many of the last (up to) 10 values met the target. */
export interface TargetMet {
  met: number;
  of: number;
}

/** The median of the last 10 against the 10 before; lower is better. */
export type MetricTrend = 'improving' | 'worsening' | 'steady';

export interface SuggestedTarget {
  /** Milliseconds for durations, rounded to the metric's unit. */
  value: number;
  /** Where it comes from, in words. */
  basis: string;
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
  /** Runs whose value is an outlier against this metric's history, oldest first. */
  anomalies: MetricAnomaly[];
  /** Null without a target or a value. */
  targetMet: TargetMet | null;
  /** Null with fewer than 5 values before the last 10. */
  trend: MetricTrend | null;
  /** Null when the target is met by some but not (nearly) all recent runs, or with fewer than 5 values. */
  suggestedTarget: SuggestedTarget | null;
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
  /** Runs whose timing is an outlier (the metrics' rule). */
  anomalies: MetricAnomaly[];
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

/** Counts of follow-up actions (src/core/actions/actionFigures.ts). */
export interface ActionTally {
  total: number;
  /** Open or in progress. */
  open: number;
  /** Open or in progress, past their deadline at the report's time. */
  overdue: number;
  /** Done or won't do. */
  closed: number;
  /** Milliseconds from creation to closing, the median over closed actions; null when none is closed. */
  medianTimeToClose: number | null;
}

export interface ActionFigures extends ActionTally {
  byStatus: Record<'open' | 'in_progress' | 'done' | 'wont_do', number>;
  /** P1..P4, then `none` for actions without a priority; only priorities that have actions. */
  byPriority: Array<ActionTally & { priority: 'P1' | 'P2' | 'P3' | 'P4' | 'none' }>;
  /** Per run that has actions, ordered by run id (the CSV's columns per run). */
  byRun: Array<ActionTally & { run: string }>;
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
  /** Follow-up actions of the playbook's runs. */
  actions: ActionFigures;
  /** Runs left out entirely because one of their files has errors. */
  skippedRuns: SkippedRun[];
}
