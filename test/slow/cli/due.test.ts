import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';

describe('CLI due', function () {
  this.timeout(30_000);

  it('says when a status update became due and when it is reminded again, not the same past time twice', async () => {
    const { root, runId, env } = await repoWithRun('2026-11-24T09:00:00Z');
    await cliOk(root, ['run', 'update', runId, '--message', 'Investigating'], at(env, '2026-11-24T09:40:00Z'));
    const due = await cliOk(root, ['due', '--now', '2026-11-24T12:00:00Z'], env);
    assert.equal(due.stdout, `${runId}\tstatus update\talice\tdue since 2026-11-24T10:40:00Z, again 2026-11-24T12:40:00Z`);
  });

  it('says since when a retrospective is due, not its latest reminder', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId], at(env, '2026-11-24T11:00:00Z'));
    // The sample playbook reminds every 4h: reminders fell at 11:00, 15:00 and 19:00.
    const due = await cliOk(root, ['due', '--now', '2026-11-24T20:00:00Z'], env);
    assert.equal(due.stdout, `${runId}\tretrospective\talice\tdue since 2026-11-24T11:00:00Z, again 2026-11-24T23:00:00Z`);
  });

  it('--now in the past ignores status updates posted after it', async () => {
    const { root, runId, env } = await repoWithRun('2026-11-24T09:00:00Z');
    await cliOk(root, ['run', 'update', runId, '--message', 'Investigating'], at(env, '2026-11-24T09:40:00Z'));
    const before = await cliOk(root, ['due', '--now', '2026-11-24T09:30:00Z'], env);
    assert.equal(before.stdout, `${runId}\tstatus update\talice\tnext reminder 2026-11-24T10:00:00Z`);
    const after = await cliOk(root, ['due', '--now', '2026-11-24T10:00:00Z'], env);
    assert.equal(after.stdout, `${runId}\tstatus update\talice\tnext reminder 2026-11-24T10:40:00Z`);
  });
});
