import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { cli } from '../../helpers/cli';
import { tempGitRepo } from '../../helpers/tempRepo';
import { CLI_VERSION } from '../../../src/cli/version';

const ROOT = path.resolve(__dirname, '../../..');
const VALIDATOR = path.join(ROOT, 'node_modules/@action-validator/cli/cli.mjs');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** @action-validator/cli, GitHub's workflow schema compiled from Rust: exit 0 when the file is valid. */
function actionValidator(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

type Mapping = Record<string, unknown>;
function mapping(value: unknown, where: string): Mapping {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is a mapping`);
  return value as Mapping;
}
function list(value: unknown, where: string): unknown[] {
  assert.ok(Array.isArray(value), `${where} is a list`);
  return value;
}

describe('init --ci: the CI files', () => {
  it('pins the version of the package that wrote them', () => {
    assert.equal(CLI_VERSION, PACKAGE_VERSION);
  });

  it('github: a workflow the real validator accepts, on pull requests touching the folder, read-only, whole history, pinned review', async () => {
    const repo = tempGitRepo();
    const result = await cli(repo, ['init', '--ci', 'github']);
    assert.equal(result.code, 0, result.stderr);
    const file = path.join(repo, '.github/workflows/playbooks.yml');
    assert.match(result.stderr, /wrote \.github\/workflows\/playbooks\.yml/);

    const valid = actionValidator(file);
    assert.equal(valid.status, 0, valid.output);

    const workflow = mapping(parse(fs.readFileSync(file, 'utf8')), 'workflow');
    const pullRequest = mapping(mapping(workflow['on'], 'on')['pull_request'], 'on.pull_request');
    assert.deepEqual(pullRequest['paths'], ['playbooks/**', '.gitattributes']);
    assert.deepEqual(workflow['permissions'], { contents: 'read' });
    const steps = list(mapping(mapping(workflow['jobs'], 'jobs')['review'], 'jobs.review')['steps'], 'steps').map((step, index) => mapping(step, `step ${index}`));
    const checkout = steps.find((step) => String(step['uses']).startsWith('actions/checkout@'));
    assert.equal(mapping(checkout?.['with'], 'checkout.with')['fetch-depth'], 0);
    assert.ok(steps.some((step) => String(step['uses']).startsWith('actions/setup-node@')));
    for (const step of steps.filter((each) => each['uses'] !== undefined)) assert.match(String(step['uses']), /^actions\/[a-z-]+@v\d+$/, 'GitHub\'s own actions at a major version');
    const runs = steps.flatMap((step) => (typeof step['run'] === 'string' ? [step['run']] : []));
    assert.deepEqual(runs, [`npx --yes git-playbooks@${PACKAGE_VERSION} review --dir playbooks --base "\${{ github.event.pull_request.base.sha }}" --format github`]);
  });

  it('github --action-sync: a scheduled workflow the real validator accepts; only its job may write issues and contents; the overdue report goes to the summary', async () => {
    const repo = tempGitRepo();
    const result = await cli(repo, ['init', '--ci', 'github', '--action-sync']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote \.github\/workflows\/playbooks-actions\.yml/);
    const file = path.join(repo, '.github/workflows/playbooks-actions.yml');
    const valid = actionValidator(file);
    assert.equal(valid.status, 0, valid.output);

    const workflow = mapping(parse(fs.readFileSync(file, 'utf8')), 'workflow');
    const on = mapping(workflow['on'], 'on');
    assert.deepEqual(Object.keys(on), ['schedule', 'workflow_dispatch']);
    assert.match(String(mapping(list(on['schedule'], 'schedule')[0], 'cron')['cron']), /^\d+ \d+ \* \* 1-5$/);
    assert.deepEqual(workflow['permissions'], {});
    const job = mapping(mapping(workflow['jobs'], 'jobs')['action-sync'], 'jobs.action-sync');
    assert.deepEqual(job['permissions'], { contents: 'write', issues: 'write' });
    const steps = list(job['steps'], 'steps').map((step, index) => mapping(step, `step ${index}`));
    const runs = steps.flatMap((step) => (typeof step['run'] === 'string' ? [step['run'].trim()] : []));
    const pinned = `npx --yes git-playbooks@${PACKAGE_VERSION}`;
    assert.deepEqual(runs.slice(1), [`${pinned} action sync --dir playbooks`, `${pinned} sync --dir playbooks`, `${pinned} action list --overdue --format md --dir playbooks >> "$GITHUB_STEP_SUMMARY"`]);
    assert.deepEqual(mapping(steps.find((step) => String(step['run']).includes('action sync'))?.['env'], 'env'), { GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
    assert.equal(steps.at(-1)?.['if'], 'always()', 'the overdue report also when the sync failed');

    // The pull-request check stays read-only, and a broken copy is refused (the validator checks this file too).
    assert.deepEqual(mapping(parse(fs.readFileSync(path.join(repo, '.github/workflows/playbooks.yml'), 'utf8')), 'review')['permissions'], { contents: 'read' });
    const broken = path.join(repo, 'broken.yml');
    fs.writeFileSync(broken, fs.readFileSync(file, 'utf8').replace('issues: write', 'issues: sideways'));
    assert.equal(actionValidator(broken).status, 1);
    const without = await cli(tempGitRepo(), ['init', '--ci', 'github']);
    assert.equal(without.code, 0);
    assert.doesNotMatch(without.stderr, /playbooks-actions/);
    const gitlab = await cli(tempGitRepo(), ['init', '--ci', 'gitlab', '--action-sync']);
    assert.equal(gitlab.code, 1);
    assert.match(gitlab.stderr, /^error: the scheduled action sync is written for GitHub only/);
  });

  it('github: the validator rejects a broken copy (so it really checks)', async () => {
    const repo = tempGitRepo();
    assert.equal((await cli(repo, ['init', '--ci', 'github'])).code, 0);
    const text = fs.readFileSync(path.join(repo, '.github/workflows/playbooks.yml'), 'utf8');
    const broken = path.join(repo, 'broken.yml');
    fs.writeFileSync(broken, text.replace('contents: read', 'contents: sideways'));
    const permissions = actionValidator(broken);
    assert.equal(permissions.status, 1);
    assert.match(permissions.output, /\/permissions\/contents/);
    fs.writeFileSync(broken, text.replace('runs-on:', 'runs-onn:'));
    const job = actionValidator(broken);
    assert.equal(job.status, 1);
    assert.match(job.output, /runs-onn/);
  });

  it('gitlab: .gitlab-ci.yml includes a merge request job that uploads a Code Quality report even when it fails', async () => {
    const repo = tempGitRepo();
    const result = await cli(repo, ['--dir', 'ops/playbooks', 'init', '--ci', 'gitlab']);
    assert.equal(result.code, 0, result.stderr);
    const pipeline = mapping(parse(fs.readFileSync(path.join(repo, '.gitlab-ci.yml'), 'utf8')), '.gitlab-ci.yml');
    assert.deepEqual(pipeline['include'], [{ local: '.gitlab/playbooks.gitlab-ci.yml' }]);

    const jobs = mapping(parse(fs.readFileSync(path.join(repo, '.gitlab/playbooks.gitlab-ci.yml'), 'utf8')), 'job file');
    assert.deepEqual(Object.keys(jobs), ['playbooks-review']);
    const job = mapping(jobs['playbooks-review'], 'playbooks-review');
    assert.match(String(job['image']), /^node:\d+$/);
    assert.deepEqual(job['rules'], [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', changes: ['ops/playbooks/**/*', '.gitattributes'] }]);
    assert.deepEqual(job['variables'], { GIT_DEPTH: '0' });
    const script = list(job['script'], 'script').map(String);
    assert.equal(script.at(-1), `npx --yes git-playbooks@${PACKAGE_VERSION} review --dir ops/playbooks --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format codequality > gl-code-quality-report.json`);
    assert.deepEqual(job['artifacts'], { when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
  });

  it('gitlab: a .gitlab-ci.yml of the user stays as it was, and one line says what to include', async () => {
    const repo = tempGitRepo();
    const own = 'stages: [build]\nbuild:\n  stage: build\n  script: [make]\n';
    fs.writeFileSync(path.join(repo, '.gitlab-ci.yml'), own);
    const first = await cli(repo, ['init', '--ci', 'gitlab']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(fs.readFileSync(path.join(repo, '.gitlab-ci.yml'), 'utf8'), own);
    assert.ok(fs.existsSync(path.join(repo, '.gitlab/playbooks.gitlab-ci.yml')));
    const notes = first.stderr.split('\n').filter((line) => line.startsWith('note: '));
    assert.equal(notes.length, 1);
    assert.match(notes[0] ?? '', /include: \[\{ local: \.gitlab\/playbooks\.gitlab-ci\.yml \}\]/);

    // Once the user added it, init has nothing more to say.
    fs.writeFileSync(path.join(repo, '.gitlab-ci.yml'), `${own}include:\n  - local: .gitlab/playbooks.gitlab-ci.yml\n`);
    const again = await cli(repo, ['init', '--ci', 'gitlab']);
    assert.doesNotMatch(again.stderr, /note: /);
  });

  it('github: the unpinned workflow 0.1.0 wrote is replaced; a workflow someone edited is kept', async () => {
    const repo = tempGitRepo();
    const file = path.join(repo, '.github/workflows/playbooks.yml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const unpinned = `# Validates playbooks, runs and retrospectives on every pull request that touches them.
name: Playbooks
on:
  pull_request:
    paths:
      - 'playbooks/**'
      - '.gitattributes'
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes git-playbooks validate --dir playbooks
`;
    fs.writeFileSync(file, unpinned);
    assert.equal((await cli(repo, ['init', '--ci', 'github'])).code, 0);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`git-playbooks@${PACKAGE_VERSION.replace(/\./g, '\\.')} review`));

    const edited = unpinned.replace('ubuntu-latest', 'self-hosted');
    fs.writeFileSync(file, edited);
    const kept = await cli(repo, ['init', '--ci', 'github']);
    assert.match(kept.stderr, /kept \.github\/workflows\/playbooks\.yml/);
    assert.equal(fs.readFileSync(file, 'utf8'), edited);
  });

  it('refuses, with nothing written, a folder the CI files cannot name, and an unknown provider', async () => {
    const repo = tempGitRepo();
    const odd = await cli(repo, ['--dir', 'play books', 'init', '--ci', 'github']);
    assert.equal(odd.code, 1);
    assert.match(odd.stderr, /^error: the CI check needs a playbooks folder named with letters/);
    assert.deepEqual(fs.readdirSync(repo), ['.git']);
    const unknown = await cli(repo, ['init', '--ci', 'jenkins']);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'error: --ci supports "github" and "gitlab", not "jenkins"');
  });
});
