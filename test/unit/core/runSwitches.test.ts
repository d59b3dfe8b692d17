import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { finishRun, postStatusUpdate } from '../../../src/core/runs/runOperations';
import { recordCommandRan, requestStatusUpdate, setRetrospectiveEnabled, setStatusUpdatesEnabled } from '../../../src/core/runs/runSwitches';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { startRun } from '../../../src/core/runs/startRun';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { editYamlFile } from '../../../src/core/files/yamlEdit';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });

function setup(playbook = SAMPLE_PLAYBOOK): { repo: PlaybooksRepository; runId: string } {
  const root = tempDir('gp-switch-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', playbook);
  const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down', owner: 'bob' });
  return { repo, runId };
}

const runText = (repo: PlaybooksRepository, runId: string): string => fs.readFileSync(repo.layout.runFile(runId), 'utf8');

describe('run switches (retrospective and status updates on/off, update requests, commands run)', () => {
  it('turns the retrospective off and on again on a finished run, changing only that line of run.yaml and its updatedAt stamp', () => {
    const { repo, runId } = setup();
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
    const before = runText(repo, runId);
    const off = setRetrospectiveEnabled(repo, at('2026-11-24T12:00:00Z', 'carol'), runId, false);
    assert.deepEqual([off.type, off.summary, off.actor], ['retrospective_disabled', 'Retrospective turned off by carol', 'carol']);
    assert.equal(repo.requireRun(runId).retrospective.enabled, false);
    const changed = runText(repo, runId).split('\n').filter((line, index) => line !== before.split('\n')[index]);
    assert.deepEqual(changed, ['updatedAt: 2026-11-24T12:00:00Z', '  enabled: false'], 'one scalar and the stamp changed, comments and order kept');
    assert.ok(fs.existsSync(repo.layout.retrospectiveFile(runId)), 'the draft is kept');
    assert.throws(() => setRetrospectiveEnabled(repo, at('2026-11-24T12:00:00Z'), runId, false), /already off/);
    assert.equal(setRetrospectiveEnabled(repo, at('2026-11-24T13:00:00Z'), runId, true).type, 'retrospective_enabled');
    // Set back, but not the same bytes: a merge must not mistake it for no change (docs/format.md, "Merging").
    assert.equal(runText(repo, runId), before.replace('updatedAt: 2026-11-24T11:00:00Z', 'updatedAt: 2026-11-24T13:00:00Z'));
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('turning the retrospective on creates retrospective.md from the template when the run had none', () => {
    const { repo, runId } = setup(SAMPLE_PLAYBOOK.replace('retrospective:\n  enabled: true', 'retrospective:\n  enabled: false'));
    assert.equal(fs.existsSync(repo.layout.retrospectiveFile(runId)), false);
    setRetrospectiveEnabled(repo, at('2026-11-24T10:10:00Z'), runId, true);
    const retro = repo.readRetrospective(runId, repo.requirePlaybook('db-incident'));
    assert.equal(retro.data?.status, 'draft');
    assert.match(retro.body ?? '', /## What went well/);
  });

  it('turns status updates off and on while the run is in progress; refuses on a finished run', () => {
    const { repo, runId } = setup();
    const off = setStatusUpdatesEnabled(repo, at('2026-11-24T10:05:00Z'), runId, false);
    assert.deepEqual([off.type, off.summary], ['status_updates_disabled', 'Status updates turned off by alice']);
    assert.equal(repo.requireRun(runId).statusUpdates.enabled, false);
    assert.equal(repo.requireRun(runId).statusUpdates.reminder, '1h', 'the cadence stays for when they are turned on again');
    assert.throws(() => setStatusUpdatesEnabled(repo, at('2026-11-24T10:06:00Z'), runId, false), /already off/);
    postStatusUpdate(repo, at('2026-11-24T10:07:00Z'), runId, 'Still posted by hand');
    setStatusUpdatesEnabled(repo, at('2026-11-24T10:08:00Z'), runId, true);
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
    assert.throws(() => setStatusUpdatesEnabled(repo, at('2026-11-24T11:01:00Z'), runId, false), /is finished; restore it first/);
  });

  it('requests a status update from the owner, only while status updates are on and the run is in progress', () => {
    const { repo, runId } = setup();
    const request = requestStatusUpdate(repo, at('2026-11-24T10:20:00Z', 'carol'), runId);
    assert.deepEqual([request.type, request.summary, request.actor, request.data], ['status_update_requested', 'carol requested a status update from bob', 'carol', { owner: 'bob' }]);
    setStatusUpdatesEnabled(repo, at('2026-11-24T10:21:00Z'), runId, false);
    assert.throws(() => requestStatusUpdate(repo, at('2026-11-24T10:22:00Z'), runId), /are off; turn them on before requesting one/);
    setStatusUpdatesEnabled(repo, at('2026-11-24T10:23:00Z'), runId, true);
    finishRun(repo, at('2026-11-24T11:00:00Z'), runId);
    assert.throws(() => requestStatusUpdate(repo, at('2026-11-24T11:01:00Z'), runId), /is finished/);
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });

  it('records command_ran with the task and the command as confirmed, and nothing when it changed or is missing', () => {
    const { repo, runId } = setup();
    const file = repo.layout.runFile(runId);
    editYamlFile(file, 'run.yaml', (editor) => editor.set(['checklists', 0, 'items', 1, 'command'], './scripts/failover.sh --to replica'));
    const event = recordCommandRan(repo, at('2026-11-24T10:30:00Z'), runId, '1.2', './scripts/failover.sh --to replica');
    assert.equal(event.type, 'command_ran');
    assert.equal(event.summary, 'Ran the command of "Fail over to the replica": ./scripts/failover.sh --to replica');
    assert.deepEqual(event.data, { task: 'fail-over-to-the-replica', command: './scripts/failover.sh --to replica' });
    assert.throws(() => recordCommandRan(repo, at('2026-11-24T10:31:00Z'), runId, '1.2', './scripts/other.sh'), /changed since you confirmed it/);
    assert.throws(() => recordCommandRan(repo, at('2026-11-24T10:31:00Z'), runId, '1.1', 'anything'), /has no command to run/);
    const ran = repo.requireTimeline(runId).events.filter((candidate) => candidate.type === 'command_ran');
    assert.equal(ran.length, 1);
    assert.deepEqual(validateRepository(repo).filter((problem) => problem.severity === 'error'), []);
  });
});
