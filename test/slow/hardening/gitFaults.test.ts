import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, readFile, tempDir, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

/** A committed repository with one finished run whose metrics are filled in. */
async function repoReadyToPublish(root: string, env: Record<string, string>): Promise<string> {
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Faults'], env)).last;
  await cliOk(root, ['run', 'finish', runId], env);
  for (const [metric, value] of [['time-to-mitigate', '5m'], ['tickets', '1'], ['credits', '0']]) await cliOk(root, ['retro', 'metric', runId, metric as string, value as string], env);
  return runId;
}

describe('git faults', function () {
  this.timeout(60_000);
  const env = { HOME: homeWithIdentity() };

  it('publishes from a shallow clone', async () => {
    const origin = tempGitRepo();
    const runId = await repoReadyToPublish(origin, env);
    for (let i = 0; i < 3; i += 1) {
      writeFile(origin, `history-${i}.txt`, `${i}\n`);
      git(origin, ['add', '-A']);
      git(origin, ['commit', '-q', '-m', `history ${i}`]);
    }
    const clone = path.join(tempDir('gp-shallow-'), 'clone');
    git(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    git(clone, ['config', 'user.name', 'Shallow Sam']);
    git(clone, ['config', 'user.email', 'sam@example.com']);
    assert.equal(git(clone, ['rev-parse', '--is-shallow-repository']).trim(), 'true');
    await cliOk(clone, ['retro', 'publish', runId], env);
    assert.deepEqual(git(clone, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), [`${runPath(runId)}/retrospective.md`, `${runPath(runId)}/timeline.yaml`]);
  });

  it('commits nothing unrelated in a repository with thousands of dirty files', async () => {
    const root = tempGitRepo();
    const runId = await repoReadyToPublish(root, env);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'base']);
    for (let i = 0; i < 3000; i += 1) writeFile(root, `scratch/file-${i}.txt`, `${i}\n`);
    writeFile(root, 'README.md', 'changed\n');
    git(root, ['add', 'README.md']);
    await cliOk(root, ['retro', 'publish', runId], env);
    assert.deepEqual(git(root, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort(), [`${runPath(runId)}/retrospective.md`, `${runPath(runId)}/timeline.yaml`]);
    assert.match(git(root, ['status', '--porcelain']), /^A {2}README\.md$/m);
    assert.equal(git(root, ['status', '--porcelain', '--untracked-files=all', 'scratch']).trim().split('\n').length, 3000);
  });

  it('refuses to publish over unresolved conflict markers, pointing at the line, and changes nothing', async () => {
    const root = tempGitRepo();
    const runId = await repoReadyToPublish(root, env);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'base']);
    const file = `${runPath(runId)}/retrospective.md`;
    const conflicted = readFile(root, file).replace('tickets: 1\n', '<<<<<<< HEAD\ntickets: 1\n=======\ntickets: 2\n>>>>>>> theirs\n');
    writeFile(root, file, conflicted);
    const head = git(root, ['rev-parse', 'HEAD']);
    const result = await cli(root, ['retro', 'publish', runId], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`${file.replace(/\./g, '\\.')}:\\d+:1: unresolved merge conflict marker`));
    assert.equal(readFile(root, file), conflicted);
    assert.equal(git(root, ['rev-parse', 'HEAD']), head);
    assert.ok(fs.existsSync(path.join(root, file)));
  });
});
