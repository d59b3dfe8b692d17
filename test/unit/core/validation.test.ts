import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { formatProblem, type Problem } from '../../../src/core/files/problem';
import { readFile, tempDir, writeFile } from '../../helpers/tempRepo';

const FIXTURE = path.resolve(__dirname, '../../fixtures/valid');
const PLAYBOOK = 'playbooks/payments-outage.yaml';
const RUN_DIR = 'playbooks/runs/2026/11/2026-11-02-checkout-errors';

function copyFixture(): string {
  const dir = tempDir('gp-valid-');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** Replaces one exact piece of a fixture file, failing loudly when it is not there. */
function edit(root: string, file: string, from: string, to: string): void {
  const text = readFile(root, file);
  assert.ok(text.includes(from), `fixture ${file} has no ${JSON.stringify(from)}`);
  writeFile(root, file, text.replace(from, to));
}

function problemsOf(root: string): Problem[] {
  return validateRepository(PlaybooksRepository.at(root));
}

function only(problems: Problem[]): Problem {
  const errors = problems.filter((problem) => problem.severity === 'error');
  assert.equal(errors.length, 1, errors.map(formatProblem).join('\n'));
  return errors[0] as Problem;
}

describe('validation', () => {
  it('finds no problem in a valid repository', () => {
    assert.deepEqual(problemsOf(copyFixture()).map(formatProblem), []);
  });

  it('reports a .yml playbook as a stray file, and nothing else about it', () => {
    const root = copyFixture();
    writeFile(root, 'playbooks/old-outage.yml', fs.readFileSync(path.join(FIXTURE, PLAYBOOK), 'utf8'));
    const problems = problemsOf(root);
    assert.deepEqual(problems.map((problem) => problem.file), ['playbooks/old-outage.yml'], problems.map(formatProblem).join('\n'));
    assert.equal(problems[0]?.severity, 'warning');
  });

  it('points at the line and column of a wrong value type', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, 'enabled: true\n  reminder: 1h', 'enabled: "yes please"\n  reminder: 1h');
    const problem = only(problemsOf(root));
    assert.equal(problem.file, PLAYBOOK);
    assert.equal(problem.line, 21);
    assert.equal(problem.column, 12);
    assert.match(problem.message, /"enabled" must be a boolean/);
  });

  it('points at the key of an unknown field (a typo)', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, '      - title: Post on the status page', '      - titel: Post on the status page');
    const errors = problemsOf(root).filter((problem) => problem.severity === 'error');
    const unknown = errors.find((problem) => /unknown field "titel"/.test(problem.message));
    assert.ok(unknown, errors.map(formatProblem).join('\n'));
    assert.equal(unknown.line, 18);
    assert.equal(unknown.column, 9);
    assert.ok(errors.some((problem) => /missing required field "title"/.test(problem.message)));
  });

  it('explains a bad duration and a bad enum value', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, 'due: 5m', 'due: soon');
    edit(root, `${RUN_DIR}/run.yaml`, 'state: skipped', 'state: done');
    const problems = problemsOf(root).filter((problem) => problem.severity === 'error');
    const due = problems.find((problem) => problem.file === PLAYBOOK);
    assert.match(due?.message ?? '', /"due" must be a duration such as 15m/);
    assert.equal(due?.line, 12);
    const state = problems.find((problem) => problem.file.endsWith('run.yaml'));
    assert.match(state?.message ?? '', /"state" must be one of: open, in_progress, closed, skipped/);
    assert.equal(state?.line, 27);
  });

  it('reports YAML syntax errors with their position', () => {
    const root = copyFixture();
    edit(root, `${RUN_DIR}/run.yaml`, 'owner: alice', 'owner: [alice');
    const problem = only(problemsOf(root));
    assert.equal(problem.file, `${RUN_DIR}/run.yaml`);
    assert.match(problem.message, /YAML syntax error/);
    assert.ok(problem.line >= 6, formatProblem(problem));
  });

  it('gives one clear sentence for an unknown apiVersion', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, 'apiVersion: git-playbooks/v1', 'apiVersion: git-playbooks/v3');
    const problem = only(problemsOf(root));
    assert.equal(problem.line, 2);
    assert.match(problem.message, /unsupported apiVersion "git-playbooks\/v3".*upgrade git-playbooks/);
  });

  it('checks times, duplicate ids and metric values across files', () => {
    const root = copyFixture();
    edit(root, `${RUN_DIR}/run.yaml`, 'endedAt: 2026-11-02T11:20:00Z', 'endedAt: 2026-11-02T09:20:00Z');
    edit(root, `${RUN_DIR}/timeline.yaml`, 'id: "e3-note"', 'id: "e2-update"');
    edit(root, `${RUN_DIR}/retrospective.md`, '  failed-payments: 340\n', '  failed-payments: 340\n  mood: 3\n');
    edit(root, `${RUN_DIR}/retrospective.md`, 'refunds: 1250.5', 'refunds: 12.345');
    const messages = problemsOf(root).map(formatProblem);
    assert.ok(messages.some((m) => m.startsWith(`${RUN_DIR}/run.yaml:10:10: endedAt (2026-11-02T09:20:00Z) is before startedAt`)), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith(`${RUN_DIR}/timeline.yaml:6:`) && /used twice/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith(`${RUN_DIR}/retrospective.md:8:3: unknown metric "mood"`)), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith(`${RUN_DIR}/retrospective.md:9:12: Refunds: "12.345" is not an amount`)), messages.join('\n'));
  });

  it('refuses to publish a retrospective with an empty metric', () => {
    const root = copyFixture();
    edit(root, `${RUN_DIR}/retrospective.md`, 'failed-payments: 340', 'failed-payments: null');
    const problem = only(problemsOf(root));
    assert.match(problem.message, /published retrospective has no value for metric "Failed payments"/);
    assert.equal(problem.line, 7);
  });

  it('keeps older published retrospectives valid when the playbook gains a metric', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, 'metrics:\n', 'metrics:\n  - title: Engineers paged\n    type: integer\n');
    assert.deepEqual(problemsOf(root).map(formatProblem), []);
  });

  it('flags duplicate metric titles and a target of the wrong type', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, '  - title: Failed payments\n    type: integer\n    target: 100', '  - title: time to MITIGATE\n    type: integer\n    target: 1h');
    const messages = problemsOf(root).filter((p) => p.file === PLAYBOOK).map((p) => `${p.line}: ${p.message}`);
    assert.ok(messages.some((m) => /^33: metric title "time to MITIGATE" is already used by metric 1/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^35: target must be a whole number for an integer metric/.test(m)), messages.join('\n'));
  });

  it('reports unresolved merge conflicts at the marker line, for any file kind', () => {
    const root = copyFixture();
    edit(root, `${RUN_DIR}/run.yaml`, 'owner: alice\n', '<<<<<<< HEAD\nowner: alice\n=======\nowner: bob\n>>>>>>> other\n');
    const problem = only(problemsOf(root));
    assert.equal(problem.line, 6);
    assert.match(problem.message, /unresolved merge conflict/);
  });

  it('accepts the timeline line an older init wrote, and asks for the merge driver lines it lacks', () => {
    const root = copyFixture();
    fs.writeFileSync(path.join(root, '.gitattributes'), 'playbooks/runs/*/timeline.yaml merge=union\n');
    const warnings = problemsOf(root).filter((problem) => problem.file === '.gitattributes').map((problem) => `${problem.severity}: ${problem.message}`);
    assert.deepEqual(warnings, [
      'warning: add "playbooks/runs/**/run.yaml merge=git-playbooks-run": without it two people changing one run (owner, tasks) on two branches conflict (git-playbooks init adds it)',
      'warning: add "playbooks/runs/**/retrospective.md merge=git-playbooks-retrospective": without it metrics recorded on two branches conflict (git-playbooks init adds it)',
    ]);
  });

  it('warns when timelines would not merge line by line', () => {
    const root = copyFixture();
    fs.rmSync(path.join(root, '.gitattributes'));
    const warning = problemsOf(root).find((problem) => problem.file === '.gitattributes');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning?.message ?? '', /merge=union/);
  });

  it('validates just one file when asked', () => {
    const root = copyFixture();
    edit(root, PLAYBOOK, 'due: 5m', 'due: soon');
    edit(root, `${RUN_DIR}/run.yaml`, 'state: skipped', 'state: done');
    const problems = validateRepository(PlaybooksRepository.at(root), path.join(root, RUN_DIR, 'run.yaml'));
    assert.deepEqual(problems.map((problem) => problem.file), [`${RUN_DIR}/run.yaml`]);
  });
});
