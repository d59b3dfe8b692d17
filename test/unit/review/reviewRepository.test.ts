import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { createPlaybook } from '../../../src/core/playbooks/playbookFiles';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { reviewRepository } from '../../../src/core/review/reviewRepository';
import type { ReviewFinding } from '../../../src/core/review/reviewTypes';
import { finishRun } from '../../../src/core/runs/runOperations';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { startRun } from '../../../src/core/runs/startRun';
import { recordMetric } from '../../../src/core/retrospectives/retrospectiveOperations';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string, actor = 'alice'): OperationContext => ({ actor, now: () => new Date(iso) });

/** The sample playbook with "Summary" required, and two finished runs of it. */
function setup(): { root: string; repo: PlaybooksRepository; first: string; second: string } {
  const root = tempDir('gp-review-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK.replace('  reminder: 4h\n  template: |', '  reminder: 4h\n  requiredSections: [Summary]\n  template: |'));
  const first = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'DB down', owner: 'bob' }).runId;
  const second = startRun(repo, at('2026-11-25T10:00:00Z'), { playbook: 'db-incident', name: 'DB slow', owner: 'bob' }).runId;
  finishRun(repo, at('2026-11-24T11:00:00Z'), first);
  finishRun(repo, at('2026-11-25T11:00:00Z'), second);
  return { root, repo, first, second };
}

