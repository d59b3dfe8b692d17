import { Document, visit } from 'yaml';
import { metricNumber } from '../metrics/metricValues';
import type { MetricConfig, MetricType, Playbook, PlaybookChecklist, PlaybookItem, RetrospectiveSettings, StatusUpdateSettings } from '../model/types';
import { API_VERSION } from '../model/types';
import { formatDuration } from '../util/duration';
import { slugify } from '../util/slug';
import { metricId } from '../validation/semanticChecks';

/**
 * Turns a Mattermost Playbooks export (`GET /playbooks/{id}/export`, `version: 1`) into a playbook file.
 * Mattermost's exporter leaves zero values out, so every field may be absent. Whatever we cannot keep is
 * reported as a warning with its JSON path, so nothing is lost without the person knowing.
 */

/** `path` is the JSON path in the export, e.g. `checklists[0].items[1].task_actions`. */
export interface ImportWarning { path: string; message: string }
export interface ImportResult { playbook: Playbook; yaml: string; slug: string; warnings: ImportWarning[] }

export class MattermostImportError extends Error {
  override readonly name = 'MattermostImportError';
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

type JsonObject = Record<string, unknown>;
const NO_EQUIVALENT = 'not imported: git-playbooks has no equivalent';
const MAX_DUE_MS = 366 * 86_400_000;
const METRIC_TYPES: Record<string, MetricType> = { metric_duration: 'duration', metric_currency: 'currency', metric_integer: 'integer' };

// Fields of the export (also of older and newer Mattermost versions) that we read, and those we knowingly drop.
const PLAYBOOK_KEPT = words(`version id title description checklists metrics status_update_enabled reminder_timer_default_seconds reminder_message_template
  retrospective_enabled retrospective_reminder_interval_seconds retrospective_template`);
const PLAYBOOK_DROPPED = words(`channel_mode channel_id channel_name_template new_channel_only auto_archive_channel run_summary_template run_summary_template_enabled
  message_on_join message_on_join_enabled signal_any_keywords signal_any_keywords_enabled category_name categorize_channel_enabled broadcast_enabled
  broadcast_channel_ids webhook_on_creation_urls webhook_on_creation_enabled webhook_on_status_update_urls webhook_on_status_update_enabled
  invited_user_ids invited_group_ids invite_users_enabled default_owner_id default_owner_enabled create_channel_member_on_new_participant
  remove_channel_member_on_removed_participant run_number_prefix owner_group_only_actions admin_only_edit properties attributes conditions public
  team_id members create_public_playbook_run default_playbook_admin_role default_playbook_member_role default_run_admin_role default_run_member_role
  create_at update_at delete_at num_stages num_steps num_runs num_actions last_run_at active_runs`);
const CHECKLIST_KEPT = words('title items');
const CHECKLIST_DROPPED = words('id items_order update_at');
const ITEM_KEPT = words('title description command due_date assignee_type');
const ITEM_DROPPED = words(`id state state_modified assignee_id assignee_modified assignee_property_field_id command_last_run
  delete_at update_at task_actions condition_id condition_action condition_reason`);
const METRIC_KEPT = words('title description type target');
const METRIC_DROPPED = words('id playbook_id');

export function importMattermostPlaybook(jsonText: string, sourceName: string, now: Date = new Date()): ImportResult {
  const root = parseExport(jsonText, sourceName);
  const w = new Warnings();
  w.others(root, '', PLAYBOOK_KEPT, PLAYBOOK_DROPPED);
  const title = w.line(String(root.title), 200, 'title', 'title');
  const description = w.markdown(root, 'description', '');
  const checklists = w.list(root, 'checklists', '', 200).flatMap((value, c) => checklistOf(value, `checklists[${c}]`, w, c));
  const cadence = w.seconds(root, 'reminder_timer_default_seconds');
  const statusTemplate = w.markdown(root, 'reminder_message_template', '');
  const statusUpdates: StatusUpdateSettings = {
    enabled: w.flag(root, 'status_update_enabled'),
    ...(cadence ? { reminder: formatDuration(cadence * 1000) } : {}),
    ...(statusTemplate ? { template: statusTemplate } : {}),
  };
  // Mattermost's retro interval 0 means "remind once"; an omitted value is a zero the exporter left out.
  const interval = w.seconds(root, 'retrospective_reminder_interval_seconds');
  const retroTemplate = w.markdown(root, 'retrospective_template', '');
  const retrospective: RetrospectiveSettings = {
    enabled: w.flag(root, 'retrospective_enabled'),
    reminder: interval ? formatDuration(interval * 1000) : 'once',
    ...(retroTemplate ? { template: retroTemplate } : {}),
  };
  const metrics = metricsOf(w.list(root, 'metrics', '', 100), w);
  // Built in one go so that the key order is the schema's: it is the order written to the file.
  const playbook: Playbook = {
    apiVersion: API_VERSION, kind: 'Playbook', title,
    ...(description ? { description } : {}),
    checklists,
    statusUpdates,
    retrospective,
    ...(metrics.length > 0 ? { metrics } : {}),
  };
  return { playbook, yaml: toYaml(playbook, sourceName, now), slug: slugify(title, 'imported-playbook'), warnings: w.all };
}

/** Checks what Mattermost's own import checks, with messages that say what to do. */
function parseExport(jsonText: string, sourceName: string): JsonObject {
  const text = jsonText.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const before = text.slice(0, errorOffset(text, detail)).split('\n');
    const [line, column] = [before.length, (before[before.length - 1] ?? '').length + 1];
    // V8's position and echo of the text are replaced by line:col.
    const reason = detail.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, (?:\.\.\.)?".*$/s, '');
    throw new MattermostImportError(`${sourceName}:${line}:${column}: not valid JSON: ${reason}`, line, column);
  }
  if (!isObject(value)) {
    const found = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw new MattermostImportError(`${sourceName} is not a Mattermost playbook export: expected a JSON object, found ${found}`);
  }
  if (value.version !== 1) {
    const found = value.version === undefined ? 'no "version" field' : JSON.stringify(value.version);
    throw new MattermostImportError(`${sourceName}: only version 1 exports are supported, found ${found}`);
  }
  if (value.id !== undefined && value.id !== null && value.id !== '') {
    const advice = 'use the playbook\'s "Export" action in Mattermost, or delete the "id" field';
    throw new MattermostImportError(`${sourceName} has a playbook "id": Mattermost itself refuses to import files with an ID; ${advice}`);
  }
  if (typeof value.title !== 'string' || value.title.trim() === '') {
    throw new MattermostImportError(`${sourceName} has no playbook title: a Mattermost export always has a non-empty "title"`);
  }
  return value;
}

