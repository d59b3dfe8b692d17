/**
 * The domain model, as read from files. Field names are the file format's (docs/format.md);
 * the JSON Schemas in `schemas/` are the authority on what a file may contain.
 */

import type { FollowUpAction } from '../actions/actionTypes';

export const API_VERSION = 'git-playbooks/v1';

export type Kind = 'Playbook' | 'Run' | 'Timeline' | 'Retrospective';

export type MetricType = 'duration' | 'currency' | 'integer';

export interface MetricConfig {
  /** Stable key used by retrospectives; defaults to the slug of the title. */
  id: string;
  title: string;
  description?: string;
  type: MetricType;
  /** Durations as text (`1h30m`), numbers otherwise. */
  target?: string | number;
  /** Currency only. */
  unit?: string;
  decimals?: number;
  /** A retired metric is no longer collected, but published values keep counting in reports. */
  retired?: boolean;
}

export interface PlaybookItem {
  title: string;
  description?: string;
  /** A person, or `owner` for whoever owns the run. */
  assignee?: string;
  /** Offset from the run's start (`15m`, `PT1H`). */
  due?: string;
  command?: string;
  link?: string;
}

export interface PlaybookChecklist {
  title: string;
  items: PlaybookItem[];
}

export interface StatusUpdateSettings {
  enabled: boolean;
  /** Cadence at which the owner is reminded to post. */
  reminder?: string;
  template?: string;
}

export interface RetrospectiveSettings {
  enabled: boolean;
  /** `once`, or a duration between reminders (`1h`, `4h`, `24h`, `7d`, …). */
  reminder?: string;
  template?: string;
  /** A sibling Markdown file holding the template, relative to the playbook file. */
  templateFile?: string;
  /** Heading texts of the template that every retrospective must fill in (review: errors, not warnings). */
  requiredSections?: string[];
}

export interface Playbook {
  apiVersion: string;
  kind: 'Playbook';
  title: string;
  description?: string;
  checklists: PlaybookChecklist[];
  statusUpdates?: StatusUpdateSettings;
  retrospective?: RetrospectiveSettings;
  metrics?: MetricConfig[];
}

export type TaskState = 'open' | 'in_progress' | 'closed' | 'skipped';
export const TASK_STATES: readonly TaskState[] = ['open', 'in_progress', 'closed', 'skipped'];

export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TASK_STATES as readonly string[]).includes(value);
}
/** How people read a task state (tree, exports). */
export const TASK_STATE_LABELS: Readonly<Record<TaskState, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Done',
  skipped: 'Skipped',
};

export interface RunItem {
  /** Unique within the run; slug of the title. */
  id: string;
  title: string;
  description?: string;
  state: TaskState;
  assignee?: string;
  /** Assigned from the playbook's `owner`: moves to the new owner on an owner change, until assigned by hand. */
  followsOwner?: boolean;
  /** Absolute due time (ISO 8601). */
  due?: string;
  command?: string;
  link?: string;
}

export interface RunChecklist {
  title: string;
  items: RunItem[];
}

export type RunStatus = 'in_progress' | 'finished';
export const RUN_STATUSES: readonly RunStatus[] = ['in_progress', 'finished'];

export interface Run {
  apiVersion: string;
  kind: 'Run';
  name: string;
  playbook: string;
  /** The commit the playbook file was at when the run started; absent when it was not committed. */
  playbookCommit?: string;
  owner: string;
  participants: string[];
  status: RunStatus;
  startedAt: string;
  endedAt?: string;
  /** When git-playbooks last changed run.yaml (absent in runs not changed since they started). */
  updatedAt?: string;
  statusUpdates: StatusUpdateSettings;
  retrospective: { enabled: boolean; reminder?: string };
  checklists: RunChecklist[];
}

export const EVENT_TYPES = [
  'run_started',
  'status_updated',
  'owner_changed',
  'participants_changed',
  'assignee_changed',
  'task_state_changed',
  'run_finished',
  'run_restored',
  'retrospective_published',
  'retrospective_skipped',
  'metric_recorded',
  'note',
  'retrospective_enabled',
  'retrospective_disabled',
  'status_updates_enabled',
  'status_updates_disabled',
  'status_update_requested',
  'command_ran',
  'action_added',
  'action_state_changed',
  'action_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Only these may be deleted by a person; the rest are the record of what the tool did. */
export const MANUAL_EVENT_TYPES: readonly EventType[] = ['note'];

/**
 * Status updates are `status_updated` events (message in `details`), so that two people posting on
 * two branches merge without conflict; `summary` is the message's first line.
 */
export interface TimelineEvent {
  id: string;
  /** When it happened (may be backdated). */
  at: string;
  type: EventType;
  actor: string;
  summary: string;
  details?: string;
  /** URL, commit sha or `path:line`. */
  link?: string;
  /** Structured data of automatic events (e.g. the status update message, old/new owner). */
  data?: Record<string, string | number | boolean | string[] | null>;
}

export interface Timeline {
  apiVersion: string;
  kind: 'Timeline';
  events: TimelineEvent[];
}

export type RetrospectiveStatus = 'draft' | 'published' | 'skipped';

export interface RetrospectiveMeta {
  apiVersion: string;
  kind: 'Retrospective';
  status: RetrospectiveStatus;
  /** Metric id → value (durations as text, numbers otherwise); null while not filled in. */
  metrics: Record<string, string | number | null>;
  publishedAt?: string;
  publishedBy?: string;
  skippedAt?: string;
  skippedBy?: string;
  skipReason?: string;
  /** When git-playbooks last changed the front matter (every change stamps it, for merging; docs/format.md). */
  updatedAt?: string;
  /** Follow-up actions, tracked to done (src/core/actions). */
  actions?: FollowUpAction[];
}

export interface Retrospective {
  meta: RetrospectiveMeta;
  /** The Markdown report below the front matter. */
  body: string;
}
