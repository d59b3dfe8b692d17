import assert from 'node:assert/strict';
import { actionDueTime, actionView, daysOverdue } from '../../../../src/core/actions/actionDeadlines';
import type { FollowUpAction } from '../../../../src/core/actions/actionTypes';
import { DEFAULT_ACTION_DEADLINES, parseActionDeadlines } from '../../../../src/core/review/reviewConfig';

const PUBLISHED = '2026-12-01T10:00:00Z';
const run = { runId: 'r', runName: 'R', playbook: 'p', publishedAt: PUBLISHED };
const action = (fields: Partial<FollowUpAction>): FollowUpAction => ({ id: 'a-000001', title: 'Fix it', status: 'open', createdAt: '2026-11-30T10:00:00Z', ...fields });
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('follow-up action deadlines', () => {
  it('counts each priority from publishing by the default deadlines: P1 4w, P2 8w, P3 12w, P4 none', () => {
    assert.equal(iso(actionDueTime({ priority: 'P1' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2026-12-29T10:00:00Z');
    assert.equal(iso(actionDueTime({ priority: 'P2' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2027-01-26T10:00:00Z');
    assert.equal(iso(actionDueTime({ priority: 'P3' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2027-02-23T10:00:00Z');
    assert.equal(actionDueTime({ priority: 'P4' }, PUBLISHED, DEFAULT_ACTION_DEADLINES), undefined);
    assert.equal(actionDueTime({}, PUBLISHED, DEFAULT_ACTION_DEADLINES), undefined);
  });

  it('takes a due of its own over the priority: a date at the end of its day (UTC), a date-time as it is, a duration after publishing', () => {
    assert.equal(iso(actionDueTime({ due: '2026-12-24', priority: 'P1' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2026-12-24T23:59:59Z');
    assert.equal(iso(actionDueTime({ due: '2026-12-24T09:00:00+02:00' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2026-12-24T07:00:00Z');
    assert.equal(iso(actionDueTime({ due: '10d', priority: 'P3' }, PUBLISHED, DEFAULT_ACTION_DEADLINES)), '2026-12-11T10:00:00Z');
  });

  it('has no date for a duration or a priority before publishing, but a fixed date stands', () => {
    assert.equal(actionDueTime({ due: '10d' }, undefined, DEFAULT_ACTION_DEADLINES), undefined);
    assert.equal(actionDueTime({ priority: 'P1' }, undefined, DEFAULT_ACTION_DEADLINES), undefined);
    assert.equal(iso(actionDueTime({ due: '2026-12-24' }, undefined, DEFAULT_ACTION_DEADLINES)), '2026-12-24T23:59:59Z');
  });

  it('reads the repository deadlines from review.yaml, null meaning none, the rest default', () => {
    const deadlines = parseActionDeadlines('actions:\n  deadlines:\n    P1: 1w\n    P3: null\n    P4: 26w\n');
    assert.deepEqual(deadlines, { P1: '1w', P2: '8w', P4: '26w' });
    assert.equal(iso(actionDueTime({ priority: 'P1' }, PUBLISHED, deadlines)), '2026-12-08T10:00:00Z');
    assert.equal(actionDueTime({ priority: 'P3' }, PUBLISHED, deadlines), undefined);
    // A file with a problem is the defaults (validate reports it).
    assert.deepEqual(parseActionDeadlines('actions:\n  deadlines:\n    P1: soon\n'), DEFAULT_ACTION_DEADLINES);
  });

  it('is overdue only while open or in progress and past the deadline, with a fixed now', () => {
    const due = action({ due: '2026-12-24' });
    assert.equal(actionView(due, run, DEFAULT_ACTION_DEADLINES, new Date('2026-12-24T23:59:59Z')).overdue, false);
    const late = actionView(due, run, DEFAULT_ACTION_DEADLINES, new Date('2026-12-27T12:00:00Z'));
    assert.equal(late.overdue, true);
    assert.equal(late.dueAt, '2026-12-24T23:59:59Z');
    assert.equal(daysOverdue(late, new Date('2026-12-27T12:00:00Z')), 2);
    assert.equal(actionView({ ...due, status: 'in_progress' }, run, DEFAULT_ACTION_DEADLINES, new Date('2026-12-27T12:00:00Z')).overdue, true);
    assert.equal(actionView({ ...due, status: 'done', closedAt: '2026-12-26T00:00:00Z' }, run, DEFAULT_ACTION_DEADLINES, new Date('2026-12-27T12:00:00Z')).overdue, false);
    const p1Draft = actionView(action({ priority: 'P1' }), { ...run, publishedAt: undefined }, DEFAULT_ACTION_DEADLINES, new Date('2030-01-01T00:00:00Z'));
    assert.deepEqual([p1Draft.dueAt, p1Draft.overdue], [undefined, false]);
  });
});
