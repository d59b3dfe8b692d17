import type { TimelineEvent } from '../model/types';

/**
 * The three-way merge of one document's data, field by field. When both sides changed a field to
 * different values, the side whose latest timeline event that set the field is later wins (ties:
 * the event id, then the value itself), so every clone merging the same two commits, in either
 * order, reaches the same state. The losing change stays visible: its event is in the timeline,
 * which merges by union.
 */

export type Json = unknown;
export type JsonObject = Record<string, Json>;

/** Both sides' timeline events (undefined: not known, e.g. a merge git runs without naming the commits). */
export interface SideEvents {
  ours?: readonly TimelineEvent[];
  theirs?: readonly TimelineEvent[];
}

export type EventFilter = (event: TimelineEvent) => boolean;

/** Fields resolved together, taken from one side: a run's status and endedAt, a task's assignee and followsOwner. */
export interface FieldGroup {
  keys: readonly string[];
  /** The events that set these fields. */
  setBy?: EventFilter;
  /** A side whose values rank higher wins before times are compared (a published retrospective stays published). */
  rank?: { of: (values: JsonObject) => number; why: string };
}

export interface ObjectRules {
  groups?: readonly FieldGroup[];
  /** Keys merged their own way (a set, a list matched by id). */
  special?: Readonly<Record<string, (base: Json, ours: Json, theirs: Json) => Json>>;
  /** Rules for the value under a key, when it is a mapping. */
  nested?: Readonly<Record<string, ObjectRules>>;
}

type Side = 'ours' | 'theirs';

interface Stamp {
  time: number;
  id: string;
  event: TimelineEvent;
}

export class FieldMerger {
  /** What was decided where both sides changed the same thing, for a person reading the merge's output. */
  readonly notes: string[] = [];

  constructor(private readonly events: SideEvents) {}

