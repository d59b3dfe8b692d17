import { strict as assert } from 'node:assert';
import retrospectiveSchema from '../../../schemas/retrospective.schema.json';
import { ACTION_DUE_PATTERN, ACTION_ID_PATTERN, WEB_LINK_PATTERN, parseDue } from '../../../src/core/actions/actionRules';
import { checkRetrospective } from '../../../src/core/validation/semanticChecks';
import { validateAgainstSchema } from '../../../src/core/validation/schemaValidator';
import type { RetrospectiveMeta } from '../../../src/core/model/types';
import { inputProblem } from '../../../src/core/validation/inputRules';

const fields = retrospectiveSchema.properties.actions.items.properties;

function meta(actions: unknown[]): RetrospectiveMeta {
  return { apiVersion: 'git-playbooks/v1', kind: 'Retrospective', status: 'draft', metrics: {}, actions } as RetrospectiveMeta;
}

const open = { id: 'a-k3x9q2', title: 'Alert on replica lag', status: 'open', createdAt: '2026-12-01T10:00:00Z' };

describe('follow-up actions in the retrospective format', () => {
  it('the schema and the messages use the same patterns', () => {
    assert.equal(fields.id.pattern, ACTION_ID_PATTERN);
    assert.equal(fields.due.pattern, ACTION_DUE_PATTERN);
    assert.equal(fields.link.pattern, WEB_LINK_PATTERN);
  });

  it('accepts the documented example and refuses a bad id, due, priority and link in words', () => {
    const example = { ...open, owner: 'bob', due: '4w', priority: 'P2', link: 'https://github.com/acme/shop/issues/12' };
    assert.deepEqual(validateAgainstSchema('Retrospective', meta([example])), []);
    const bad = { ...open, id: 'A-1', due: 'soon', priority: 'P5', link: 'javascript:alert(1)', title: 'two\nlines' };
    const messages = validateAgainstSchema('Retrospective', meta([bad])).map((problem) => problem.message);
    assert.ok(messages.some((message) => message.includes('"id" must be "a-" and six')), messages.join('\n'));
    assert.ok(messages.some((message) => message.includes('"due" must be a date (2026-12-24)')), messages.join('\n'));
    assert.ok(messages.some((message) => message.includes('"priority" must be one of: P1, P2, P3, P4')), messages.join('\n'));
    assert.ok(messages.some((message) => message.includes('"link" must be an http(s) address')), messages.join('\n'));
    assert.ok(messages.some((message) => message.includes('"title" must be a single line')), messages.join('\n'));
  });

  it('checks typed input by the same rules before anything is written', () => {
    assert.equal(inputProblem('actionDue', '2026-12-24'), undefined);
    assert.equal(inputProblem('actionDue', '10d'), undefined);
    assert.match(inputProblem('actionDue', 'next week') ?? '', /the due date must be a date/);
    assert.match(inputProblem('actionOwner', 'a\nb') ?? '', /single line/);
    assert.match(inputProblem('actionTitle', 'x'.repeat(201)) ?? '', /longer than 200/);
  });

  it('reads a due date as the end of that day in UTC, and refuses days that do not exist', () => {
    assert.deepEqual(parseDue('2026-12-24'), { kind: 'date', at: Date.parse('2026-12-24T23:59:59Z') });
    assert.deepEqual(parseDue('2026-12-24T17:00:00+01:00'), { kind: 'dateTime', at: Date.parse('2026-12-24T16:00:00Z') });
    assert.deepEqual(parseDue('4w'), { kind: 'duration', ms: 28 * 86_400_000 });
    assert.equal(parseDue('2026-02-30'), undefined);
    assert.equal(parseDue('2026-02-30T10:00:00Z'), undefined);
  });

  it('reports a repeated id, a due before the run started and closedAt out of step with the status', () => {
    const actions = [
      { ...open, due: '2025-12-24' },
      { ...open, title: 'again' },
      { ...open, id: 'a-000001', status: 'done' },
      { ...open, id: 'a-000002', closedAt: '2026-12-02T10:00:00Z' },
      { ...open, id: 'a-000003', due: '2026-02-30' },
    ];
    const problems = checkRetrospective(meta(actions), undefined, '2026-11-30T08:00:00Z');
    assert.deepEqual(
      problems.map((problem) => [problem.path.join('.'), problem.message]),
      [
        ['actions.0.due', 'due 2025-12-24 is before the run started (2026-11-30T08:00:00Z)'],
        ['actions.1.id', 'action id "a-k3x9q2" is used twice (also action 1)'],
        ['actions.2.status', 'a done action needs closedAt'],
        ['actions.3.closedAt', 'an action that is open must not have closedAt'],
        ['actions.4.due', 'due "2026-02-30" is not a day of the calendar'],
      ],
    );
    // A duration counts from publishing: never before the start.
    assert.deepEqual(checkRetrospective(meta([{ ...open, due: '1d' }]), undefined, '2026-11-30T08:00:00Z'), []);
  });
});
