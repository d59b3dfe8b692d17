import type { TimelineEvent } from '../model/types';
import { FieldMerger, isObject, mergeKeyedList, mergeNameSet, type EventFilter, type Json, type JsonObject, type ObjectRules, type SideEvents } from './fieldMerge';
import { parseForMerge, reconcileYamlText } from './yamlReconcile';

/** The three versions of a file git hands a merge driver, and both sides' timelines. */
export interface MergeTextInput {
  base: string;
  ours: string;
  theirs: string;
  oursEvents?: readonly TimelineEvent[];
  theirsEvents?: readonly TimelineEvent[];
  /**
   * Texts to write the result from, best first (e.g. git's line merge resolved to ours, which keeps
   * comments from both sides); ours is always tried last.
   */
  bases?: readonly string[];
}

export interface MergeTextResult {
  text: string;
  /** Where both sides changed the same field, what was kept and why. */
  notes: string[];
}

/**
 * Merges run.yaml field by field (see docs/format.md, "Merging"). Undefined when a version is not a
 * YAML mapping (a conflict left in it, a syntax error): then git's line merge is the honest answer.
 */
export function mergeRunText(input: MergeTextInput): MergeTextResult | undefined {
  const base = input.base.trim() === '' ? {} : parseForMerge(input.base);
  const ours = parseForMerge(input.ours);
  const theirs = parseForMerge(input.theirs);
  if (base === undefined || ours === undefined || theirs === undefined) return undefined;
  const events: SideEvents = { ...(input.oursEvents ? { ours: input.oursEvents } : {}), ...(input.theirsEvents ? { theirs: input.theirsEvents } : {}) };
  const { value, notes } = mergeRunData(base, ours, theirs, events);
  return { text: reconcileYamlText([...(input.bases ?? []), input.ours], value), notes };
}

/** The merged data of a run; pure and symmetric: swapping ours and theirs gives the same data. */
export function mergeRunData(base: JsonObject, ours: JsonObject, theirs: JsonObject, events: SideEvents): { value: JsonObject; notes: string[] } {
  const merger = new FieldMerger(events);
  const value = merger.object(base, ours, theirs, '', runRules(merger));
  keepOwnerParticipating(value);
  return { value, notes: merger.notes };
}

/** `updatedAt`: the later stamp (the merge is a change made now, after both). */
export function laterStamp(_base: Json, ours: Json, theirs: Json): Json {
  return typeof ours === 'string' && typeof theirs === 'string' ? (ours >= theirs ? ours : theirs) : (ours ?? theirs);
}

function runRules(merger: FieldMerger): ObjectRules {
  return {
    groups: [
      { keys: ['owner'], setBy: ofType('owner_changed') },
      { keys: ['status', 'endedAt'], setBy: ofType('run_finished', 'run_restored') },
    ],
    special: {
      updatedAt: laterStamp,
      participants: (b, o, t) => mergeNameSet(b, o, t, (name) => merger.firstTime((event) => addedPerson(event, name))),
      checklists: (b, o, t) => mergeKeyedList(b, o, t, checklistKey, (bc, oc, tc) => mergeChecklist(merger, bc, oc, tc)),
    },
    nested: {
      retrospective: { groups: [{ keys: ['enabled'], setBy: ofType('retrospective_enabled', 'retrospective_disabled') }] },
    },
  };
}

function mergeChecklist(merger: FieldMerger, base: Json, ours: Json, theirs: Json): Json {
  const label = `checklists[${JSON.stringify(isObject(ours) ? (ours['title'] ?? '') : '')}].`;
  return merger.object(base, ours, theirs, label, {
    special: {
      items: (b, o, t) => mergeKeyedList(b, o, t, itemKey, (bi, oi, ti) => mergeItem(merger, bi, oi, ti)),
    },
  });
}

function mergeItem(merger: FieldMerger, base: Json, ours: Json, theirs: Json): Json {
  const id = isObject(ours) ? String(ours['id'] ?? '') : '';
  const forTask = (event: TimelineEvent): boolean => event.data?.['task'] === id;
  const movedWithOwner = (event: TimelineEvent): boolean => event.type === 'owner_changed' && Array.isArray(event.data?.['tasks']) && (event.data['tasks'] as string[]).includes(id);
  return merger.object(base, ours, theirs, `task ${id}: `, {
    groups: [
      { keys: ['state'], setBy: (event) => event.type === 'task_state_changed' && forTask(event) },
      { keys: ['assignee', 'followsOwner'], setBy: (event) => (event.type === 'assignee_changed' && forTask(event)) || movedWithOwner(event) },
    ],
  });
}

/** Checklists are matched by title (they have no id); a repeated title by its occurrence. */
function checklistKey(checklist: Json, index: number, all: Json[]): string {
  const title = isObject(checklist) ? String(checklist['title'] ?? '') : '';
  const occurrence = all.slice(0, index).filter((other) => isObject(other) && String(other['title'] ?? '') === title).length;
  return occurrence === 0 ? title : `${title}#${occurrence + 1}`;
}

function itemKey(item: Json, index: number): string {
  return isObject(item) && typeof item['id'] === 'string' ? item['id'] : `#${index}`;
}

/** The events that put `name` among the participants (the start, an owner change, an add). */
function addedPerson(event: TimelineEvent, name: string): boolean {
  const data = event.data ?? {};
  if (event.type === 'participants_changed') return Array.isArray(data['added']) && (data['added'] as string[]).includes(name);
  if (event.type === 'owner_changed') return data['to'] === name;
  return event.type === 'run_started' && data['owner'] === name;
}

/** The owner is always a participant: one side may have removed whom the other made owner. */
function keepOwnerParticipating(run: JsonObject): void {
  const owner = run['owner'];
  const participants = run['participants'];
  if (typeof owner === 'string' && Array.isArray(participants) && !participants.includes(owner)) run['participants'] = [...participants, owner];
}

export function ofType(...types: string[]): EventFilter {
  return (event) => types.includes(event.type);
}