const line = (finding: ReviewFinding): string => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`;

function fillIn(repo: PlaybooksRepository, runId: string): void {
  recordMetric(repo, at('2026-11-26T12:00:00Z'), runId, 'time-to-mitigate', '45m');
  recordMetric(repo, at('2026-11-26T12:00:00Z'), runId, 'tickets', '12');
  recordMetric(repo, at('2026-11-26T12:00:00Z'), runId, 'credits', '150');
  const file = repo.layout.retrospectiveFile(runId);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## Summary\n', '## Summary\nThe disk filled up.\n').replace('## What went well\n', '## What went well\nFailover worked.\n'));
}

describe('reviewRepository', () => {
  it('reviews only the runs the changed files touch, and sums each retrospective up for the reviewer', () => {
    const { repo, first, second } = setup();
    fillIn(repo, second);
    const runFile = repo.layout.relative(repo.layout.timelineFile(first));
    const result = reviewRepository(repo, { files: [runFile, 'README.md'], base: 'main' });
    const retro = repo.layout.relative(repo.layout.retrospectiveFile(first));
    // Front matter of 9 lines (3 metrics); "## Summary" on line 10 is required, "## What went well" on 12 is not.
    assert.deepEqual(result.findings.map(line), [
      `${retro}:10:1 error template-section-unfilled`,
      `${retro}:6:3 warning metric-missing`,
      `${retro}:7:3 warning metric-missing`,
      `${retro}:8:3 warning metric-missing`,
      `${retro}:12:1 warning template-section-unfilled`,
    ]);
    assert.deepEqual(result.scope, { base: 'main', files: [runFile] });
    assert.equal(result.retrospectives.length, 1);
    const [summary] = result.retrospectives;
    assert.equal(summary?.runName, 'DB down');
    assert.deepEqual(summary?.metrics.map((metric) => [metric.title, metric.value, metric.target, metric.met]), [
      ['Time to mitigate', undefined, '1h', undefined],
      ['Tickets', undefined, '10', undefined],
      ['Credits', undefined, undefined, undefined],
    ]);
    assert.deepEqual(summary?.checks.map((check) => `${check.name}: ${check.passed ? 'passed' : 'failed'} (${check.detail ?? ''})`), [
      'Files valid: passed (no problems)',
      'Template sections filled: failed (1 error, 1 warning)',
      'Metrics filled: failed (3 warnings)',
      'Timeline within the run: passed (no findings)',
      'Follow-ups have owners: passed (no findings)',
      'Blameless language: passed (no findings)',
    ]);
    assert.deepEqual(summary?.keyEvents.map((event) => event.type), ['run_started', 'run_finished']);
  });

  it('formats metrics against targets as the reports do, and passes a filled-in retrospective', () => {
    const { repo, second } = setup();
    fillIn(repo, second);
    const result = reviewRepository(repo, { files: [repo.layout.relative(repo.layout.retrospectiveFile(second))] });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.retrospectives[0]?.metrics, [
      { id: 'time-to-mitigate', title: 'Time to mitigate', value: '45m', target: '1h', met: true },
      { id: 'tickets', title: 'Tickets', value: '12', target: '10', met: false },
      { id: 'credits', title: 'Credits', value: 'USD 150.00' },
    ]);
  });

  it('a playbook change touches no retrospective; its validation problems are findings (schema, semantic) at their place', () => {
    const { root, repo } = setup();
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK.replace('  reminder: 4h\n  template: |', '  reminder: 4h\n  requiredSections: [Lessons]\n  template: |').replace('title: Database incident', 'title: Database incident\nowner: me'));
    const result = reviewRepository(repo, { files: ['playbooks/db-incident.yaml'] });
    assert.deepEqual(result.retrospectives, []);
    assert.deepEqual(result.findings.map((finding) => `${line(finding)}: ${finding.message}`), [
      'playbooks/db-incident.yaml:5:1 error schema: unknown field "owner"',
      'playbooks/db-incident.yaml:25:22 error semantic: required section "Lessons" is not a heading of the retrospective template (its headings: Summary, What went well)',
    ]);
  });

  it('reads the template of a templateFile, for the review and for checking requiredSections', () => {
    const root = tempDir('gp-review-');
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    writeFile(root, 'playbooks/db.retro.md', '## Lessons\n<!-- what would you do differently? -->\n');
    const playbook = 'apiVersion: git-playbooks/v1\nkind: Playbook\ntitle: DB\nchecklists: []\nretrospective:\n  enabled: true\n  templateFile: db.retro.md\n  requiredSections: [Lessons]\n';
    writeFile(root, 'playbooks/db.yaml', playbook);
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db', name: 'DB down', owner: 'bob' });
    const retro = repo.layout.relative(repo.layout.retrospectiveFile(runId));
    // No metrics: the front matter is 6 lines, "## Lessons" is line 7; the template's comment alone is no text.
    assert.deepEqual(reviewRepository(repo, { files: [retro] }).findings.map(line), [`${retro}:7:1 error template-section-unfilled`]);
    writeFile(root, 'playbooks/db.yaml', playbook.replace('[Lessons]', '[Lessons, Timeline]'));
    assert.deepEqual(reviewRepository(repo, { files: ['playbooks/db.yaml'] }).findings.map((finding) => `${line(finding)}: ${finding.message}`), [
      'playbooks/db.yaml:8:31 error semantic: required section "Timeline" is not a heading of the retrospective template (its headings: Lessons)',
    ]);
  });

  it('where a check and a validation problem point at the same line, only the check is shown', () => {
    const { repo, first } = setup();
    const runFile = repo.layout.runFile(first);
    fs.writeFileSync(runFile, fs.readFileSync(runFile, 'utf8').replace('endedAt: 2026-11-24T11:00:00Z', 'endedAt: 2026-11-24T09:00:00Z'));
    const retroFile = repo.layout.retrospectiveFile(first);
    fs.writeFileSync(retroFile, fs.readFileSync(retroFile, 'utf8').replace('status: draft', 'status: published\npublishedAt: 2026-11-25T09:00:00Z\npublishedBy: alice'));
    const result = reviewRepository(repo, { files: [repo.layout.relative(runFile)] });
    const run = repo.layout.relative(runFile);
    const retro = repo.layout.relative(retroFile);
    assert.deepEqual(result.findings.filter((finding) => finding.severity === 'error').map(line), [
      `${retro}:8:3 error metric-missing`,
      `${retro}:9:3 error metric-missing`,
      `${retro}:10:3 error metric-missing`,
      `${retro}:12:1 error template-section-unfilled`,
      `${run}:${fs.readFileSync(runFile, 'utf8').split('\n').findIndex((text) => text.startsWith('endedAt:')) + 1}:10 error timeline-finish-before-start`,
    ]);
    assert.equal(result.findings.filter((finding) => finding.ruleId === 'semantic').length, 0, 'validate\'s own words for the same places are left out');
  });

  it('without files reviews everything, errors first', () => {
    const { repo, first, second } = setup();
    fillIn(repo, second);
    const result = reviewRepository(repo);
    assert.deepEqual(result.retrospectives.map((review) => review.runId), [first, second]);
    assert.equal(result.findings[0]?.severity, 'error');
    assert.deepEqual(result.scope, { files: [] });
  });

  it('a bad review.yaml is a config finding at its line and the defaults are used; validate checks it and does not call it stray', () => {
    const { root, repo, second } = setup();
    fillIn(repo, second);
    writeFile(root, 'playbooks/review.yaml', '# how review checks wording\nlanguage:\n  enabled: false\n  severity: fatal\n');
    const result = reviewRepository(repo, { files: [repo.layout.relative(repo.layout.retrospectiveFile(second))] });
    assert.deepEqual(result.findings.map((finding) => `${line(finding)}: ${finding.message}`), [
      'playbooks/review.yaml:4:13 error config: review configuration: "severity" must be one of: error, warning, notice; the defaults are used until it is fixed',
    ]);
    assert.ok(result.retrospectives[0]?.checks.some((check) => check.name === 'Blameless language'), 'the defaults turn the language check on');
    assert.deepEqual(validateRepository(repo).map((problem) => `${problem.file}:${problem.line}`), ['playbooks/review.yaml:4']);
    assert.deepEqual(repo.listPlaybookSlugs(), ['db-incident'], 'review.yaml is no playbook');
    writeFile(root, 'playbooks/review.yaml', 'language:\n  enabled: false\n');
    assert.deepEqual(validateRepository(repo), []);
    assert.ok(!reviewRepository(repo).retrospectives[0]?.checks.some((check) => check.name === 'Blameless language'), 'enabled: false turns it off');
  });

  it('refuses a playbook named "review": that name is the configuration file', () => {
    const root = tempDir('gp-review-');
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    assert.throws(() => createPlaybook(repo, 'review'), /"review" is taken/);
  });
});