/** Where JSON.parse failed. Node 20 gives no position for "Unexpected token" errors: then we find the shortest
 * prefix that cannot start any valid JSON text (a longer prefix is never better, so a binary search works). */
function errorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  // A prefix is viable while JSON.parse only complains that it ends too early.
  const viable = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const at = /at position (\d+)/.exec(String(error));
      return /end of JSON input/.test(String(error)) || (at !== null && Number(at[1]) >= length);
    }
  };
  let low = 0;
  for (let high = text.length; low < high; ) {
    const mid = Math.floor((low + high) / 2);
    if (viable(mid + 1)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function checklistOf(value: unknown, path: string, w: Warnings, index: number): PlaybookChecklist[] {
  if (!isObject(value)) return w.skip(path, 'checklist is not an object; skipped');
  w.others(value, path, CHECKLIST_KEPT, CHECKLIST_DROPPED);
  const title = w.title(value, path, `Checklist ${index + 1}`, 200, 'checklist title');
  const items = w.list(value, 'items', path, 500).flatMap((item, i) => itemOf(item, `${path}.items[${i}]`, w));
  return [{ title, items }];
}

function itemOf(value: unknown, path: string, w: Warnings): PlaybookItem[] {
  if (!isObject(value)) return w.skip(path, 'task is not an object; skipped');
  w.others(value, path, ITEM_KEPT, ITEM_DROPPED);
  const title = w.title(value, path, 'Untitled task', 300, 'task title');
  const description = w.markdown(value, 'description', path);
  const assigneeType = w.text(value, 'assignee_type', path);
  if (assigneeType && assigneeType !== 'owner') w.add(`${path}.assignee_type`, `not imported: git-playbooks has no assignee type "${assigneeType}" (only "owner"); task left unassigned`);
  // A playbook's due date is an offset from the run's start; a huge one is really an absolute date.
  const due = w.number(value, 'due_date', path) ?? 0;
  if (due < 0 || due > MAX_DUE_MS) w.add(`${path}.due_date`, `${due} ms is not a plausible offset from the run's start; due date not imported`);
  const command = w.text(value, 'command', path).trim();
  return [{
    title,
    ...(description ? { description } : {}),
    ...(assigneeType === 'owner' ? { assignee: 'owner' } : {}),
    ...(due > 0 && due <= MAX_DUE_MS ? { due: formatDuration(due) } : {}),
    ...(command ? { command: w.line(command, 1000, `${path}.command`, 'command') } : {}),
  }];
}

function metricsOf(values: unknown[], w: Warnings): MetricConfig[] {
  const titles = new Set<string>();
  const ids = new Set<string>();
  return values.flatMap((value, index): MetricConfig[] => {
    const path = `metrics[${index}]`;
    if (!isObject(value)) return w.skip(path, 'metric is not an object; skipped');
    w.others(value, path, METRIC_KEPT, METRIC_DROPPED);
    const rawType = w.text(value, 'type', path);
    const type = METRIC_TYPES[rawType];
    if (!type) return w.skip(`${path}.type`, `unknown metric type "${rawType}"; metric not imported`);
    let title = w.title(value, path, `Metric ${index + 1}`, 64, 'metric title');
    const wanted = title;
    for (let n = 2; titles.has(title.toLowerCase()); n += 1) title = `${cut(wanted, 64 - ` (${n})`.length)} (${n})`;
    if (title !== wanted) w.add(`${path}.title`, `metric title "${wanted}" is used by an earlier metric; renamed to "${title}"`);
    titles.add(title.toLowerCase());
    let id = metricId({ title });
    for (let n = 2; ids.has(id); n += 1) id = `${slugify(title, 'metric')}-${n}`;
    if (id !== metricId({ title })) w.add(`${path}.title`, `metric id "${metricId({ title })}" is taken by an earlier metric; given the id "${id}"`);
    ids.add(id);
    const description = w.markdown(value, 'description', path);
    if ([...description].length > 2000) w.add(`${path}.description`, 'description is longer than 2000 characters; shortened');
    const metric: MetricConfig = { id, title, ...(description ? { description: cut(description, 2000) } : {}), type };
    const target = w.number(value, 'target', path);
    if (target !== undefined) {
      const text = type === 'duration' && target >= 0 ? formatDuration(target) : target;
      if (metricNumber({ type, title }, text) !== undefined) metric.target = text;
      else w.add(`${path}.target`, `target ${target} is not valid for a ${type} metric; not imported`);
    }
    return [metric];
  });
}

/** Reads values of the expected type from the export, collecting a warning for everything it cannot keep. */
class Warnings {
  readonly all: ImportWarning[] = [];
  add(path: string, message: string): void {
    this.all.push({ path, message });
  }
  skip(path: string, message: string): [] {
    this.add(path, message);
    return [];
  }

  /** Reports every field that is neither read nor (when empty) knowingly ignored. */
  others(object: JsonObject, path: string, kept: readonly string[], dropped: readonly string[]): void {
    for (const [key, value] of Object.entries(object)) {
      if (kept.includes(key)) continue;
      if (!dropped.includes(key)) this.add(join(path, key), 'unknown field: not imported');
      else if (!isEmpty(value)) this.add(join(path, key), NO_EQUIVALENT);
    }
  }

  private typed<T>(object: JsonObject, key: string, path: string, check: (value: unknown) => value is T, expected: string): T | undefined {
    const value = object[key];
    if (value === undefined || value === null || check(value)) return value ?? undefined;
    this.add(join(path, key), `expected ${expected}, found ${JSON.stringify(value)}; ignored`);
    return undefined;
  }
  text(object: JsonObject, key: string, path: string): string {
    return this.typed(object, key, path, (v): v is string => typeof v === 'string', 'text') ?? '';
  }
  number(object: JsonObject, key: string, path: string): number | undefined {
    return this.typed(object, key, path, (v): v is number => typeof v === 'number' && Number.isFinite(v), 'a number');
  }
  flag(object: JsonObject, key: string): boolean {
    return this.typed(object, key, '', (v): v is boolean => typeof v === 'boolean', 'true or false') ?? false;
  }
  seconds(object: JsonObject, key: string): number {
    const value = this.number(object, key, '') ?? 0;
    if (value < 0) this.add(key, `negative duration ${value}; ignored`);
    return Math.max(value, 0);
  }

  /** Markdown with Windows line ends normalised, so that it can be written as a YAML block literal. */
  markdown(object: JsonObject, key: string, path: string): string {
    const text = this.text(object, key, path).replace(/\r\n?/g, '\n');
    return text.trim() === '' ? '' : text;
  }

  /** Lists longer than the schema allows are cut, so the file stays valid. */
  list(object: JsonObject, key: string, path: string, max: number): unknown[] {
    const value = this.typed(object, key, path, (v): v is unknown[] => Array.isArray(v), 'a list') ?? [];
    if (value.length > max) this.add(join(path, key), `only the first ${max} of ${value.length} entries are imported`);
    return value.slice(0, max);
  }

  /** A required title: a missing one is named after its position, so the file stays valid. */
  title(object: JsonObject, path: string, fallback: string, max: number, what: string): string {
    const text = this.text(object, 'title', path).trim();
    if (text !== '') return this.line(text, max, `${path}.title`, what);
    this.add(`${path}.title`, `${what} is missing; named "${fallback}"`);
    return fallback;
  }

  /** A title-like field: one line, at most `max` characters (the schema's limits). */
  line(text: string, max: number, path: string, what: string): string {
    let result = text.trim();
    if (/[\r\n]/.test(result)) this.add(path, `${what} had line breaks; joined into one line`);
    result = result.replace(/\s*[\r\n]+\s*/g, ' ');
    if ([...result].length > max) this.add(path, `${what} is longer than ${max} characters; shortened to "${(result = cut(result, max))}"`);
    return result;
  }
}

/** Shortens to `max` characters (code points, as the schema counts them), ending with an ellipsis. */
const cut = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('').trimEnd()}…`);

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value === null || value === undefined || value === false || value === 0 || value === '' || (isObject(value) && Object.keys(value).length === 0);
}

/** Writes the playbook in schema key order; metric ids equal to the default (slug of the title) are left out. */
function toYaml(playbook: Playbook, sourceName: string, now: Date): string {
  const metrics = playbook.metrics?.map(({ id, ...metric }) => (id === metricId({ title: metric.title }) ? metric : { id, ...metric }));
  const doc = new Document({ ...playbook, ...(metrics ? { metrics } : {}) });
  const source = sourceName.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  doc.commentBefore = ` Imported from Mattermost export ${source} on ${now.toISOString().slice(0, 10)}`;
  // Markdown reads (and diffs) best as a block literal.
  visit(doc, { Scalar: (_key, node) => { if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL'; } });
  return doc.toString({ lineWidth: 0 });
}
