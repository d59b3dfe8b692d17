import assert from 'node:assert/strict';
import { addAction, setAction } from '../../../src/core/actions/actionOperations';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { buildPlaybookReport } from '../../../src/core/reports/playbookReport';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { startRun } from '../../../src/core/runs/startRun';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string): OperationContext => ({ actor: 'alice', now: () => new Date(iso) });

describe('metrics report: the Actions figures of a playbook', () => {
  it("counts the playbook's runs' actions (not another playbook's) at the report's time", () => {
    const root = tempDir('gp-actions-report-');
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    writeFile(root, 'playbooks/other.yaml', SAMPLE_PLAYBOOK.replace(/^title: .*$/m, 'title: Other'));
    const db = startRun(repo, at('2026-11-01T10:00:00Z'), { playbook: 'db-incident', name: 'DB down', owner: 'alice' }).runId;
    const other = startRun(repo, at('2026-11-01T11:00:00Z'), { playbook: 'other', name: 'Other', owner: 'alice' }).runId;
    addAction(repo, at('2026-11-01T12:00:00Z'), db, { title: 'Alert on lag', due: '2026-11-10', priority: 'P1' });
    const closed = addAction(repo, at('2026-11-01T12:00:00Z'), db, { title: 'Runbook' });
    setAction(repo, at('2026-11-03T12:00:00Z'), db, closed.id, { status: 'done' });
    addAction(repo, at('2026-11-01T12:00:00Z'), other, { title: 'Not this playbook', due: '2026-11-02' });

    const early = buildPlaybookReport(repo, 'db-incident', { now: new Date('2026-11-05T00:00:00Z') }).actions;
    assert.deepEqual([early.total, early.open, early.overdue, early.closed, early.medianTimeToClose], [2, 1, 0, 1, 2 * 86_400_000]);
    assert.deepEqual(early.byPriority.map((row) => [row.priority, row.open, row.closed]), [['P1', 1, 0], ['none', 0, 1]]);
    const late = buildPlaybookReport(repo, 'db-incident', { now: new Date('2026-11-11T00:00:00Z') }).actions;
    assert.equal(late.overdue, 1, 'past the end of 2026-11-10');
  });
});
