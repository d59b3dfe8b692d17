import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';
import { tempDir, writeFile } from '../../helpers/tempRepo';
import { repoWithRun } from '../../helpers/runFixture';
import { runPath } from '../../helpers/runPaths';

describe('validate <path>', function () {
  this.timeout(30_000);

  it('fails on a path that does not exist, lies outside the repository or outside the playbooks folder', async () => {
    const { root, env } = await repoWithRun();
    const outside = tempDir('gp-outside-');
    const cases: Array<[string, string]> = [
      ['playbooks/db-incidnet.yaml', 'error: "playbooks/db-incidnet.yaml" does not exist; nothing to validate'],
      ['playbook', 'error: "playbook" does not exist; nothing to validate'],
      [outside, `error: "${outside}" is outside the repository at ${root}`],
      ['..', `error: ".." is outside the repository at ${root}`],
      ['.gitattributes', 'error: ".gitattributes" is not in the playbooks folder playbooks; nothing there to validate'],
    ];
    for (const [target, message] of cases) {
      for (const format of ['text', 'json']) {
        const result = await cli(root, ['validate', target, '--format', format], env);
        assert.equal(result.code, 1, `${target} ${format}`);
        assert.equal(result.stderr, message);
        assert.equal(result.stdout, '');
      }
    }
    assert.equal((await cli(root, ['validate', 'playbooks/db-incident.yaml'], env)).code, 0);
    assert.equal((await cli(path.join(root, 'playbooks'), ['validate', 'runs'], env)).code, 0);
  });

  it('reports symbolic links out of the playbooks folder instead of skipping them', async () => {
    const { root, runId, env } = await repoWithRun();
    const outside = tempDir('gp-outside-');
    const secret = writeFile(outside, 'secret.yaml', 'password: hunter2\n');
    fs.symlinkSync(secret, path.join(root, 'playbooks/linked.yaml'));
    fs.cpSync(path.join(root, runPath(runId)), path.join(outside, 'run'), { recursive: true });
    fs.symlinkSync(path.join(outside, 'run'), path.join(root, 'playbooks/runs/2026-11-24-linked'));
    fs.rmSync(path.join(root, runPath(runId, 'timeline.yaml')));
    fs.symlinkSync(secret, path.join(root, runPath(runId, 'timeline.yaml')));
    const real = fs.realpathSync(outside);
    const result = await cli(root, ['validate'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, [
      `playbooks/linked.yaml:1:1: symbolic link to ${real}/secret.yaml, outside the playbooks folder: git-playbooks refuses to read or write through it`,
      `playbooks/runs/2026-11-24-linked:1:1: symbolic link to ${real}/run, outside the playbooks folder: git-playbooks refuses to read or write through it`,
      `${runPath(runId)}/timeline.yaml:1:1: symbolic link to ${real}/secret.yaml, outside the playbooks folder: git-playbooks refuses to read or write through it`,
    ].join('\n'));
    assert.doesNotMatch(result.stdout, /hunter2|password/);
    const scoped = await cli(root, ['validate', `${runPath(runId)}/timeline.yaml`], env);
    assert.equal(scoped.code, 1);
    assert.match(scoped.stdout, /^playbooks\/runs\/.*\/timeline\.yaml:1:1: symbolic link to /);
  });

  it('warns about a symbolic link that stays inside the playbooks folder', async () => {
    const { root, env } = await repoWithRun();
    fs.symlinkSync('db-incident.yaml', path.join(root, 'playbooks/db.yaml'));
    const result = await cli(root, ['validate'], env);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'playbooks/db.yaml:1:1: warning: symbolic link: git-playbooks does not read through it here; put the file or folder itself here');
  });
});
