import assert from 'node:assert/strict';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

describe('CLI outside a git repository', function () {
  this.timeout(30_000);

  it('run start says it is not a git repository, in one line', async () => {
    const folder = tempDir('gp-nogit-');
    const env = { HOME: homeWithIdentity() };
    await cliOk(folder, ['init'], env);
    writeFile(folder, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const result = await cli(folder, ['run', 'start', 'db-incident', '--name', 'DB down'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'error: not a git repository; run "git init" first, or pass --as NAME to work without git');
    // --as still works without git, as the message says.
    await cliOk(folder, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env);
  });
});
