import assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/model/types';
import { mergeRetrospectiveText, retrospectiveBody } from '../../../src/core/sync/retrospectiveMerge';

const RETRO = (front: string, body = '## Summary\nThe primary failed over.\n'): string => `---
apiVersion: git-playbooks/v1
kind: Retrospective
status: draft
metrics:
${front}---
${body}`;

const BASE = RETRO('  time-to-mitigate: null # filled in at the review\n  tickets: null\n');

function recorded(at: string, metric: string, value: string | number, actor: string): TimelineEvent {
  return { id: `e${Date.parse(at).toString(36)}-${actor}`, at, type: 'metric_recorded', actor, summary: metric, data: { metric, value } };
}

describe('retrospective merge', () => {
  it('merges metrics key by key, the later recording winning where both sides set one, and keeps the comments', () => {
    const ours = BASE.replace('time-to-mitigate: null', 'time-to-mitigate: 1h').replace('tickets: null', 'tickets: 4');
    const theirs = BASE.replace('tickets: null', 'tickets: 7');
    const oursEvents = [recorded('2026-11-25T09:00:00Z', 'time-to-mitigate', '1h', 'ann'), recorded('2026-11-25T09:01:00Z', 'tickets', 4, 'ann')];
    const theirsEvents = [recorded('2026-11-25T09:30:00Z', 'tickets', 7, 'bob')];
    const body = retrospectiveBody(BASE) ?? '';
    const merged = mergeRetrospectiveText({ base: BASE, ours, theirs, oursEvents, theirsEvents, body });
    const swapped = mergeRetrospectiveText({ base: BASE, ours: theirs, theirs: ours, oursEvents: theirsEvents, theirsEvents: oursEvents, body });
    assert.equal(merged?.text, RETRO('  time-to-mitigate: 1h # filled in at the review\n  tickets: 7\n'));
    assert.equal(swapped?.text, merged?.text);
    assert.match(merged?.notes.join('\n') ?? '', /metrics\.tickets: changed on both sides; kept 7/);
  });

  it('keeps the later updatedAt stamp, whichever side has it', () => {
    const stamped = (front: string, at: string): string => `${RETRO(front).replace(/\n---\n/, `\nupdatedAt: ${at}\n---\n`)}`;
    const base = stamped('  tickets: 5\n', '2026-11-25T09:00:00Z');
    const ours = stamped('  tickets: 5\n', '2026-11-25T09:13:00Z');
    const theirs = stamped('  tickets: 12\n', '2026-11-25T09:02:00Z');
    const oursEvents = [recorded('2026-11-25T09:04:00Z', 'tickets', 7, 'bob'), recorded('2026-11-25T09:13:00Z', 'tickets', 5, 'bob')];
    const theirsEvents = [recorded('2026-11-25T09:02:00Z', 'tickets', 12, 'ann')];
    const body = retrospectiveBody(base) ?? '';
    for (const merged of [
      mergeRetrospectiveText({ base, ours, theirs, oursEvents, theirsEvents, body }),
      mergeRetrospectiveText({ base, ours: theirs, theirs: ours, oursEvents: theirsEvents, theirsEvents: oursEvents, body }),
    ]) {
      assert.match(merged?.text ?? '', /^updatedAt: 2026-11-25T09:13:00Z$/m);
      assert.match(merged?.text ?? '', /^ {2}tickets: 5$/m, 'bob set 5 at 09:13, after ann set 12 at 09:02');
    }
  });

  it('keeps a published retrospective published over a skip recorded later on the other side', () => {
    const published = BASE.replace('status: draft', 'status: published\npublishedAt: 2026-11-25T10:00:00Z\npublishedBy: ann');
    const skipped = BASE.replace('status: draft', 'status: skipped\nskippedAt: 2026-11-25T11:00:00Z\nskippedBy: bob\nskipReason: duplicate');
    const events = { oursEvents: [{ id: 'e2', at: '2026-11-25T10:00:00Z', type: 'retrospective_published' as const, actor: 'ann', summary: 'p' }], theirsEvents: [{ id: 'e3', at: '2026-11-25T11:00:00Z', type: 'retrospective_skipped' as const, actor: 'bob', summary: 's' }] };
    const merged = mergeRetrospectiveText({ base: BASE, ours: skipped, theirs: published, ...events, body: retrospectiveBody(BASE) ?? '' });
    assert.match(merged?.text ?? '', /status: published\npublishedAt: 2026-11-25T10:00:00Z\npublishedBy: ann\n/);
    assert.doesNotMatch(merged?.text ?? '', /skip/);
  });

  it('puts the body it is given (git merged the prose) under the merged front matter, markers and all', () => {
    const body = '## Summary\n<<<<<<< HEAD\nThe primary failed over.\n=======\nThe replica was promoted.\n>>>>>>> theirs\n';
    const merged = mergeRetrospectiveText({ base: BASE, ours: BASE, theirs: BASE, body });
    assert.equal(merged?.text, RETRO('  time-to-mitigate: null # filled in at the review\n  tickets: null\n', body));
  });

  it('declines a side without front matter, leaving the whole file to git', () => {
    assert.equal(mergeRetrospectiveText({ base: BASE, ours: 'just prose\n', theirs: BASE, body: '' }), undefined);
  });
});
