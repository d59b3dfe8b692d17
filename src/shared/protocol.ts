/**
 * The one message contract between the extension host and its webview pages (docs/architecture.md).
 * Both bundles import this file, so it must stay free of `vscode`, Node and DOM imports.
 *
 * Flow: the page posts `ready`; only then does the host post `state` (and again on every change of
 * the files). The page asks for changes with `request` messages carrying an id; the host answers each
 * with a `response` of the same id. Every message from a page is validated by {@link parsePageMessage}
 * before the host acts on it: a page is untrusted input like a file.
 */
import type { DocPath, JsonValue, PlaybookEdit } from '../core/playbooks/playbookEditTypes';
import type { PlaybookReport } from '../core/reports/reportTypes';

export type { DocPath, JsonValue, PlaybookEdit };

// ---------- view models (host → page) ----------

export interface ProblemView {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface PlaybookFormState {
  page: 'playbook';
  file: string;
  readOnly: boolean;
  /** The parsed playbook, or undefined when the YAML cannot be read (then `problems` says why). */
  playbook: JsonValue | undefined;
  problems: ProblemView[];
}

export interface MetricView {
  id: string;
  title: string;
  description?: string;
  type: 'duration' | 'currency' | 'integer';
  unit?: string;
  decimals?: number;
  /** Target as a person reads it (`1h`, `USD 100.00`). */
  targetText?: string;
  /** Stored value (text for durations), or null while empty. */
  value: string | number | null;
}

export interface TaskView {
  id: string;
  title: string;
  description?: string;
  state: 'open' | 'in_progress' | 'closed' | 'skipped';
  assignee?: string;
  due?: string;
  command?: string;
  link?: string;
}

export interface EventView {
  id: string;
  at: string;
  type: string;
  actor: string;
  summary: string;
  details?: string;
  link?: string;
  /** Milliseconds after the run started (negative when backdated before it). */
  sinceStartMs: number;
  deletable: boolean;
}

/**
 * One page of the timeline (host-side paging: a run may have 10,000 events, the first screen shows a
 * few hundred). Newest first. When the whole timeline fits in the page, `complete` is true and
 * `events` holds every event, unfiltered: the page filters it itself. Otherwise `events` are the first
 * of those in `categories`, and the page asks for more with `run.showEvents`.
 */
export interface TimelineView {
  events: EventView[];
  complete: boolean;
  /** The filter the host applied (category ids of core's TIMELINE_CATEGORIES). */
  categories: string[];
  /** Every event of the timeline. */
  total: number;
  /** Events per category id, for "Showing N of M" under any filter; `other` counts types this version does not know (always shown). */
  counts: Record<string, number>;
  other: number;
}

/** The newest status updates (Overview), and how many there are. */
export interface StatusUpdatesView {
  events: EventView[];
  total: number;
}

/** A follow-up action of the retrospective, with its deadline worked out by the host. */
export interface FollowUpView {
  id: string;
  title: string;
  owner?: string;
  /** As written: a date, a date-time or a duration after publishing. */
  due?: string;
  /** The deadline (ISO), when there is one yet; the page marks it overdue against its own clock. */
  dueAt?: string;
  /** Overdue when the host built the state (open or in progress, deadline passed). */
  overdue: boolean;
  priority?: string;
  status: FollowUpStatus;
  link?: string;
  closedAt?: string;
}

export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

export interface RunViewState {
  page: 'run';
  runId: string;
  readOnly: boolean;
  name: string;
  playbook: { id: string; title?: string };
  status: 'in_progress' | 'finished';
  owner: string;
  participants: string[];
  startedAt: string;
  endedAt?: string;
  statusUpdatesEnabled: boolean;
  /** The run's retrospective switch (run.yaml); `retrospective` is there whenever retrospective.md is. */
  retrospectiveEnabled: boolean;
  /** Pre-fills the "post update" box: the template, or the last update's message. */
  statusUpdateDraft: string;
  checklists: Array<{ title: string; items: TaskView[] }>;
  timeline: TimelineView;
  statusUpdates: StatusUpdatesView;
  retrospective?: {
    status: 'draft' | 'published' | 'skipped';
    metrics: MetricView[];
    publishedAt?: string;
    publishedBy?: string;
    skipReason?: string;
    /** Follow-up actions, in the file's order. */
    actions: FollowUpView[];
  };
  /** Problems in the run's files; the page shows them instead of guessing. */
  problems: Array<ProblemView & { file: string }>;
}

export interface ReportViewState {
  page: 'report';
  /** The latest report that could be built. */
  report: PlaybookReport;
  /** Why the files could not be read again (a playbook mid-edit, say); `report` is then the last good one. */
  problem?: string;
}

export type PageState = PlaybookFormState | RunViewState | ReportViewState;

// ---------- requests (page → host) ----------

export type PageRequest =
  | { kind: 'playbook.edit'; edits: PlaybookEdit[] }
  /** Opens the playbook in the text editor (at a problem's line), or its retrospective template file. */
  | { kind: 'playbook.open'; target: 'text' | 'templateFile'; line?: number }
  | { kind: 'run.postUpdate'; message: string }
  | { kind: 'run.changeOwner'; owner: string }
  | { kind: 'run.participants'; add: string[]; remove: string[] }
  | { kind: 'run.task'; taskId: string; state?: TaskView['state']; assignee?: string }
  | { kind: 'run.addNote'; summary: string; at?: string; link?: string }
  | { kind: 'run.deleteEvent'; eventId: string }
  /** Which timeline events the page lists: the first `count` in these categories (the next state carries them). */
  | { kind: 'run.showEvents'; categories: string[]; count: number }
  /** How many of the newest status updates the Overview lists. */
  | { kind: 'run.showStatusUpdates'; count: number }
  | { kind: 'run.finish' }
  | { kind: 'run.restore' }
  | { kind: 'run.setStatusUpdates'; enabled: boolean }
  | { kind: 'run.requestUpdate' }
  /** Runs the task's command in a terminal (the host shows it and asks first) and records command_ran. */
  | { kind: 'run.runCommand'; taskId: string }
  | { kind: 'retro.setEnabled'; enabled: boolean }
  | { kind: 'retro.setMetric'; metricId: string; value: string }
  | { kind: 'retro.openMarkdown' }
  | { kind: 'retro.publish' }
  | { kind: 'retro.skip'; reason: string }
  /** Adds a follow-up action; empty optional fields are left out. */
  | { kind: 'retro.addAction'; title: string; owner?: string; due?: string; priority?: string }
  /** Changes one follow-up action; an empty owner, due or priority removes it. */
  | { kind: 'retro.setAction'; actionId: string; owner?: string; due?: string; priority?: string; status?: FollowUpStatus }
  /** Opens the action's tracker link (the host reads it from the file and opens only http(s)). */
  | { kind: 'retro.openActionLink'; actionId: string }
  | { kind: 'report.exportCsv' }
  | { kind: 'report.openRun'; runId: string }
  /** Writes the metric's suggested target (the host's own report says which) into the playbook document. */
  | { kind: 'report.useAsTarget'; metricId: string };

export type PageMessage = { type: 'ready' } | { type: 'request'; id: number; request: PageRequest };

export type HostMessage =
  | { type: 'state'; state: PageState }
  | { type: 'response'; id: number; ok: true }
  | { type: 'response'; id: number; ok: false; error: string };

// ---------- validation of what a page sends ----------

const MAX_TEXT = 100_000;
const MAX_LIST = 1_000;
const MAX_PATH = 12;
const MAX_JSON_DEPTH = 12;
const TASK_STATES = ['open', 'in_progress', 'closed', 'skipped'];
/** Most events a page may ask to be listed at once (a timeline file holds at most about 100,000). */
const MAX_EVENTS_SHOWN = 100_000;

// Array.from: `every` skips the holes of a sparse list, which would let `undefined` through.
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = MAX_TEXT): value is string => typeof value === 'string' && value.length <= max;
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_LIST;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_EVENTS_SHOWN;
const isLine = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length <= MAX_LIST && Array.from(value).every((item) => isText(item, 500));

