import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { EventType, TimelineEvent } from '../../../../src/core/model/types';
import { mergeRetrospectiveText, retrospectiveBody } from '../../../../src/core/sync/retrospectiveMerge';

const HEAD = 'apiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: draft\nmetrics: {}\n';
const retro = (actions: string): string => `---\n${HEAD}${actions}---\n## Summary\n`;
const action = (id: string, fields: string): string => `  - id: ${id}\n    title: Fix ${id}\n${fields}    createdAt: 2026-11-25T09:00:00Z\n`;
const BASE = retro(`actions:\n  # the review's actions\n${action('a-base01', '    owner: ann\n    status: open\n')}`);

function event(type: EventType, at: string, actor: string, data: TimelineEvent['data']): TimelineEvent {
  return { id: `e${Date.parse(at).toString(36)}-${actor}`, at, type, actor, summary: type, data };
}

function merge(ours: string, theirs: string, oursEvents: TimelineEvent[] = [], theirsEvents: TimelineEvent[] = []): { text: string; swapped: string; notes: string[] } {
  const body = retrospectiveBody(BASE) ?? '';
  const merged = mergeRetrospectiveText({ base: BASE, ours, theirs, oursEvents, theirsEvents, body });
  const swapped = mergeRetrospectiveText({ base: BASE, ours: theirs, theirs: ours, oursEvents: theirsEvents, theirsEvents: oursEvents, body });
  assert.ok(merged && swapped);
  return { text: merged.text, swapped: swapped.text, notes: merged.notes };
}

function actionsOf(text: string): Array<Record<string, string>> {
  return (parse(text.split('---\n')[1] ?? '') as { actions: Array<Record<string, string>> }).actions;
}

describe('merging follow-up actions', () => {
  it('keeps actions added on both branches, in the order they were created, without touching the comments', () => {
    const ours = BASE.replace('---\n## Summary', `${action('a-zzzz01', '    status: open\n').replace('09:00', '10:00')}---\n## Summary`);
    const theirs = BASE.replace('---\n## Summary', `${action('a-aaaa01', '    status: open\n').replace('09:00', '11:00')}---\n## Summary`);
    const { text, swapped } = merge(ours, theirs);
    assert.deepEqual(actionsOf(text).map((item) => item['id']), ['a-base01', 'a-zzzz01', 'a-aaaa01']);
    assert.deepEqual(actionsOf(swapped), actionsOf(text));
    assert.match(text, /# the review's actions\n {2}- id: a-base01\n/);
  });

  it('counts a status changed on one side and the owner on the other', () => {
    const ours = BASE.replace('    status: open\n', '    status: done\n    closedAt: 2026-11-26T09:00:00Z\n');
    const theirs = BASE.replace('owner: ann', 'owner: bob');
    const { text, swapped } = merge(ours, theirs);
    assert.deepEqual(actionsOf(text)[0], { id: 'a-base01', title: 'Fix a-base01', owner: 'bob', status: 'done', closedAt: '2026-11-26T09:00:00Z', createdAt: '2026-11-25T09:00:00Z' });
    assert.deepEqual(actionsOf(swapped), actionsOf(text));
  });

  it('where both changed the status, the later action_state_changed of that action wins, with its closedAt', () => {
    const done = BASE.replace('    status: open\n', '    status: done\n    closedAt: 2026-11-27T09:00:00Z\n');
    const wontDo = BASE.replace('    status: open\n', '    status: wont_do\n    closedAt: 2026-11-26T09:00:00Z\n');
    const doneEvents = [event('action_state_changed', '2026-11-27T09:00:00Z', 'ann', { action: 'a-base01', from: 'open', to: 'done' })];
    // A later change of another action must not decide this one.
    const wontDoEvents = [
      event('action_state_changed', '2026-11-26T09:00:00Z', 'bob', { action: 'a-base01', from: 'open', to: 'wont_do' }),
      event('action_state_changed', '2026-11-28T09:00:00Z', 'bob', { action: 'a-other1', from: 'open', to: 'done' }),
    ];
    const { text, swapped, notes } = merge(wontDo, done, wontDoEvents, doneEvents);
    assert.equal(actionsOf(text)[0]?.['status'], 'done');
    assert.equal(actionsOf(text)[0]?.['closedAt'], '2026-11-27T09:00:00Z');
    assert.equal(swapped, text);
    assert.match(notes.join('\n'), /actions\.a-base01\.status: changed on both sides; kept status "done"/);
  });
});
