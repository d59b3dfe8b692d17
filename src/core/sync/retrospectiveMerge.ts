import { splitFrontMatter } from '../files/frontMatter';
import type { TimelineEvent } from '../model/types';
import { FieldMerger, isObject, mergeKeyedList, type Json, type JsonObject, type SideEvents } from './fieldMerge';
import { laterStamp, ofType, type MergeTextInput, type MergeTextResult } from './runMerge';
import { parseForMerge, reconcileYamlText } from './yamlReconcile';

const LIFECYCLE_KEYS = ['status', 'publishedAt', 'publishedBy', 'skippedAt', 'skippedBy', 'skipReason'];

/** The Markdown below a retrospective's front matter; undefined when the file has no front matter. */
export function retrospectiveBody(text: string): string | undefined {
  const parts = splitFrontMatter(stripBom(text));
  return parts.yaml === undefined ? undefined : parts.body;
}

/**
 * Merges a retrospective: its front matter field by field (metrics key by key; the status with its
 * dates as one), and `body`, the Markdown already merged line by line by git (with git's markers
 * where both sides changed the same lines). Undefined when a side's front matter cannot be read.
 */
export function mergeRetrospectiveText(input: MergeTextInput & { body: string }): MergeTextResult | undefined {
  const base = input.base.trim() === '' ? '' : frontMatterOf(input.base);
  const ours = frontMatterOf(input.ours);
  const theirs = frontMatterOf(input.theirs);
  if (base === undefined || ours === undefined || theirs === undefined) return undefined;
  const data = [base === '' ? {} : parseForMerge(base), parseForMerge(ours), parseForMerge(theirs)];
  const [b, o, t] = data;
  if (b === undefined || o === undefined || t === undefined) return undefined;
  const events: SideEvents = { ...(input.oursEvents ? { ours: input.oursEvents } : {}), ...(input.theirsEvents ? { theirs: input.theirsEvents } : {}) };
  const { value, notes } = mergeRetrospectiveData(b, o, t, events);
  const eol = input.ours.includes('\r\n') ? '\r\n' : '\n';
  const yaml = reconcileYamlText([ours], value).replace(/\r?\n/g, eol);
  const bom = input.ours.startsWith('\uFEFF') ? '\uFEFF' : '';
  return { text: `${bom}---${eol}${yaml.endsWith(eol) ? yaml : `${yaml}${eol}`}---${eol}${input.body}`, notes };
}

/** The merged front matter; symmetric like the run's. A published retrospective stays published. */
export function mergeRetrospectiveData(base: JsonObject, ours: JsonObject, theirs: JsonObject, events: SideEvents): { value: JsonObject; notes: string[] } {
  const merger = new FieldMerger(events);
  const value = merger.object(base, ours, theirs, '', {
    groups: [{ keys: LIFECYCLE_KEYS, setBy: ofType('retrospective_published', 'retrospective_skipped'), rank: { of: (values) => (values['status'] === 'published' ? 1 : 0), why: 'a published retrospective stays published' } }],
    special: { updatedAt: laterStamp, metrics: (b, o, t) => mergeMetrics(merger, b, o, t), actions: (b, o, t) => mergeActions(merger, b, o, t) },
  });
  return { value, notes: merger.notes };
}

/** Metric values key by key: where both sides recorded a value, the later `metric_recorded` wins. */
function mergeMetrics(merger: FieldMerger, base: Json, ours: Json, theirs: Json): Json {
  if (!isObject(ours) || !isObject(theirs)) return merger.value(base, ours, theirs, 'metrics');
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(theirs), ...(isObject(base) ? Object.keys(base) : [])])];
  return merger.object(base, ours, theirs, 'metrics.', {
    groups: keys.map((key) => ({ keys: [key], setBy: (event) => event.type === 'metric_recorded' && event.data?.['metric'] === key })),
  });
}

/** An action's state and what closing it stamps, resolved together. */
const ACTION_STATE_KEYS = ['status', 'closedAt', 'closedBy'];

/**
 * Follow-up actions item by item, matched by id: actions added on both sides are all kept (the added
 * ones in the order they were created); within one action, fields changed on one side each count,
 * and where both sides changed the status, the later `action_state_changed` of that action wins (any
 * other field: the later `action_changed` naming it).
 */
function mergeActions(merger: FieldMerger, base: Json, ours: Json, theirs: Json): Json {
  const keyOf = (item: Json, index: number): string => (isObject(item) && typeof item['id'] === 'string' ? item['id'] : `#${index}`);
  const merged = mergeKeyedList(base, ours, theirs, keyOf, (b, o, t) => {
    const id = isObject(o) && typeof o['id'] === 'string' ? o['id'] : '';
    const ofAction = (event: TimelineEvent): boolean => event.data?.['action'] === id;
    const keys = [...new Set([...Object.keys(isObject(o) ? o : {}), ...Object.keys(isObject(t) ? t : {})])].filter((key) => !ACTION_STATE_KEYS.includes(key));
    return merger.object(b, o, t, `actions.${id}.`, {
      groups: [
        { keys: ACTION_STATE_KEYS, setBy: (event) => event.type === 'action_state_changed' && ofAction(event) },
        ...keys.map((key) => ({ keys: [key], setBy: (event: TimelineEvent) => event.type === 'action_changed' && ofAction(event) && namesField(event, key) })),
      ],
    });
  });
  if (!Array.isArray(merged)) return merged;
  const inBase = new Set((Array.isArray(base) ? base : []).map(keyOf));
  const kept = merged.filter((item, index) => inBase.has(keyOf(item, index)));
  const added = merged.filter((item, index) => !inBase.has(keyOf(item, index)));
  // Only where both sides added some: one side's own order stands.
  const idsOf = (list: Json): Set<string> => new Set((Array.isArray(list) ? list : []).map(keyOf));
  const [oursIds, theirsIds] = [idsOf(ours), idsOf(theirs)];
  const bothAdded = added.some((item, index) => !oursIds.has(keyOf(item, index))) && added.some((item, index) => !theirsIds.has(keyOf(item, index)));
  if (!bothAdded) return merged;
  const created = (item: Json): string => (isObject(item) && typeof item['createdAt'] === 'string' ? item['createdAt'] : '');
  return [...kept, ...added.sort((a, b) => created(a).localeCompare(created(b)) || keyOf(a, 0).localeCompare(keyOf(b, 0)))];
}

function namesField(event: TimelineEvent, key: string): boolean {
  const fields = event.data?.['fields'];
  return Array.isArray(fields) && fields.includes(key);
}

/** The YAML between the fences, line ends as in the file. */
function frontMatterOf(text: string): string | undefined {
  return splitFrontMatter(stripBom(text)).yaml;
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