/** A priority, or '' (removes it), or nothing. */
const isOptionalPriority = (value: unknown): boolean => value === undefined || value === '' || (FOLLOW_UP_PRIORITIES as readonly unknown[]).includes(value);

function isPath(value: unknown): value is DocPath {
  return Array.isArray(value) && value.length > 0 && value.length <= MAX_PATH && Array.from(value).every((part) => isText(part, 200) || isIndex(part));
}

function isJson(value: unknown, depth = 0): value is JsonValue {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= MAX_TEXT;
  if (Array.isArray(value)) return value.length <= MAX_LIST && Array.from(value).every((item) => isJson(item, depth + 1));
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length <= 100 && entries.every(([key, item]) => key.length <= 200 && isJson(item, depth + 1));
  }
  return false;
}

function isPlaybookEdit(value: unknown): value is PlaybookEdit {
  if (!isRecord(value) || !isPath(value['path'])) return false;
  switch (value['op']) {
    case 'set':
      return isJson(value['value']);
    case 'delete':
      return true;
    case 'insert':
      return isIndex(value['index']) && isJson(value['value']);
    case 'move':
      return isIndex(value['from']) && isIndex(value['to']);
    default:
      return false;
  }
}

function isPageRequest(value: unknown): value is PageRequest {
  if (!isRecord(value)) return false;
  const optionalText = (key: string, max = MAX_TEXT): boolean => value[key] === undefined || isText(value[key], max);
  switch (value['kind']) {
    case 'playbook.edit':
      return Array.isArray(value['edits']) && value['edits'].length > 0 && value['edits'].length <= 50 && Array.from(value['edits']).every(isPlaybookEdit);
    case 'playbook.open':
      return (value['target'] === 'text' || value['target'] === 'templateFile') && (value['line'] === undefined || isLine(value['line']));
    case 'run.postUpdate':
      return isText(value['message']);
    case 'run.changeOwner':
      return isText(value['owner'], 200);
    case 'run.participants':
      return isTextList(value['add']) && isTextList(value['remove']);
    case 'run.task':
      return isText(value['taskId'], 200) && (value['state'] === undefined || TASK_STATES.includes(value['state'] as string)) && optionalText('assignee', 200);
    case 'run.addNote':
      return isText(value['summary'], 1000) && optionalText('at', 100) && optionalText('link', 2000);
    case 'run.deleteEvent':
      return isText(value['eventId'], 100);
    case 'run.showEvents':
      return Array.isArray(value['categories']) && value['categories'].length <= 50 && Array.from(value['categories']).every((id) => isText(id, 100)) && isCount(value['count']);
    case 'run.showStatusUpdates':
      return isCount(value['count']);
    case 'run.setStatusUpdates':
    case 'retro.setEnabled':
      return typeof value['enabled'] === 'boolean';
    case 'run.runCommand':
      return isText(value['taskId'], 200);
    case 'retro.setMetric':
      return isText(value['metricId'], 100) && isText(value['value'], 100);
    case 'retro.skip':
      return isText(value['reason'], 5000);
    case 'retro.addAction':
      return isText(value['title'], 500) && optionalText('owner', 200) && optionalText('due', 100) && isOptionalPriority(value['priority']);
    case 'retro.setAction':
      return (
        isText(value['actionId'], 100) &&
        optionalText('owner', 200) &&
        optionalText('due', 100) &&
        isOptionalPriority(value['priority']) &&
        (value['status'] === undefined || (FOLLOW_UP_STATUSES as readonly unknown[]).includes(value['status']))
      );
    case 'retro.openActionLink':
      return isText(value['actionId'], 100);
    case 'report.openRun':
      return isText(value['runId'], 100);
    case 'report.useAsTarget':
      return isText(value['metricId'], 100);
    case 'run.finish':
    case 'run.restore':
    case 'run.requestUpdate':
    case 'retro.openMarkdown':
    case 'retro.publish':
    case 'report.exportCsv':
      return true;
    default:
      return false;
  }
}

/** The message if it is one the host understands, else undefined (and the host ignores it). */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw['type'] === 'ready') return { type: 'ready' };
  if (raw['type'] === 'request' && typeof raw['id'] === 'number' && Number.isSafeInteger(raw['id']) && isPageRequest(raw['request'])) {
    return { type: 'request', id: raw['id'], request: raw['request'] };
  }
  return undefined;
}