  /** Merges mappings key by key; keys follow ours, then theirs. */
  object(base: Json, ours: Json, theirs: Json, label: string, rules: ObjectRules = {}): JsonObject {
    const b = asObject(base);
    const o = asObject(ours);
    const t = asObject(theirs);
    const merged: JsonObject = {};
    const handled = new Set<string>();
    for (const group of rules.groups ?? []) {
      for (const key of group.keys) handled.add(key);
      Object.assign(merged, this.group(b, o, t, label, group));
    }
    for (const [key, merge] of Object.entries(rules.special ?? {})) {
      handled.add(key);
      merged[key] = merge(b[key], o[key], t[key]);
    }
    for (const key of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b)])) {
      if (!handled.has(key)) merged[key] = this.value(b[key], o[key], t[key], `${label}${key}`, rules.nested?.[key]);
    }
    return inKeyOrder(merged, keyOrder(Object.keys(o), Object.keys(t)));
  }

  /** Any value: mappings key by key, everything else whole. */
  value(base: Json, ours: Json, theirs: Json, label: string, rules?: ObjectRules): Json {
    if (same(ours, theirs)) return ours;
    // With rules, a side equal to the base may still hold the later change (set, then set back).
    if (rules === undefined && same(base, theirs)) return ours;
    if (rules === undefined && same(base, ours)) return theirs;
    if (isObject(ours) && isObject(theirs) && (base === undefined || isObject(base))) return this.object(base, ours, theirs, `${label}.`, rules);
    return this.group({ v: base }, { v: ours }, { v: theirs }, label, { keys: ['v'] })['v'];
  }

  /** The keys of a group, all from the side that wins it. */
  group(base: JsonObject, ours: JsonObject, theirs: JsonObject, label: string, group: FieldGroup): JsonObject {
    const pick = (from: JsonObject): JsonObject => Object.fromEntries(group.keys.map((key) => [key, from[key]]));
    const changed = (side: JsonObject): boolean => group.keys.some((key) => !same(base[key], side[key]));
    if (group.keys.every((key) => same(ours[key], theirs[key]))) return pick(ours);
    // A side whose value is the base's may have changed it and changed it back: when one side holds a
    // later event for these fields than the other has, the times decide, not the comparison with the base.
    if (!this.eventsDiffer(group)) {
      if (!changed(theirs)) return pick(ours);
      if (!changed(ours)) return pick(theirs);
    }
    const winner = this.winner(pick(ours), pick(theirs), group);
    const name = group.keys.length === 1 && group.keys[0] === 'v' ? label : `${label}${group.keys[0] ?? ''}`;
    this.notes.push(describe(name, winner, pick(ours), pick(theirs), group.keys));
    return pick(winner.side === 'ours' ? ours : theirs);
  }

  /** The earliest time an event on either side matched, for ordering what both sides added. */
  firstTime(filter: EventFilter): number | undefined {
    const times = [...(this.events.ours ?? []), ...(this.events.theirs ?? [])].filter(filter).map((event) => Date.parse(event.at)).filter((time) => !Number.isNaN(time));
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Whether the latest events that set a group's fields differ between the sides (both timelines known). */
  private eventsDiffer(group: FieldGroup): boolean {
    if (!group.setBy || this.events.ours === undefined || this.events.theirs === undefined) return false;
    return compareStamps(latest(this.events.ours, group.setBy), latest(this.events.theirs, group.setBy)) !== 0;
  }

  private winner(ours: JsonObject, theirs: JsonObject, group: FieldGroup): { side: Side; stamp?: Stamp; why: string } {
    const rankOurs = group.rank?.of(ours) ?? 0;
    const rankTheirs = group.rank?.of(theirs) ?? 0;
    if (rankOurs !== rankTheirs) return { side: rankOurs > rankTheirs ? 'ours' : 'theirs', why: group.rank?.why ?? 'it ranks first' };
    const stampOurs = group.setBy ? latest(this.events.ours, group.setBy) : undefined;
    const stampTheirs = group.setBy ? latest(this.events.theirs, group.setBy) : undefined;
    const order = compareStamps(stampOurs, stampTheirs);
    if (order !== 0) {
      const side = order > 0 ? 'ours' : 'theirs';
      const stamp = side === 'ours' ? stampOurs : stampTheirs;
      const why = stamp ? `the later change: ${stamp.event.type} by ${stamp.event.actor} at ${stamp.event.at}` : 'the later change';
      return { side, ...(stamp ? { stamp } : {}), why };
    }
    // No event tells them apart: any fixed rule will do, as long as every clone applies the same.
    return { side: canonical(ours) >= canonical(theirs) ? 'ours' : 'theirs', why: 'no event dates either change; the same pick on every clone' };
  }
}

/**
 * Items of a list matched by a key (a task by id, a checklist by title). When only one side changed
 * the list, it is taken as it is; otherwise items of the base keep their order, removed ones go
 * unless the other side changed them, and items added on either side follow, ordered by key.
 */
export function mergeKeyedList(base: Json, ours: Json, theirs: Json, keyOf: (item: Json, index: number, all: Json[]) => string, mergeItem: (base: Json, ours: Json, theirs: Json) => Json): Json {
  if (!Array.isArray(ours) || !Array.isArray(theirs)) return same(base, ours) ? theirs : ours;
  const baseList = Array.isArray(base) ? base : [];
  if (same(ours, theirs)) return ours;
  const index = (list: Json[]): Map<string, Json> => new Map(list.map((item, i) => [keyOf(item, i, list), item]));
  const [b, o, t] = [index(baseList), index(ours), index(theirs)];
  if (same(baseList, theirs) || same(baseList, ours)) {
    // One side changed the list (its order stands); items on both sides still merge one by one, since
    // the side equal to the base may hold a later change of an item that it set back.
    const oursChanged = same(baseList, theirs);
    const changedList = oursChanged ? ours : theirs;
    return changedList.map((item, i) => {
      const key = keyOf(item, i, changedList);
      const [inBase, other] = [b.get(key), (oursChanged ? t : o).get(key)];
      if (inBase === undefined || other === undefined) return item;
      return oursChanged ? mergeItem(inBase, item, other) : mergeItem(inBase, other, item);
    });
  }
  const added = [...new Set([...o.keys(), ...t.keys()])].filter((key) => !b.has(key)).sort();
  const merged: Json[] = [];
  for (const key of [...b.keys(), ...added]) {
    const [inBase, inOurs, inTheirs] = [b.get(key), o.get(key), t.get(key)];
    if (inOurs === undefined && inTheirs === undefined) continue;
    if (inBase !== undefined && inOurs === undefined) {
      if (!same(inBase, inTheirs)) merged.push(inTheirs);
      continue;
    }
    if (inBase !== undefined && inTheirs === undefined) {
      if (!same(inBase, inOurs)) merged.push(inOurs);
      continue;
    }
    merged.push(inOurs !== undefined && inTheirs !== undefined ? mergeItem(inBase, inOurs, inTheirs) : (inOurs ?? inTheirs));
  }
  return merged;
}

