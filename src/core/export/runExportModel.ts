import type {
  MetricConfig,
  MetricType,
  Playbook,
  RetrospectiveMeta,
  RetrospectiveStatus,
  RunStatus,
  TaskState,
  TimelineEvent,
} from '../model/types';
import { formatMetricNumber, metricNumber } from '../metrics/metricValues';
import { requireData, type PlaybooksRepository } from '../repository/playbooksRepository';
import { sortEvents } from '../runs/timelineFile';
import { formatDuration } from '../util/duration';
import { metricId } from '../validation/semanticChecks';

/**
 * Everything an export shows about one run, gathered once so that every format says the same thing.
 * Optional fields are absent (not null) when the files do not have them.
 */
export interface RunExport {
  run: RunExportSummary;
  /** Oldest first. */
  statusUpdates: ExportStatusUpdate[];
  checklists: ExportChecklist[];
  /** Every event, by time (ties keep file order). */
  timeline: ExportEvent[];
  /** Absent when the run has no retrospective.md. */
  retrospective?: ExportRetrospective;
}

export interface RunExportSummary {
  id: string;
  name: string;
  /** `title` is absent when the playbook file was deleted after the run started. */
  playbook: { id: string; title?: string };
  owner: string;
  participants: string[];
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  /** Only for finished runs: an export must not depend on when it was made. */
  durationMs?: number;
}

export interface ExportStatusUpdate {
  /** The timeline event's id. */
  id: string;
  at: string;
  author: string;
  /** Markdown. */
  message: string;
}

export interface ExportChecklist {
  title: string;
  items: ExportChecklistItem[];
}

export interface ExportChecklistItem {
  id: string;
  title: string;
  state: TaskState;
  assignee?: string;
  due?: string;
  description?: string;
  command?: string;
  link?: string;
}

export interface ExportEvent extends TimelineEvent {
  /** Milliseconds after the run started; negative for events backdated before it. */
  sinceStartMs: number;
}

export interface ExportMetric {
  id: string;
  title: string;
  /** Absent when the playbook (and so the metric's definition) is gone. */
  type?: MetricType;
  /** As stored: durations as text, numbers otherwise; null while not filled in. */
  value: string | number | null;
  /** `1h 30m`, `USD 1,250.00`; absent while not filled in. */
  formattedValue?: string;
  target?: string;
}

export interface ExportRetrospective {
  status: RetrospectiveStatus;
  metrics: ExportMetric[];
  /** The Markdown report. */
  body: string;
  publishedAt?: string;
  publishedBy?: string;
  skippedAt?: string;
  skippedBy?: string;
  skipReason?: string;
}

/** Reads a run and everything beside it; throws (InvalidFileError with file:line) when a file is broken. */
export function collectRunExport(repo: PlaybooksRepository, runId: string): RunExport {
  const run = repo.requireRun(runId);
  const playbook = repo.playbookExists(run.playbook) ? repo.requirePlaybook(run.playbook) : undefined;
  const timeline = repo.requireTimeline(runId);
  const started = Date.parse(run.startedAt);

  const summary: RunExportSummary = {
    id: runId,
    name: run.name,
    playbook: { id: run.playbook, ...(playbook ? { title: playbook.title } : {}) },
    owner: run.owner,
    participants: [...run.participants],
    status: run.status,
    startedAt: run.startedAt,
  };
  if (run.endedAt !== undefined) {
    summary.endedAt = run.endedAt;
    summary.durationMs = Date.parse(run.endedAt) - started;
  }

  const events = sortEvents(timeline.events).map((event): ExportEvent => ({ ...event, sinceStartMs: Date.parse(event.at) - started }));
  const statusUpdates = events
    .filter((event) => event.type === 'status_updated')
    .map((event): ExportStatusUpdate => ({ id: event.id, at: event.at, author: event.actor, message: event.details ?? event.summary }));

  const checklists = run.checklists.map(
    (checklist): ExportChecklist => ({ title: checklist.title, items: checklist.items.map((item): ExportChecklistItem => ({ ...item })) }),
  );

  const model: RunExport = { run: summary, statusUpdates, checklists, timeline: events };
  if (repo.hasRetrospective(runId)) {
    const result = repo.readRetrospective(runId, playbook);
    model.retrospective = exportRetrospective(requireData(result), result.body ?? '', playbook);
  }
  return model;
}

function exportRetrospective(meta: RetrospectiveMeta, body: string, playbook: Playbook | undefined): ExportRetrospective {
  const retro: ExportRetrospective = { status: meta.status, metrics: exportMetrics(meta.metrics, playbook?.metrics ?? []), body };
  for (const key of ['publishedAt', 'publishedBy', 'skippedAt', 'skippedBy', 'skipReason'] as const) {
    const value = meta[key];
    if (value !== undefined) retro[key] = value;
  }
  return retro;
}

/** In the playbook's order; retired metrics only when they hold a value, unknown ids (playbook gone) last. */
function exportMetrics(values: RetrospectiveMeta['metrics'], configs: readonly MetricConfig[]): ExportMetric[] {
  const metrics: ExportMetric[] = [];
  const seen = new Set<string>();
  for (const config of configs) {
    const id = metricId(config);
    seen.add(id);
    const value = values[id] ?? null;
    if (config.retired && value === null) continue;
    const metric: ExportMetric = { id, title: config.title, type: config.type, value };
    const numeric = value === null ? undefined : metricNumber(config, value);
    if (value !== null) metric.formattedValue = numeric === undefined ? String(value) : formatMetricNumber(config, numeric);
    const target = config.target === undefined ? undefined : metricNumber(config, config.target);
    if (target !== undefined) metric.target = formatMetricNumber(config, target);
    metrics.push(metric);
  }
  for (const [id, value] of Object.entries(values)) {
    if (seen.has(id)) continue;
    metrics.push({ id, title: id, value, ...(value === null ? {} : { formattedValue: String(value) }) });
  }
  return metrics;
}

// Shared wording and formatting, so the Markdown and HTML reports read alike.

export const RUN_STATUS_LABELS: Readonly<Record<RunStatus, string>> = { in_progress: 'In progress', finished: 'Finished' };

export const RETRO_STATUS_LABELS: Readonly<Record<RetrospectiveStatus, string>> = {
  draft: 'Draft',
  published: 'Published',
  skipped: 'Skipped',
};

/** `2024-05-01 10:00 UTC`: one time zone for the whole report, whatever offsets the files use. */
export function formatExportTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2024-05-01T10:00:00Z`: machine-readable and sortable as text (CSV). */
export function formatIsoUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Run duration for people: `3h 20m`, or empty while the run is in progress. */
export function formatRunDuration(run: RunExportSummary): string {
  return run.durationMs === undefined ? '' : formatDuration(Math.trunc(run.durationMs / 60_000) * 60_000);
}
