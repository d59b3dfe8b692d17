import assert from 'node:assert/strict';
import { cliOk } from '../../helpers/cli';
import { repoWithRun } from '../../helpers/cliRepo';
import { readFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

describe('CLI run task --assign', function () {
  this.timeout(30_000);

  it('assigning a task to its current assignee says so and changes nothing', async () => {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'task', runId, '1.2', '--assign', 'carol'], env);
    const files = [`${runPath(runId)}/run.yaml`, `${runPath(runId)}/timeline.yaml`];
    const before = files.map((file) => readFile(root, file));

    const again = await cliOk(root, ['run', 'task', runId, '1.2', '--assign', 'carol'], env);
    assert.equal(again.stderr, 'task 1.2 is already assigned to carol');
    assert.equal(again.stdout, '');
    assert.deepEqual(files.map((file) => readFile(root, file)), before);

    const unassigned = await cliOk(root, ['run', 'task', runId, 'write-the-customer-note', '--assign', ''], env);
    assert.equal(unassigned.stderr, 'task 2.1 is not assigned to anyone');
    assert.deepEqual(files.map((file) => readFile(root, file)), before);
  });
});
