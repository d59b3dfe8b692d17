import assert from 'node:assert/strict';
import { addAction, setAction } from '../../../src/core/actions/actionOperations';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { startRun } from '../../../src/core/runs/startRun';
import type { FollowUpView } from '../../../src/shared/protocol';
import { buildRunViewState } from '../../../src/webviews/runViewModel';
import { dueText, isOverdue } from '../../../webview/src/run/format';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });

describe('run editor: follow-up actions (view model and page text)', () => {
  it('lists the actions in the file order with their deadline worked out against the given time', () => {
    const root = tempDir('gp-follow-ups-view-');
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down', owner: 'bob' });
    const first = addAction(repo, at('2026-11-24T11:00:00Z'), runId, { title: 'Alert on replica lag', owner: 'bob', due: '2026-11-30', priority: 'P2' });
    const second = addAction(repo, at('2026-11-24T11:05:00Z'), runId, { title: 'Runbook for failover', due: '4w' });
    setAction(repo, at('2026-11-24T11:10:00Z'), runId, second.id, { link: 'https://github.com/acme/shop/issues/12' });

    const before = buildRunViewState(repo, runId, { readOnly: false, now: new Date('2026-11-30T12:00:00Z') }).retrospective?.actions ?? [];
    assert.deepEqual(
      before.map((action) => [action.id, action.title, action.owner, action.priority, action.status, action.overdue, action.link]),
      [
        [first.id, 'Alert on replica lag', 'bob', 'P2', 'open', false, undefined],
        [second.id, 'Runbook for failover', undefined, undefined, 'open', false, 'https://github.com/acme/shop/issues/12'],
      ],
    );
    assert.equal(before[1]?.dueAt, undefined, 'a duration has no date before publishing');
    const after = buildRunViewState(repo, runId, { readOnly: false, now: new Date('2026-12-01T00:00:00Z') }).retrospective?.actions ?? [];
    assert.equal(after[0]?.overdue, true, 'the day after its due date');
  });

  it('the page marks overdue by the host, or by its own clock once the deadline passed; never a closed action', () => {
    const action: FollowUpView = { id: 'a-abcdef', title: 'x', status: 'open', overdue: false, due: '2026-11-30', dueAt: '2026-11-30T23:59:59.999Z' };
    const now = Date.parse('2026-11-30T12:00:00Z');
    assert.equal(isOverdue(action, now), false);
    assert.equal(isOverdue(action, Date.parse('2026-12-01T00:00:00Z')), true);
    assert.equal(isOverdue({ ...action, overdue: true }, now), true);
    assert.equal(isOverdue({ ...action, overdue: true, status: 'done' }, now), false);
    assert.match(dueText({ ...action, overdue: true }, now) ?? '', /^overdue since /);
    assert.match(dueText(action, now) ?? '', /^due /);
    assert.equal(dueText({ id: 'a-1', title: 'x', status: 'open', overdue: false, due: '4w' }, now), 'due 4w after publishing');
    assert.equal(dueText({ id: 'a-1', title: 'x', status: 'open', overdue: false }, now), undefined);
  });
});
