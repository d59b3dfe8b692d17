import assert from 'node:assert/strict';
import { cli } from '../../helpers/cli';
import { repoWithRun } from '../../helpers/cliRepo';

describe('CLI run show', function () {
  this.timeout(30_000);

  it('refuses an unknown --format instead of printing text', async () => {
    const { root, runId, env } = await repoWithRun();
    const result = await cli(root, ['run', 'show', runId, '--format', 'yaml'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'error: --format must be one of text, json, not "yaml"');
    assert.equal(result.stdout, '');
  });
});
