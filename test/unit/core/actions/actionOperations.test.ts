import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { addAction, setAction } from '../../../../src/core/actions/actionOperations';
import { listActions } from '../../../../src/core/actions/actionList';
import { PlaybooksRepository } from '../../../../src/core/repository/playbooksRepository';
import { startRun } from '../../../../src/core/runs/startRun';
import { finishRun } from '../../../../src/core/runs/runOperations';
import { setRetrospectiveEnabled } from '../../../../src/core/runs/runSwitches';
import { OperationRefused, type OperationContext } from '../../../../src/core/runs/operationContext';
import { validateRepository } from '../../../../src/core/validation/validateRepository';
import { initRepository } from '../../../../src/core/playbooks/initRepository';
import { SAMPLE_PLAYBOOK } from '../../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../../helpers/tempRepo';

function setup(): { repo: PlaybooksRepository; at: (iso: string, actor?: string) => OperationContext; runId: string } {
  const root = tempDir('gp-actions-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });
  const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down' });
  return { repo, at, runId };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof OperationRefused, String(error));
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail('expected a refusal');
}

describe('follow-up action operations', () => {
  it('adds actions to the front matter under the run lock, with an id, an event each, and comments kept', () => {
    const { repo, at, runId } = setup();
    const file = repo.layout.retrospectiveFile(runId);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('status: draft', 'status: draft # still writing'));
    const first = addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: ' Alert on replica lag ', owner: 'bob', due: '4w', priority: 'P2' });
    const second = addAction(repo, at('2026-11-25T09:05:00Z'), runId, { title: 'Runbook for failover', link: 'https://github.com/acme/shop/issues/12' });
    assert.match(first.id, /^a-[a-z0-9]{6}$/);
    assert.notEqual(first.id, second.id);
    assert.deepEqual(first, { id: first.id, title: 'Alert on replica lag', owner: 'bob', due: '4w', priority: 'P2', status: 'open', createdAt: '2026-11-25T09:00:00Z' });
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /status: draft # still writing/);
    assert.deepEqual(repo.readRetrospective(runId).data?.actions, [first, second]);
    const events = repo.requireTimeline(runId).events.filter((event) => event.type === 'action_added');
    assert.deepEqual(events.map((event) => [event.summary, event.data]), [
      ['Action added: Alert on replica lag (owner bob)', { action: first.id }],
      ['Action added: Runbook for failover', { action: second.id }],
    ]);
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('closing stamps closedAt and records the state change; reopening removes it; other fields are action_changed', () => {
    const { repo, at, runId } = setup();
    const { id } = addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'Fix alerting', owner: 'bob' });
    const done = setAction(repo, at('2026-12-02T16:00:00Z', 'bob'), runId, id, { status: 'done' });
    assert.equal(done.closedAt, '2026-12-02T16:00:00Z');
    assert.equal(repo.readRetrospective(runId).data?.actions?.[0]?.closedAt, '2026-12-02T16:00:00Z');
    const reopened = setAction(repo, at('2026-12-03T08:00:00Z'), runId, id, { status: 'in_progress', owner: '', due: '2026-12-20', link: 'https://example.com/i/1' });
    assert.deepEqual(reopened, { id, title: 'Fix alerting', due: '2026-12-20', status: 'in_progress', link: 'https://example.com/i/1', createdAt: '2026-11-25T09:00:00Z' });
    const stored = repo.readRetrospective(runId).data?.actions?.[0];
    assert.deepEqual(stored, reopened);
    // The stored key order is the documented one, whatever order the fields came in.
    assert.deepEqual(Object.keys(stored ?? {}), ['id', 'title', 'due', 'status', 'link', 'createdAt']);
    const events = repo.requireTimeline(runId).events.filter((event) => event.type.startsWith('action_') && event.type !== 'action_added');
    assert.deepEqual(events.map((event) => [event.type, event.data]), [
      ['action_state_changed', { action: id, from: 'open', to: 'done' }],
      ['action_state_changed', { action: id, from: 'done', to: 'in_progress' }],
      ['action_changed', { action: id, fields: ['owner', 'due', 'link'] }],
    ]);
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('refuses in one line: unknown run, unknown id, nothing to change, bad input, a retrospective turned off', () => {
    const { repo, at, runId } = setup();
    const { id } = addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'Fix alerting', owner: 'bob' });
    const before = fs.readFileSync(repo.layout.retrospectiveFile(runId), 'utf8');
    assert.equal(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), 'no-such-run', { title: 'x' })), 'no run "no-such-run"');
    assert.match(refusal(() => setAction(repo, at('2026-11-25T09:00:00Z'), runId, 'a-zzzzzz', { status: 'done' })), /has no action "a-zzzzzz"; its actions: a-/);
    assert.match(refusal(() => setAction(repo, at('2026-11-25T09:00:00Z'), runId, id, { owner: 'bob' })), /^nothing to change/);
    assert.equal(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: '  ' })), 'give the action a title');
    assert.match(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'x', due: 'next week' })), /the due date must be a date/);
    assert.match(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'x', due: '2025-01-01' })), /before the run started/);
    assert.match(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'x', link: 'javascript:alert(1)' })), /http\(s\) address/);
    assert.match(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'x', priority: 'P9' as 'P1' })), /priority must be one of/);
    assert.match(refusal(() => setAction(repo, at('2026-11-25T09:00:00Z'), runId, id, { status: 'closed' as 'done' })), /status must be one of/);
    assert.equal(fs.readFileSync(repo.layout.retrospectiveFile(runId), 'utf8'), before, 'nothing written by a refusal');
    finishRun(repo, at('2026-11-24T12:00:00Z'), runId);
    setRetrospectiveEnabled(repo, at('2026-11-24T12:01:00Z'), runId, false);
    assert.match(refusal(() => addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'x' })), /retrospective turned off/);
  });

  it('validate and the Problems panel place a repeated id, a due before the start and a closedAt out of step at file:line:col', () => {
    const { repo, at, runId } = setup();
    const first = addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'Fix alerting' });
    addAction(repo, at('2026-11-25T09:01:00Z'), runId, { title: 'Write runbook' });
    const file = repo.layout.retrospectiveFile(runId);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const secondId = lines.findIndex((line, index) => index > lines.findIndex((l) => l.includes(first.id)) && line.includes('- id: a-'));
    fs.writeFileSync(file, text.replace(/(- id: )a-[a-z0-9]{6}(\n {4}title: Write runbook)/, `$1${first.id}$2`).replace('    title: Fix alerting\n', '    title: Fix alerting\n    due: 2026-01-01\n    closedAt: 2026-11-26T00:00:00Z\n'));
    const shown = repo.layout.relative(file);
    const problems = validateRepository(repo).filter((problem) => problem.file === shown).map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
    const firstLine = lines.findIndex((line) => line.includes(first.id)) + 1;
    assert.deepEqual(problems, [
      `${firstLine + 2}:10 due 2026-01-01 is before the run started (2026-11-24T10:00:00Z)`,
      `${firstLine + 3}:5 an action that is open must not have closedAt`,
      `${secondId + 1 + 2}:9 action id "${first.id}" is used twice (also action 1)`,
    ]);
  });

  it('lists actions across the repository with deadlines, overdue first, filtered by owner, playbook and overdue', () => {
    const { repo, at, runId } = setup();
    const late = addAction(repo, at('2026-11-25T09:00:00Z'), runId, { title: 'Fix alerting', owner: 'Bob', due: '2026-12-01' });
    const later = addAction(repo, at('2026-11-25T09:01:00Z'), runId, { title: 'Write runbook', owner: 'carol', due: '2027-01-10' });
    const { runId: other } = startRun(repo, at('2026-11-26T10:00:00Z'), { playbook: 'db-incident', name: 'Cache down' });
    const undated = addAction(repo, at('2026-11-26T11:00:00Z'), other, { title: 'Tune cache', owner: 'bob', priority: 'P1' });
    const now = new Date('2026-12-10T00:00:00Z');
    const all = listActions(repo, now);
    assert.deepEqual(all.map((view) => [view.id, view.overdue, view.dueAt ?? null]), [
      [late.id, true, '2026-12-01T23:59:59Z'],
      [later.id, false, '2027-01-10T23:59:59Z'],
      // P1 before publishing: no date yet.
      [undated.id, false, null],
    ]);
    assert.equal(all[0]?.runName, 'Primary DB down');
    assert.equal(all[0]?.playbook, 'db-incident');
    assert.deepEqual(listActions(repo, now, { overdue: true }).map((view) => view.id), [late.id]);
    assert.deepEqual(listActions(repo, now, { owner: 'bob' }).map((view) => view.id), [late.id, undated.id]);
    assert.deepEqual(listActions(repo, now, { runId: other }).map((view) => view.id), [undated.id]);
    assert.equal(listActions(repo, now, { playbook: 'db-incident' }).length, 3);
    assert.match(refusal(() => listActions(repo, now, { playbook: 'nope' })), /no playbook "nope"; playbooks: db-incident/);
    setAction(repo, at('2026-12-09T00:00:00Z'), runId, late.id, { status: 'wont_do' });
    assert.deepEqual(listActions(repo, now, { overdue: true }), []);
    assert.deepEqual(listActions(repo, now, { openOnly: true }).map((view) => view.id), [later.id, undated.id]);
  });
});
