import assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { git, readFile, tempDir, writeFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';
import { addAction, setAction } from '../../../src/core/actions/actionOperations';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import type { OperationContext } from '../../../src/core/runs/operationContext';

/**
 * Two clones add and change follow-up actions of one retrospective at once and merge with plain
 * git: the registered retrospective driver merges `actions:` item by item.
 */
const home = homeWithIdentity();
const env = { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig') };

function registerDrivers(cwd: string): void {
  const pathVar = `${installedCliDir()}${path.delimiter}${process.env['PATH'] ?? ''}`;
  execFileSync('git-playbooks', ['validate'], { cwd, encoding: 'utf8', env: { ...process.env, ...env, PATH: pathVar, GIT_CONFIG_NOSYSTEM: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const at = (iso: string, actor: string): OperationContext => ({ actor, now: () => new Date(iso) });

async function twoClones(): Promise<{ alice: string; bob: string; runId: string; actionId: string }> {
  const dir = tempDir('gp-action-merge-');
  const remote = path.join(dir, 'remote.git');
  git(dir, ['init', '-q', '--bare', '-b', 'main', remote], env);
  const alice = path.join(dir, 'alice');
  git(dir, ['clone', '-q', remote, alice], env);
  await cliOk(alice, ['init'], env);
  writeFile(alice, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(alice, ['run', 'start', 'db-incident', '--name', 'DB down', '--owner', 'alice', '--as', 'alice'], { ...env, GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' })).last;
  const { id: actionId } = addAction(PlaybooksRepository.at(alice), at('2026-11-25T09:00:00Z', 'alice'), runId, { title: 'Alert on replica lag', owner: 'alice' });
  git(alice, ['add', '-A'], env);
  git(alice, ['commit', '-q', '-m', 'start the run, one action'], env);
  git(alice, ['push', '-q', 'origin', 'main'], env);
  const bob = path.join(dir, 'bob');
  git(dir, ['clone', '-q', remote, bob], env);
  for (const clone of [alice, bob]) registerDrivers(clone);
  return { alice, bob, runId, actionId };
}

type Action = { id: string; title: string; owner?: string; status: string; closedAt?: string };
function actionsIn(root: string, runId: string): Action[] {
  const text = readFile(root, `${runPath(runId)}/retrospective.md`);
  return (load(text.split('---\n')[1] ?? '') as { actions: Action[] }).actions;
}

describe('merging follow-up actions changed in two clones (real git, registered drivers)', function () {
  this.timeout(120_000);

  it('git pull keeps the actions both added, the status from one side and the owner from the other, and the later of two status changes', async () => {
    const { alice, bob, runId, actionId } = await twoClones();
    const aliceRepo = PlaybooksRepository.at(alice);
    const bobRepo = PlaybooksRepository.at(bob);
    const fromAlice = addAction(aliceRepo, at('2026-11-26T09:00:00Z', 'alice'), runId, { title: 'Runbook for failover' });
    setAction(aliceRepo, at('2026-11-26T09:10:00Z', 'alice'), runId, actionId, { status: 'wont_do' });
    git(alice, ['commit', '-q', '-am', 'alice: a runbook, and the alert will not be done'], env);
    git(alice, ['push', '-q', 'origin', 'main'], env);
    const fromBob = addAction(bobRepo, at('2026-11-26T09:05:00Z', 'bob'), runId, { title: 'Load test the replica', owner: 'bob' });
    setAction(bobRepo, at('2026-11-26T09:20:00Z', 'bob'), runId, actionId, { owner: 'bob', status: 'done' });
    git(bob, ['commit', '-q', '-am', 'bob: a load test, and the alert is done'], env);
    const output = git(bob, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env);
    assert.doesNotMatch(output, /CONFLICT/);
    assert.equal(git(bob, ['status', '--porcelain'], env), '');
    const actions = actionsIn(bob, runId);
    assert.deepEqual(actions.map((action) => action.id), [actionId, fromAlice.id, fromBob.id], 'the added ones in the order they were created');
    const first = actions[0];
    assert.equal(first?.owner, 'bob');
    assert.equal(first?.status, 'done', 'bob closed it at 09:20, after alice gave it up at 09:10');
    assert.equal(first?.closedAt, '2026-11-26T09:20:00Z');
    assert.equal((await cli(bob, ['validate'], env)).code, 0);
  });

  it('one side changing the status and the other the owner both count, pulled either way', async () => {
    const { alice, bob, runId, actionId } = await twoClones();
    setAction(PlaybooksRepository.at(alice), at('2026-11-26T09:00:00Z', 'alice'), runId, actionId, { status: 'in_progress' });
    git(alice, ['commit', '-q', '-am', 'alice: started'], env);
    setAction(PlaybooksRepository.at(bob), at('2026-11-26T08:00:00Z', 'bob'), runId, actionId, { owner: 'carol' });
    git(bob, ['commit', '-q', '-am', 'bob: carol owns it'], env);
    git(bob, ['push', '-q', 'origin', 'main'], env);
    assert.doesNotMatch(git(alice, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env), /CONFLICT/);
    assert.deepEqual(actionsIn(alice, runId).map((action) => [action.owner, action.status]), [['carol', 'in_progress']]);
  });
});