/**
 * A list of names merged as a set: an add on one side and a remove on the other both count. When only
 * one side changed it, that side's list stands; otherwise names of the base keep their order and
 * added names follow in the order they were added (their events), then by name.
 */
export function mergeNameSet(base: Json, ours: Json, theirs: Json, addedAt: (name: string) => number | undefined): Json {
  if (!isNameList(ours) || !isNameList(theirs)) return same(base, ours) ? theirs : ours;
  const baseList = isNameList(base) ? base : [];
  if (same(ours, theirs) || same(baseList, theirs)) return ours;
  if (same(baseList, ours)) return theirs;
  const [b, o, t] = [new Set(baseList), new Set(ours), new Set(theirs)];
  const kept = baseList.filter((name) => o.has(name) && t.has(name));
  const added = [...new Set([...ours, ...theirs])].filter((name) => !b.has(name));
  const time = (name: string): number => addedAt(name) ?? Number.MAX_SAFE_INTEGER;
  added.sort((x, y) => time(x) - time(y) || (x < y ? -1 : x > y ? 1 : 0));
  return [...new Set([...kept, ...added])];
}

function latest(events: readonly TimelineEvent[] | undefined, filter: EventFilter): Stamp | undefined {
  let best: Stamp | undefined;
  for (const event of events ?? []) {
    if (!filter(event)) continue;
    const time = Date.parse(event.at);
    const stamp = { time: Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time, id: String(event.id), event };
    if (compareStamps(stamp, best) > 0) best = stamp;
  }
  return best;
}

/** Later time first, then the larger id (ids start with their creation time); none is earliest of all. */
function compareStamps(a: Stamp | undefined, b: Stamp | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (a.time !== b.time) return a.time > b.time ? 1 : -1;
  return a.id === b.id ? 0 : a.id > b.id ? 1 : -1;
}

function describe(name: string, winner: { side: Side; why: string }, ours: JsonObject, theirs: JsonObject, keys: readonly string[]): string {
  const show = (values: JsonObject): string => (keys.length === 1 ? shown(values[keys[0] ?? '']) : keys.map((key) => `${key} ${shown(values[key])}`).join(', '));
  const [kept, other] = winner.side === 'ours' ? [ours, theirs] : [theirs, ours];
  return `${name}: changed on both sides; kept ${show(kept)} (${winner.why}) over ${show(other)}`;
}

function shown(value: Json): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: Json): JsonObject {
  return isObject(value) ? value : {};
}

function isNameList(value: Json): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** JSON with sorted keys: equal data, equal text, whatever the key order. */
export function canonical(value: Json): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_key, inner: Json) => (isObject(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner));
}

export function same(a: Json, b: Json): boolean {
  return canonical(a) === canonical(b);
}

/** Ours' keys, with each key only theirs has placed after the key it follows there. */
function keyOrder(ours: readonly string[], theirs: readonly string[]): string[] {
  const order = [...ours];
  theirs.forEach((key, index) => {
    if (order.includes(key)) return;
    const before = theirs.slice(0, index).reverse().find((previous) => order.includes(previous));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, key);
  });
  return order;
}

function inKeyOrder(merged: JsonObject, order: readonly string[]): JsonObject {
  const result: JsonObject = {};
  for (const key of [...order, ...Object.keys(merged)]) {
    if (key in result || merged[key] === undefined) continue;
    result[key] = merged[key];
  }
  return result;
}
