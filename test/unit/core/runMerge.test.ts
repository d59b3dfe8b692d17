import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import type { TimelineEvent } from '../../../src/core/model/types';
import { BASE, START, event } from '../../helpers/runMergeFixture';
import { mergeRunText } from '../../../src/core/sync/runMerge';
import type { JsonObject } from '../../../src/core/sync/fieldMerge';
import { editYamlText } from '../../../src/core/files/yamlEdit';

const edit = (text: string, change: Parameters<typeof editYamlText>[1]): string => editYamlText(text, change);
const data = (text: string): JsonObject => load(text) as JsonObject;

function merge(ours: string, theirs: string, oursEvents: TimelineEvent[], theirsEvents: TimelineEvent[], base = BASE): { text: string; notes: string[] } {
  const result = mergeRunText({ base, ours, theirs, oursEvents: [START, ...oursEvents], theirsEvents: [START, ...theirsEvents] });
  assert.ok(result, 'merged');
  return result;
}

describe('run.yaml merge', () => {
  it('keeps the owner of the later change when both sides changed it, in either order, and says so', () => {
    const ours = edit(BASE, (e) => e.set(['owner'], 'bob'));
    const theirs = edit(BASE, (e) => e.set(['owner'], 'carol').set(['participants'], ['alice', 'bob', 'carol']));
    const bobAt = [event('2026-11-24T10:05:00Z', 'owner_changed', 'alice', { from: 'alice', to: 'bob' })];
    const carolAt = [event('2026-11-24T10:07:00Z', 'owner_changed', 'dave', { from: 'alice', to: 'carol' })];
    const one = merge(ours, theirs, bobAt, carolAt);
    const other = merge(theirs, ours, carolAt, bobAt);
    assert.equal(data(one.text)['owner'], 'carol');
    assert.deepEqual(data(one.text), data(other.text));
    assert.match(one.notes.join('\n'), /owner: changed on both sides; kept "carol" \(the later change: owner_changed by dave at 2026-11-24T10:07:00Z\) over "bob"/);
  });

  it('keeps a later change that set the owner back to the base value (set, then set back), in either order', () => {
    // Ours: carol at 10:01, then alice again at 10:04, so its run.yaml equals the base; theirs: dave at 10:03.
    const theirs = edit(BASE, (e) => e.set(['owner'], 'dave'));
    const oursEvents = [event('2026-11-24T10:01:00Z', 'owner_changed', 'alice', { from: 'alice', to: 'carol' }), event('2026-11-24T10:04:00Z', 'owner_changed', 'alice', { from: 'carol', to: 'alice' })];
    const theirsEvents = [event('2026-11-24T10:03:00Z', 'owner_changed', 'bob', { from: 'alice', to: 'dave' })];
    assert.equal(data(merge(BASE, theirs, oursEvents, theirsEvents).text)['owner'], 'alice');
    assert.equal(data(merge(theirs, BASE, theirsEvents, oursEvents).text)['owner'], 'alice');
  });

  it('breaks a tie of times by the event id, the same way from both sides', () => {
    const ours = edit(BASE, (e) => e.set(['owner'], 'bob'));
    const theirs = edit(BASE, (e) => e.set(['owner'], 'carol'));
    const at = '2026-11-24T10:05:00Z';
    const first = [event(at, 'owner_changed', 'x', { to: 'bob' }, 'e1-aaaaaa')];
    const second = [event(at, 'owner_changed', 'y', { to: 'carol' }, 'e1-bbbbbb')];
    assert.equal(data(merge(ours, theirs, first, second).text)['owner'], 'carol');
    assert.equal(data(merge(theirs, ours, second, first).text)['owner'], 'carol');
  });

  it('picks the same value on every clone when no event dates either change (hand edits, unknown commits)', () => {
    const ours = edit(BASE, (e) => e.set(['name'], 'DB down (primary)'));
    const theirs = edit(BASE, (e) => e.set(['name'], 'DB down (replica)'));
    const one = mergeRunText({ base: BASE, ours, theirs });
    const other = mergeRunText({ base: BASE, ours: theirs, theirs: ours });
    assert.equal(data(one?.text ?? '')['name'], data(other?.text ?? '')['name']);
  });

  it('merges participants as sets: an add on one side and a remove on the other both count', () => {
    const ours = edit(BASE, (e) => e.set(['participants'], ['alice']));
    const theirs = edit(BASE, (e) => e.set(['participants'], ['alice', 'bob', 'carol']));
    const merged = merge(ours, theirs, [event('2026-11-24T10:03:00Z', 'participants_changed', 'alice', { added: [], removed: ['bob'] })], [event('2026-11-24T10:02:00Z', 'participants_changed', 'carol', { added: ['carol'], removed: [] })]);
    assert.deepEqual(data(merged.text)['participants'], ['alice', 'carol']);
    assert.match(merged.text, /^participants: \[alice, carol\]$/m, 'the flow style stays');
  });

  it('keeps the owner a participant when one side removed whom the other made owner', () => {
    const ours = edit(BASE, (e) => e.set(['owner'], 'bob'));
    const theirs = edit(BASE, (e) => e.set(['participants'], ['alice']));
    assert.deepEqual(data(merge(ours, theirs, [], []).text)['participants'], ['alice', 'bob']);
  });

  it('merges checklist items one by one: a state on one side, an assignee on the other, and both states by the later event', () => {
    const ours = edit(BASE, (e) => e.set(['checklists', 0, 'items', 1, 'state'], 'closed').set(['checklists', 1, 'items', 0, 'state'], 'in_progress'));
    const theirs = edit(BASE, (e) => e.set(['checklists', 0, 'items', 1, 'assignee'], 'carol', { after: 'state' }).set(['checklists', 1, 'items', 0, 'state'], 'skipped'));
    const oursEvents = [
      event('2026-11-24T10:10:00Z', 'task_state_changed', 'bob', { task: 'fail-over', from: 'open', to: 'closed' }),
      event('2026-11-24T10:20:00Z', 'task_state_changed', 'bob', { task: 'customer-note', from: 'open', to: 'in_progress' }),
    ];
    const theirsEvents = [
      event('2026-11-24T10:11:00Z', 'assignee_changed', 'carol', { task: 'fail-over', from: null, to: 'carol' }),
      event('2026-11-24T10:12:00Z', 'task_state_changed', 'carol', { task: 'customer-note', from: 'open', to: 'skipped' }),
    ];
    for (const merged of [merge(ours, theirs, oursEvents, theirsEvents), merge(theirs, ours, theirsEvents, oursEvents)]) {
      const run = data(merged.text) as { checklists: Array<{ items: Array<Record<string, unknown>> }> };
      assert.deepEqual(run.checklists[0]?.items[1], { id: 'fail-over', title: 'Fail over to the replica', state: 'closed', assignee: 'carol' });
      assert.equal(run.checklists[1]?.items[0]?.['state'], 'in_progress');
    }
  });

  it('moves a task that follows the owner with the owner change that wins', () => {
    const ours = edit(BASE, (e) => e.set(['owner'], 'bob').set(['checklists', 0, 'items', 0, 'assignee'], 'bob'));
    const theirs = edit(BASE, (e) => e.set(['owner'], 'carol').set(['participants'], ['alice', 'bob', 'carol']).set(['checklists', 0, 'items', 0, 'assignee'], 'carol'));
    const oursEvents = [event('2026-11-24T10:09:00Z', 'owner_changed', 'alice', { from: 'alice', to: 'bob', tasks: ['page-the-dba'] })];
    const theirsEvents = [event('2026-11-24T10:04:00Z', 'owner_changed', 'alice', { from: 'alice', to: 'carol', tasks: ['page-the-dba'] })];
    const run = data(merge(ours, theirs, oursEvents, theirsEvents).text) as { owner: string; checklists: Array<{ items: Array<{ assignee?: string }> }> };
    assert.equal(run.owner, 'bob');
    assert.equal(run.checklists[0]?.items[0]?.assignee, 'bob');
  });

  it('finishes the run with the later finish, and keeps comments, key order and untouched lines', () => {
    const finish = (at: string) => (e: Parameters<Parameters<typeof editYamlText>[1]>[0]) => e.set(['status'], 'finished').set(['endedAt'], at, { after: 'startedAt' });
    const ours = edit(BASE, finish('2026-11-24T11:00:00Z'));
    const theirs = edit(BASE, (e) => finish('2026-11-24T11:30:00Z')(e.set(['checklists', 0, 'items', 0, 'state'], 'closed')));
    const merged = merge(ours, theirs, [event('2026-11-24T11:00:00Z', 'run_finished', 'alice', {})], [event('2026-11-24T11:30:00Z', 'run_finished', 'bob', {})]);
    assert.equal(merged.text, BASE.replace('status: in_progress', 'status: finished').replace('startedAt: "2026-11-24T10:00:00Z"\n', 'startedAt: "2026-11-24T10:00:00Z"\nendedAt: 2026-11-24T11:30:00Z\n').replace('        state: open\n        assignee: alice', '        state: closed\n        assignee: alice'));
  });

  it('keeps tasks and checklists added on one side', () => {
    const ours = BASE.replace('        state: open\n`', '') + '      - id: post-mortem\n        title: Book the post-mortem\n        state: open\n';
    const theirs = edit(BASE, (e) => e.set(['checklists', 0, 'items', 0, 'state'], 'closed'));
    const run = data(merge(ours, theirs, [], []).text) as { checklists: Array<{ items: Array<{ id: string; state: string }> }> };
    assert.deepEqual(run.checklists[1]?.items.map((item) => item.id), ['customer-note', 'post-mortem']);
    assert.equal(run.checklists[0]?.items[0]?.state, 'closed');
  });

  it('keeps a CRLF file CRLF and its byte-order mark', () => {
    const crlf = `\uFEFF${BASE.replace(/\n/g, '\r\n')}`;
    const ours = edit(crlf.slice(1), (e) => e.set(['owner'], 'bob'));
    const merged = mergeRunText({ base: crlf, ours: `\uFEFF${ours}`, theirs: crlf });
    assert.ok(merged?.text.startsWith('\uFEFF'));
    assert.doesNotMatch(merged?.text ?? '', /[^\r]\n/);
  });

  it('declines a version that still holds conflict markers, so git falls back to its line merge', () => {
    assert.equal(mergeRunText({ base: BASE, ours: `${BASE}<<<<<<< HEAD\nx: 1\n=======\nx: 2\n>>>>>>> other\n`, theirs: BASE }), undefined);
  });

  it('writes the result over the first base that can become it, so a comment only theirs added survives', () => {
    const ours = edit(BASE, (e) => e.set(['owner'], 'bob'));
    const theirs = BASE.replace('kind: Run\n', 'kind: Run\n# Paged at 09:58 by the on-call bot.\n');
    const lineMerged = ours.replace('kind: Run\n', 'kind: Run\n# Paged at 09:58 by the on-call bot.\n');
    const merged = mergeRunText({ base: BASE, ours, theirs, bases: [lineMerged] });
    assert.equal(merged?.text, lineMerged);
    assert.equal(mergeRunText({ base: BASE, ours, theirs, bases: ['not: [yaml'] })?.text, ours, 'a base that is not YAML is passed over');
  });
});
