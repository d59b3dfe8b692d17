import assert from 'node:assert/strict';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';

describe('CLI run list', function () {
  this.timeout(30_000);

  it('refuses an unknown status or playbook instead of listing nothing', async () => {
    const { root, env } = await repoWithRun();
    const status = await cli(root, ['run', 'list', '--status', 'done'], env);
    assert.equal(status.code, 1);
    assert.equal(status.stderr, 'error: --status must be one of in_progress, finished, not "done"');
    const playbook = await cli(root, ['run', 'list', '--playbook', 'nosuch'], env);
    assert.equal(playbook.code, 1);
    assert.equal(playbook.stderr, 'error: no playbook "nosuch"; playbooks: db-incident');
  });

  it('shows where each retrospective stands, as a table or JSON', async () => {
    const { root, runId: skipped, env } = await repoWithRun('2026-11-20T10:00:00Z');
    await cliOk(root, ['run', 'finish', skipped], at(env, '2026-11-20T11:00:00Z'));
    await cliOk(root, ['retro', 'skip', skipped, '--reason', 'Duplicate'], at(env, '2026-11-20T12:00:00Z'));
    const due = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Replica lag', '--owner', 'bob'], at(env, '2026-11-22T10:00:00Z'))).last;
    await cliOk(root, ['run', 'finish', due], at(env, '2026-11-22T11:00:00Z'));
    const running = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Disk full'], at(env, '2026-11-24T10:00:00Z'))).last;

    const table = (await cliOk(root, ['run', 'list'], env)).stdout.split('\n');
    assert.deepEqual(table.map((line) => line.split(/\s{2,}/).slice(1, 4)), [
      ['STATUS', 'RETROSPECTIVE', 'OWNER'],
      ['in_progress', '—', 'Alice Example'],
      ['finished', 'due', 'bob'],
      ['finished', 'skipped', 'alice'],
    ]);
    assert.equal(table[1]?.split(/\s{2,}/)[0], running);

    const json = JSON.parse((await cliOk(root, ['run', 'list', '--status', 'finished', '--format', 'json'], env)).stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(json.map(({ id, status, retrospective, endedAt }) => ({ id, status, retrospective, endedAt })), [
      { id: due, status: 'finished', retrospective: 'due', endedAt: '2026-11-22T11:00:00Z' },
      { id: skipped, status: 'finished', retrospective: 'skipped', endedAt: '2026-11-20T11:00:00Z' },
    ]);
  });
});
