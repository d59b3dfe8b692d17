import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { repoWithRun } from '../../helpers/cliRepo';
import { readFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

describe('CLI retro metric', function () {
  this.timeout(30_000);

  it('recording the value a metric already has records nothing and says unchanged', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'finish', runId], env);
    assert.equal((await cliOk(root, ['retro', 'metric', runId, 'time-to-mitigate', '12m'], env)).stderr, 'Time to mitigate = 12m');
    const files = [`${runPath(runId)}/retrospective.md`, `${runPath(runId)}/timeline.yaml`];
    const before = files.map((file) => readFile(root, file));

    for (const same of ['12m', '00:00:12']) {
      const again = await cliOk(root, ['retro', 'metric', runId, 'time-to-mitigate', same], env);
      assert.equal(again.stderr, 'Time to mitigate = 12m (unchanged)', same);
    }
    assert.deepEqual(files.map((file) => readFile(root, file)), before);
    const events = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ type: string }>;
    assert.equal(events.filter((event) => event.type === 'metric_recorded').length, 1);

    assert.equal((await cliOk(root, ['retro', 'metric', runId, 'time-to-mitigate', '15m'], env)).stderr, 'Time to mitigate = 15m');
  });
});
