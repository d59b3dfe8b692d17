import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { git, tempDir } from '../../helpers/tempRepo';
import { runFoldersIn, runPath } from '../../helpers/runPaths';

const README = path.resolve(__dirname, '../../../README.md');

/** The first bash block under the walkthrough heading: the test runs exactly what the README shows. */
function walkthroughScript(): string {
  const text = fs.readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## Five-minute walkthrough'));
  const match = /```bash\n([\s\S]*?)```/.exec(section);
  assert.ok(match?.[1], 'README has a walkthrough bash block');
  return match[1];
}

describe('README walkthrough', function () {
  this.timeout(120_000);

  it('works as written in an empty folder, with the installed command', () => {
    const work = tempDir('gp-readme-');
    const home = homeWithIdentity();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', PATH: `${installedCliDir()}${path.delimiter}${process.env['PATH'] ?? ''}` };
    delete env['GIT_PLAYBOOKS_DIR'];
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', walkthroughScript()], { cwd: work, env, encoding: 'utf8' });
    assert.equal(result.status, 0, `walkthrough failed:\n${result.stdout}\n${result.stderr}`);

    const demo = path.join(work, 'demo');
    const runs = [...runFoldersIn(path.join(demo, 'playbooks/runs')).keys()];
    assert.equal(runs.length, 1);
    const runId = runs[0] as string;
    assert.match(runId, /^\d{4}-\d{2}-\d{2}-primary-db-down$/);

    // The publish commit holds exactly the run's files, on its branch, with the trailer, and the remote has it.
    const branch = `retro/${runId}`;
    const files = git(demo, ['show', '--name-only', '--format=', branch]).trim().split('\n').sort();
    assert.deepEqual(files, [`${runPath(runId)}/retrospective.md`, `${runPath(runId)}/run.yaml`, `${runPath(runId)}/timeline.yaml`]);
    assert.match(git(demo, ['log', '-1', '--format=%B', branch]), new RegExp(`^Publish retrospective: Primary DB down[\\s\\S]*Playbook-Run: ${runId}\\s*$`));
    assert.equal(git(path.join(work, 'demo-remote.git'), ['rev-parse', branch]).trim(), git(demo, ['rev-parse', branch]).trim());
    // The checkout stays on main; the run's files there are what the branch holds.
    assert.equal(git(demo, ['branch', '--show-current']).trim(), 'main');
    const retro = `${runPath(runId)}/retrospective.md`;
    assert.equal(fs.readFileSync(path.join(demo, retro), 'utf8'), git(demo, ['show', `${branch}:${retro}`]));

    // What the user saw along the way.
    assert.match(result.stdout, /Primary DB down {2}\(/, 'run show');
    assert.match(result.stdout, /status_updated\s+Alice Example\s+Investigating: checkout errors at 30%/, 'timeline');
    assert.match(result.stdout, /\tretrospective\t/, 'due lists the retrospective');
    assert.match(result.stdout, /Time to mitigate/, 'report');
    assert.match(result.stderr, /No problems\./, 'validate is clean');
    const html = fs.readFileSync(path.join(demo, `${runId}.html`), 'utf8');
    assert.match(html, /Primary DB down/);
    assert.match(fs.readFileSync(path.join(demo, '.gitattributes'), 'utf8'), /playbooks\/runs\/\*\*\/timeline\.yaml merge=union/);
    assert.ok(fs.existsSync(path.join(demo, '.github/workflows/playbooks.yml')));
  });

  it('answers as `git playbooks` once git-playbooks is on PATH', () => {
    const env = { ...process.env, PATH: `${installedCliDir()}${path.delimiter}${process.env['PATH'] ?? ''}` };
    const result = spawnSync('git', ['playbooks', '--version'], { env, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), '0.1.0');
  });
});
