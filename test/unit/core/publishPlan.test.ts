import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { startRun } from '../../../src/core/runs/startRun';
import { finishRun } from '../../../src/core/runs/runOperations';
import { recordMetric } from '../../../src/core/retrospectives/retrospectiveOperations';
import { planPublish, planSkip, type CommitPlan } from '../../../src/core/publishing/publishPlan';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string): OperationContext => ({ actor: 'alice', now: () => new Date(iso) });
const LOCAL = { branch: false, push: false, remote: 'origin' };

/** A finished run; `retroByHand`: the playbook had retrospectives off, the run's was turned on by hand after. */
function finished(options: { retroByHand?: boolean; metrics?: boolean } = {}): { repo: PlaybooksRepository; runId: string } {
  const root = tempDir('gp-plan-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  let playbook = options.metrics === false ? SAMPLE_PLAYBOOK.slice(0, SAMPLE_PLAYBOOK.indexOf('metrics:')) : SAMPLE_PLAYBOOK;
  if (options.retroByHand) playbook = playbook.replace('retrospective:\n  enabled: true', 'retrospective:\n  enabled: false');
  writeFile(root, 'playbooks/db-incident.yaml', playbook);
  const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down' });
  finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
  if (options.retroByHand) {
    const file = repo.layout.runFile(runId);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/(retrospective:\n(?: {2}.*\n)*? {2}enabled: )false/, '$1true'));
    assert.equal(repo.requireRun(runId).retrospective.enabled, true);
  }
  return { repo, runId };
}

/** Every file under the run's folder with its text: what "nothing written" compares. */
function folderState(repo: PlaybooksRepository, runId: string): Record<string, string> {
  const dir = repo.layout.runDir(runId);
  return Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

describe('publish plan (core, one read, nothing written before the write)', () => {
  it('refuses missing metrics without creating the retrospective that was turned on by hand', () => {
    const { repo, runId } = finished({ retroByHand: true });
    const before = folderState(repo, runId);
    assert.equal(fs.existsSync(repo.layout.retrospectiveFile(runId)), false);
    assert.throws(() => planPublish(repo, runId, LOCAL), /no value yet for "Time to mitigate"/);
    assert.deepEqual(folderState(repo, runId), before);
  });

  it('plans the commit with its trailer and metrics, writes only in write(), and undo() puts the files back', () => {
    const { repo, runId } = finished();
    for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']] as const) recordMetric(repo, at('2026-11-24T12:00:00Z'), runId, metric, value);
    const before = folderState(repo, runId);
    const plan = planPublish(repo, runId, { branch: true, push: false, remote: 'upstream' }) as CommitPlan;
    assert.equal(plan.kind, 'commit');
    assert.equal(plan.branch?.name, `retro/${runId}`);
    assert.equal(plan.branch?.base.remote, 'upstream');
    assert.equal(plan.branch?.base.requireRemote, false);
    assert.match(plan.message, /^Publish retrospective: DB down\n\nRetrospective of run .*\n\n- Time to mitigate: 45m\n- Tickets: 3\n- Credits: USD 10\.00\n\nPlaybook-Run: 2026-11-24-db-down$/);
    assert.deepEqual(folderState(repo, runId), before, 'planning wrote nothing');
    const written = plan.write(at('2026-11-24T13:00:00Z'));
    assert.match(fs.readFileSync(repo.layout.retrospectiveFile(runId), 'utf8'), /status: published/);
    written.undo();
    assert.deepEqual(folderState(repo, runId), before);
  });

  it('creates a retrospective turned on by hand under the run lock, as part of the write, and undo() removes it', () => {
    const { repo, runId } = finished({ retroByHand: true, metrics: false });
    const plan = planPublish(repo, runId, LOCAL) as CommitPlan;
    assert.equal(fs.existsSync(repo.layout.retrospectiveFile(runId)), false, 'planning created nothing');
    const written = plan.write(at('2026-11-24T13:00:00Z'));
    assert.equal(repo.readRetrospective(runId).data?.status, 'published');
    written.undo();
    assert.equal(fs.existsSync(repo.layout.retrospectiveFile(runId)), false);
  });

  it('checks again under the lock when a file changed after the plan was made', () => {
    const { repo, runId } = finished();
    for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']] as const) recordMetric(repo, at('2026-11-24T12:00:00Z'), runId, metric, value);
    const plan = planPublish(repo, runId, LOCAL) as CommitPlan;
    const file = repo.layout.retrospectiveFile(runId);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tickets: 3', 'tickets: null'));
    assert.throws(() => plan.write(at('2026-11-24T13:00:00Z')), /no value yet for "Tickets"/);
    assert.equal(repo.readRetrospective(runId).data?.status, 'draft');
  });

  it('with --push after an earlier publish, plans pushing the branch again; a NUL in a skip reason reaches the message as U+FFFD', () => {
    const { repo, runId } = finished({ metrics: false });
    (planPublish(repo, runId, LOCAL) as CommitPlan).write(at('2026-11-24T13:00:00Z'));
    const again = planPublish(repo, runId, { branch: false, push: true, remote: 'origin' });
    assert.equal(again.kind, 'pushAgain');
    assert.equal(again.kind === 'pushAgain' ? again.branch : '', `retro/${runId}`);
    const other = finished({ metrics: false });
    const before = folderState(other.repo, other.runId);
    const skip = planSkip(other.repo, other.runId, 'false alarm\u0000', LOCAL) as CommitPlan;
    assert.match(skip.message, /Reason: false alarm\ufffd/);
    assert.deepEqual(folderState(other.repo, other.runId), before, 'planning writes nothing');
  });
});
