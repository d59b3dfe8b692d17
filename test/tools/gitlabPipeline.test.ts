import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/cli';
import { git, tempGitRepo } from '../helpers/tempRepo';

/**
 * The pipeline `init --ci gitlab` writes, checked with GitLab's own CI JSON schema — the one GitLab's
 * pipeline editor uses, bundled in gitlab-ci-local, which needs Node ≥ 22. scripts/e2e.sh runs this
 * tier with both from scripts/e2e-tools.sh (NODE24, GITLAB_CI_LOCAL); without them it fails.
 */
function tool(name: 'NODE24' | 'GITLAB_CI_LOCAL'): string {
  const value = process.env[name];
  assert.ok(value !== undefined && value !== '', `${name} is not set: run this tier through scripts/e2e.sh`);
  return value;
}

/** `gitlab-ci-local --list` in the repository: it expands includes and validates against the schema. */
function gitlabCiLocal(repo: string): { status: number | null; output: string } {
  const node = path.join(tool('NODE24'), 'bin', 'node');
  const result = spawnSync(node, [tool('GITLAB_CI_LOCAL'), '--list'], { cwd: repo, encoding: 'utf8', env: { ...process.env, HOME: repo } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A repository with the written pipeline committed (gitlab-ci-local reads local includes from git) and a GitLab remote. */
async function repositoryWithPipeline(): Promise<string> {
  const repo = tempGitRepo();
  const written = await cli(repo, ['init', '--ci', 'gitlab']);
  assert.equal(written.code, 0, written.stderr);
  git(repo, ['remote', 'add', 'origin', 'https://gitlab.example.com/acme/checkout-service.git']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'playbooks and their merge request check']);
  return repo;
}

describe('init --ci gitlab: the pipeline against GitLab\'s CI schema', function () {
  this.timeout(120_000);

  it('passes GitLab\'s schema, the included job file with it', async () => {
    const repo = await repositoryWithPipeline();
    const checked = gitlabCiLocal(repo);
    assert.equal(checked.status, 0, checked.output);
    assert.match(checked.output, /json schema validated/);
  });

  it('a broken copy fails it (so the check is real)', async () => {
    const repo = await repositoryWithPipeline();
    const jobFile = path.join(repo, '.gitlab/playbooks.gitlab-ci.yml');
    fs.writeFileSync(jobFile, fs.readFileSync(jobFile, 'utf8').replace('when: always', 'when: sometimes'));
    git(repo, ['commit', '-q', '-am', 'an artifacts.when GitLab does not know']);
    const checked = gitlabCiLocal(repo);
    assert.notEqual(checked.status, 0, checked.output);
    assert.match(checked.output, /schema/i);
  });
});
