import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempDir } from '../../helpers/tempRepo';

const ROOT = path.resolve(__dirname, '../../..');
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const BASE_SHA_EXPRESSION = '${{ github.event.pull_request.base.sha }}';
/** What the npm package carries: the CLI and what its README links to; the extension ships as a .vsix. */
const PACKAGE_FILES = ['LICENSE', 'README.md', 'bin/git-playbooks.js', 'dist/cli.js', 'docs/ci.md', 'docs/format.md', 'package.json', 'schemas/playbook.schema.json', 'schemas/retrospective.schema.json', 'schemas/review.schema.json', 'schemas/run.schema.json', 'schemas/timeline.schema.json'];

interface PackResult {
  filename: string;
  size: number;
  files: { path: string }[];
}

interface Shell {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm pack` of this checkout (its prepack builds the bundle), installed into an empty prefix with
 * production dependencies only, offline, from an empty npm cache: what a CI job's `npx` would get.
 * The scratch repository lives inside that prefix, so npm finds the installed package as the local
 * project's and `npx --yes git-playbooks@X.Y.Z` runs it without asking the registry (npm_config_offline
 * makes any such request fail instead).
 */
describe('the packed tarball runs the CI commands', function () {
  this.timeout(120_000);
  let packed: PackResult;
  let prefix: string;
  let repo: string;
  let baseSha: string;
  let env: NodeJS.ProcessEnv;
  let bin: string;

  const shell = (script: string, extra: NodeJS.ProcessEnv = {}): Shell => {
    const result = spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: repo, env: { ...env, ...extra }, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const installed = (args: string[]): string => execFileSync(bin, args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const gitIn = (args: string[]): string => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const workflowRuns = (): string[] => {
    const workflow = parse(fs.readFileSync(path.join(repo, '.github/workflows/playbooks.yml'), 'utf8')) as { jobs: { review: { steps: { run?: string }[] } } };
    return workflow.jobs.review.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
  };
  /** A step's command with what GitHub would put in for the expression. */
  const asGitHubRunsIt = (run: string): string => run.split(BASE_SHA_EXPRESSION).join(baseSha);

  before(() => {
    const work = tempDir('gp-pack-');
    const packDir = path.join(work, 'pack');
    fs.mkdirSync(packDir);
    const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as PackResult[];
    assert.ok(result);
    packed = result;

    prefix = path.join(work, 'ci');
    fs.mkdirSync(prefix);
    const home = homeWithIdentity();
    env = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', npm_config_cache: path.join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false' };
    delete env['GIT_PLAYBOOKS_DIR'];
    execFileSync('npm', ['install', '--prefix', prefix, '--omit=dev', '--offline', '--no-audit', '--no-fund', path.join(packDir, packed.filename)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    bin = path.join(prefix, 'node_modules/.bin/git-playbooks');

    // A base commit with a playbook, then a pull-request branch that starts and finishes a run.
    repo = path.join(prefix, 'repo');
    fs.mkdirSync(repo);
    gitIn(['init', '-q', '-b', 'main']);
    installed(['init', '--ci', 'github']);
    installed(['playbook', 'new', 'db-outage', '--template', 'incident-response']);
    gitIn(['add', '-A']);
    gitIn(['commit', '-q', '-m', 'base']);
    baseSha = gitIn(['rev-parse', 'HEAD']);
    gitIn(['switch', '-q', '-c', 'retro/db-down']);
    const run = installed(['run', 'start', 'db-outage', '--name', 'DB down', '--owner', 'alice']).trim().split('\n').at(-1) ?? '';
    installed(['run', 'finish', run]);
    gitIn(['add', '-A']);
    gitIn(['commit', '-q', '-m', 'run']);
  });

  it('is small and carries only the CLI: no dependencies, no source maps, tests or webviews', () => {
    assert.deepEqual(packed.files.map((file) => file.path).sort(), PACKAGE_FILES);
    assert.ok(packed.size < 400_000, `tarball is ${packed.size} bytes`);
    const manifest = JSON.parse(fs.readFileSync(path.join(prefix, 'node_modules/git-playbooks/package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest['dependencies'], undefined);
    assert.equal(manifest['private'], undefined);
    assert.deepEqual(fs.readdirSync(path.join(prefix, 'node_modules')).filter((name) => !name.startsWith('.')), ['git-playbooks']);
  });

  it('runs the workflow\'s pinned package from the install: --version and validate', () => {
    const runs = workflowRuns();
    assert.equal(runs.length, 1);
    const pinned = /^(npx --yes git-playbooks@(\S+)) review /.exec(runs[0] ?? '');
    assert.ok(pinned, runs[0]);
    assert.equal(pinned[2], PACKAGE_VERSION);
    const npx = pinned[1] ?? '';

    const version = shell(`${npx} --version`);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), PACKAGE_VERSION);
    const valid = shell(`${npx} validate --dir playbooks`);
    assert.equal(valid.status, 0, valid.stderr);

    // The same command fails on a broken run file: the check really checks.
    const runFile = gitIn(['ls-files', '*/run.yaml']);
    const original = fs.readFileSync(path.join(repo, runFile), 'utf8');
    fs.writeFileSync(path.join(repo, runFile), original.replace(/^status: .*$/m, 'status: sideways'));
    const invalid = shell(`${npx} validate --dir playbooks`);
    fs.writeFileSync(path.join(repo, runFile), original);
    assert.equal(invalid.status, 1);
    assert.match(`${invalid.stdout}${invalid.stderr}`, new RegExp(runFile.replace(/[.]/g, '\\.')));

    // A version that is not installed is not fetched: the command above did run the tarball.
    assert.notEqual(shell(`npx --yes git-playbooks@${PACKAGE_VERSION}-not-installed --version`).status, 0);
  });

  it('registers merge drivers that point into the installed package and merge run.yaml from two branches', () => {
    const driver = gitIn(['config', '--get', 'merge.git-playbooks-run.driver']);
    assert.ok(driver.includes(path.join(fs.realpathSync(prefix), 'node_modules/git-playbooks/bin/git-playbooks.js')), driver);
    const run = gitIn(['ls-files', '*/run.yaml']).split('/').at(-2) ?? '';
    gitIn(['switch', '-q', '-c', 'owner-change']);
    installed(['run', 'restore', run]);
    gitIn(['commit', '-q', '-am', 'restore']);
    gitIn(['switch', '-q', '-c', 'owner', 'owner-change']);
    installed(['run', 'owner', run, 'bob']);
    gitIn(['commit', '-q', '-am', 'owner']);
    gitIn(['switch', '-q', 'owner-change']);
    installed(['run', 'participants', run, '--add', 'carol']);
    gitIn(['commit', '-q', '-am', 'participants']);
    gitIn(['merge', '-q', '--no-edit', 'owner']);
    const merged = fs.readFileSync(path.join(repo, gitIn(['ls-files', '*/run.yaml'])), 'utf8');
    assert.match(merged, /owner: bob/);
    assert.match(merged, /carol/);
    gitIn(['switch', '-q', 'retro/db-down']);
  });

  it('annotates a retrospective\'s planted problems at their lines (blame phrase, untouched section, missing metric), and its SARIF validates', function () {
    const retroFile = gitIn(['ls-files', '*/retrospective.md']);
    const retroPath = path.join(repo, retroFile);
    const text = fs.readFileSync(retroPath, 'utf8').replace('## What happened\n', '## What happened\n\nThe certificate expired because Bob forgot to renew it.\n');
    fs.writeFileSync(retroPath, text);
    gitIn(['commit', '-q', '-am', 'retrospective draft']);
    const lines = text.split('\n');
    const lineOf = (pattern: RegExp): number => lines.findIndex((line) => pattern.test(line)) + 1;
    const [run] = workflowRuns();
    const review = shell(asGitHubRunsIt(run ?? ''), { GITHUB_STEP_SUMMARY: path.join(tempDir('gp-summary-'), 'summary.md'), GITHUB_ACTIONS: 'true' });
    const escaped = retroFile.replace(/[.]/g, '\\.');
    assert.match(review.stdout, new RegExp(`^::warning file=${escaped},line=${lineOf(/forgot to renew/)},.*blameless/forgot-to`, 'm'), review.stdout);
    assert.match(review.stdout, new RegExp(`^::warning file=${escaped},line=${lineOf(/^## Impact/)},.*template-section-unfilled`, 'm'));
    assert.match(review.stdout, new RegExp(`^::warning file=${escaped},line=${lineOf(/^ {2}time-to-detect:/)},.*metric-missing`, 'm'));

    const sarif = shell(`npx --yes git-playbooks@${PACKAGE_VERSION} review --base ${baseSha} --format sarif`);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] };
    // The schema's language pattern is not a valid /u expression: compile patterns without /u.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    assert.ok(['blameless/forgot-to', 'template-section-unfilled', 'metric-missing'].every((rule) => log.runs[0]?.results.some((result) => result.ruleId === rule)));
  });

  it('runs the workflow\'s review step as GitHub would: annotations and the job summary', function () {
    const runFile = gitIn(['ls-files', '*/run.yaml']);
    fs.writeFileSync(path.join(repo, runFile), fs.readFileSync(path.join(repo, runFile), 'utf8').replace(/^status: .*$/m, 'status: sideways'));
    gitIn(['commit', '-q', '-am', 'a planted error']);
    const summary = path.join(tempDir('gp-summary-'), 'step-summary.md');
    fs.writeFileSync(summary, '# before\n');
    const [run] = workflowRuns();
    const review = shell(asGitHubRunsIt(run ?? ''), { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
    assert.equal(review.status, 1, review.stderr);
    assert.match(review.stdout, new RegExp(`^::error file=${runFile.replace(/[.]/g, '\\.')},line=\\d+`, 'm'));
    const written = fs.readFileSync(summary, 'utf8');
    assert.ok(written.startsWith('# before\n') && written.length > '# before\n'.length, 'the summary is appended');

    // The GitLab job's script, as GitLab runs it: a Code Quality report naming the file.
    fs.rmSync(path.join(repo, '.gitlab-ci.yml'), { force: true });
    installed(['init', '--ci', 'gitlab']);
    const job = parse(fs.readFileSync(path.join(repo, '.gitlab/playbooks.gitlab-ci.yml'), 'utf8')) as { 'playbooks-review': { script: string[] } };
    const gitlab = shell(job['playbooks-review'].script.join('\n'), { CI_MERGE_REQUEST_DIFF_BASE_SHA: baseSha });
    assert.equal(gitlab.status, 1, gitlab.stderr);
    const report = JSON.parse(fs.readFileSync(path.join(repo, 'gl-code-quality-report.json'), 'utf8')) as { location: { path: string } }[];
    assert.ok(report.some((issue) => issue.location.path === runFile), JSON.stringify(report));
  });
});
