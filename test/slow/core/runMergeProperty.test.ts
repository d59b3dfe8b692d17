import assert from 'node:assert/strict';
import fc from 'fast-check';
import { load } from 'js-yaml';
import type { TimelineEvent } from '../../../src/core/model/types';
import type { JsonObject } from '../../../src/core/sync/fieldMerge';
import { mergeRunData, mergeRunText } from '../../../src/core/sync/runMerge';
import { reconcileYamlText } from '../../../src/core/sync/yamlReconcile';
import { BASE, START, event } from '../../helpers/runMergeFixture';

const data = (text: string): JsonObject => load(text) as JsonObject;

describe('run.yaml merge, any changes on two sides', () => {
  it('is symmetric and idempotent for any changes made on two sides (property)', () => {
    const people = ['alice', 'bob', 'carol', 'dave'];
    const change = fc.record({
      owner: fc.option(fc.constantFrom(...people), { nil: undefined }),
      add: fc.subarray(people),
      remove: fc.subarray(people),
      states: fc.array(fc.tuple(fc.constantFrom('page-the-dba', 'fail-over', 'customer-note'), fc.constantFrom('open', 'in_progress', 'closed', 'skipped')), { maxLength: 3 }),
      assignees: fc.array(fc.tuple(fc.constantFrom('page-the-dba', 'fail-over', 'customer-note'), fc.constantFrom(...people)), { maxLength: 2 }),
      finished: fc.boolean(),
      minute: fc.integer({ min: 1, max: 50 }),
      hand: fc.boolean(),
    });
    fc.assert(
      fc.property(change, change, (a, b) => {
        const [ours, oursEvents] = apply(a, 'x');
        const [theirs, theirsEvents] = apply(b, 'y');
        const base = data(BASE);
        const one = mergeRunData(base, ours, theirs, { ours: oursEvents, theirs: theirsEvents }).value;
        const other = mergeRunData(base, theirs, ours, { ours: theirsEvents, theirs: oursEvents }).value;
        assert.deepEqual(one, other);
        assert.deepEqual(mergeRunData(base, one, one, { ours: oursEvents, theirs: oursEvents }).value, one);
        assert.deepEqual(mergeRunData(base, ours, base, { ours: oursEvents, theirs: [] }).value, ours);
        const text = mergeRunText({ base: BASE, ours: toText(ours), theirs: toText(theirs), oursEvents, theirsEvents });
        assert.deepEqual(data(text?.text ?? ''), one);
      }),
      { numRuns: 150 },
    );
  });
});

type Change = { owner: string | undefined; add: string[]; remove: string[]; states: Array<[string, string]>; assignees: Array<[string, string]>; finished: boolean; minute: number; hand: boolean };

/** A side's run after `change`, with the events the tool would have recorded (none for a hand edit). */
function apply(change: Change, actor: string): [JsonObject, TimelineEvent[]] {
  const run = structuredClone(data(BASE)) as { owner: string; participants: string[]; status: string; endedAt?: string; checklists: Array<{ items: Array<Record<string, unknown>> }> };
  const events: TimelineEvent[] = [];
  let minute = change.minute;
  const at = (): string => `2026-11-24T10:${String(minute++).padStart(2, '0')}:00Z`;
  const record = (type: TimelineEvent['type'], eventData: TimelineEvent['data']): void => void (change.hand ? undefined : events.push(event(at(), type, actor, eventData)));
  if (change.owner !== undefined && change.owner !== run.owner) {
    record('owner_changed', { from: run.owner, to: change.owner });
    run.owner = change.owner;
    if (!run.participants.includes(change.owner)) run.participants.push(change.owner);
  }
  const added = change.add.filter((who) => !run.participants.includes(who));
  const removed = change.remove.filter((who) => run.participants.includes(who) && who !== run.owner && !added.includes(who));
  if (added.length + removed.length > 0) {
    record('participants_changed', { added, removed });
    run.participants = [...run.participants.filter((who) => !removed.includes(who)), ...added];
  }
  const items = run.checklists.flatMap((checklist) => checklist.items);
  for (const [task, state] of change.states) {
    const item = items.find((candidate) => candidate['id'] === task);
    if (item && item['state'] !== state) {
      record('task_state_changed', { task, from: String(item['state']), to: state });
      item['state'] = state;
    }
  }
  for (const [task, who] of change.assignees) {
    const item = items.find((candidate) => candidate['id'] === task);
    if (item && item['assignee'] !== who) {
      record('assignee_changed', { task, from: (item['assignee'] as string | undefined) ?? null, to: who });
      item['assignee'] = who;
      delete item['followsOwner'];
    }
  }
  if (change.finished) {
    const time = at();
    if (!change.hand) events.push(event(time, 'run_finished', actor, {}));
    run.status = 'finished';
    run.endedAt = time;
  }
  return [run as unknown as JsonObject, [START, ...events]];
}

/** The run as the tool would have written it: edited in place from BASE. */
function toText(run: JsonObject): string {
  return reconcileYamlText([BASE], run);
}
