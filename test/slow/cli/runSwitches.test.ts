import assert from 'node:assert/strict';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';
import { git, readFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

describe('CLI run retro / status-updates / request-update, retro publish --in-progress', function () {
  this.timeout(30_000);

  it('turns the retrospective off (no reminder) and on again on a finished run: reminded from then on', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId], at(env, '2026-11-24T11:00:00Z'));
    const off = await cliOk(root, ['run', 'retro', runId, '--disable'], at(env, '2026-11-24T12:00:00Z'));
    assert.equal(off.stderr, 'Retrospective turned off by Alice Example');
    assert.equal((await cliOk(root, ['due', '--now', '2026-11-24T13:00:00Z'], env)).stdout, 'Nothing is due.');
    await cliOk(root, ['run', 'retro', runId, '--enable'], at(env, '2026-11-24T16:30:00Z'));
    // The sample playbook reminds every 4h: from the switch, not from the finish (15:00, 19:00).
    const due = await cliOk(root, ['due', '--now', '2026-11-24T17:00:00Z'], env);
    assert.equal(due.stdout, `${runId}\tretrospective\talice\tdue since 2026-11-24T16:30:00Z, again 2026-11-24T20:30:00Z`);
    const timeline = (await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout;
    assert.match(timeline, /"retrospective_disabled"/);
    assert.match(timeline, /"retrospective_enabled"/);
  });

  it('needs exactly one of --enable and --disable, and refuses a switch that is already so', async () => {
    const { root, runId, env } = await repoWithRun();
    for (const args of [['run', 'retro', runId], ['run', 'status-updates', runId, '--enable', '--disable']]) {
      const result = await cli(root, args, env);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /give either --enable or --disable/);
    }
    const again = await cli(root, ['run', 'retro', runId, '--enable'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is already on/);
    assert.doesNotMatch(again.stderr, /at .*\.ts:\d+/, 'one line, no stack trace');
  });

  it('status updates off: no reminder and no requests; on again and requested: the owner is due at once', async () => {
    const { root, runId, env } = await repoWithRun('2026-11-24T09:00:00Z');
    await cliOk(root, ['run', 'status-updates', runId, '--disable'], at(env, '2026-11-24T09:10:00Z'));
    assert.equal((await cliOk(root, ['due', '--now', '2026-11-24T12:00:00Z'], env)).stdout, 'Nothing is due.');
    const refused = await cli(root, ['run', 'request-update', runId], at(env, '2026-11-24T09:20:00Z'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /status updates of ".*" are off; turn them on before requesting one/);
    await cliOk(root, ['run', 'status-updates', runId, '--enable'], at(env, '2026-11-24T09:30:00Z'));
    assert.equal((await cliOk(root, ['due', '--now', '2026-11-24T10:00:00Z'], env)).stdout, `${runId}\tstatus update\talice\tnext reminder 2026-11-24T10:30:00Z`, 'the hour counts from the switch');
    const request = await cliOk(root, ['run', 'request-update', runId, '--as', 'carol'], at(env, '2026-11-24T09:45:00Z'));
    assert.equal(request.stderr, 'carol requested a status update from alice');
    const due = await cliOk(root, ['due', '--now', '2026-11-24T10:00:00Z'], env);
    assert.equal(due.stdout, `${runId}\tstatus update\talice\tdue since 2026-11-24T09:45:00Z, again 2026-11-24T10:45:00Z, requested by carol`);
    await cliOk(root, ['run', 'update', runId, '--message', 'Mitigated'], at(env, '2026-11-24T09:50:00Z'));
    assert.equal((await cliOk(root, ['due', '--now', '2026-11-24T10:00:00Z'], env)).stdout, `${runId}\tstatus update\talice\tnext reminder 2026-11-24T10:50:00Z`, 'an update answers the request');
  });

  it('retro publish refuses a run in progress with the flag to give, and publishes it with --in-progress', async () => {
    const { root, runId, env } = await repoWithRun();
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'playbook and run']);
    for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']] as const) {
      await cliOk(root, ['retro', 'metric', runId, metric, value], env);
    }
    const refused = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is still in progress; finish it before publishing its retrospective \(or publish it now with --in-progress\)/);
    assert.match(readFile(root, `${runPath(runId)}/retrospective.md`), /status: draft/, 'nothing written');
    const published = await cliOk(root, ['retro', 'publish', runId, '--in-progress'], env);
    assert.match(published.last, /^[0-9a-f]{40}$/);
    assert.match(readFile(root, `${runPath(runId)}/retrospective.md`), /status: published/);
    assert.match(readFile(root, `${runPath(runId)}/run.yaml`), /status: in_progress/);
    assert.equal(git(root, ['status', '--porcelain', '--', `${runPath(runId)}`]).trim(), '', 'the run\'s files are committed');
  });
});
