import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import type { ReviewResult } from '../../../src/core/review/reviewTypes';

const PLAYBOOK = `apiVersion: git-playbooks/v1
kind: Playbook
title: Database incident
checklists: []
retrospective:
  enabled: true
  requiredSections: [What happened, Why it happened]
  template: |
    ## What happened

    ## Why it happened
    Look for the conditions, not for a person to blame.

    ## Actions
    | Action | Owner | Ticket |
    |--------|-------|--------|
metrics:
  - title: Time to mitigate
    type: duration
    target: 1h
  - title: Tickets
    type: integer
`;

/** A retrospective as a person leaves it: metrics line 6-7, "## What happened" at 9, "## Why it happened" at 12, the Actions rows at 18-19. */
function retrospective(options: { tickets: string; why: string; owner: string }): string {
  return `---
apiVersion: git-playbooks/v1
kind: Retrospective
status: draft
metrics:
  time-to-mitigate: 45m
  tickets: ${options.tickets}
---
## What happened
The primary database ran out of disk at 10:02.

## Why it happened
${options.why}

## Actions
| Action | Owner | Ticket |
|--------|-------|--------|
| Alert on disk at 80% | bob | OPS-1 |
| Runbook for a full disk | ${options.owner} | OPS-2 |
`;
}

describe('CLI review --base', function () {
  this.timeout(60_000);

  /** main with the playbook; returns the repository and the environment (clock pinned). */
  async function base(): Promise<{ root: string; env: Record<string, string> }> {
    const root = tempGitRepo();
    const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', PLAYBOOK);
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'playbook']);
    return { root, env };
  }

  /** A branch with one finished run whose retrospective is `text`; the run folder, repository-relative. */
  async function branchWithRun(root: string, env: Record<string, string>, branch: string, text: string): Promise<string> {
    git(root, ['checkout', '-q', '-b', branch, 'main']);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', `DB ${branch}`, '--as', 'alice'], env)).last;
    await cliOk(root, ['run', 'finish', runId, '--as', 'alice'], { ...env, GIT_PLAYBOOKS_NOW: '2026-11-24T11:00:00Z' });
    const folder = `playbooks/runs/2026/11/${runId}`;
    writeFile(root, `${folder}/retrospective.md`, text);
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', `run on ${branch}`]);
    return folder;
  }

  it('reports the planted problems at their lines, in text and json, and exits 1', async () => {
    const { root, env } = await base();
    // A run on main that the branch does not touch: its unfilled retrospective must not show up.
    await branchWithRun(root, env, 'other', retrospective({ tickets: 'null', why: '', owner: '' }));
    git(root, ['checkout', '-q', 'main']);
    git(root, ['merge', '-q', '--ff-only', 'other']);
    const folder = await branchWithRun(root, env, 'planted', retrospective({ tickets: 'null', why: 'Look for the conditions, not for a person to blame.', owner: '' }));
    // A status update after the finish (11:00), added by hand: line 6 of the timeline (after started and finished).
    const timeline = path.join(root, folder, 'timeline.yaml');
    fs.appendFileSync(timeline, '  - {id: "late-1", at: "2026-11-24T13:00:00Z", type: status_updated, actor: "alice", summary: "All good"}\n');
    const timelineLines = fs.readFileSync(timeline, 'utf8').split('\n');
    const lateLine = timelineLines.findIndex((text) => text.includes('late-1')) + 1;
    git(root, ['commit', '-qam', 'late update']);

    const text = await cli(root, ['review', '--base', 'main'], env);
    assert.equal(text.code, 1, text.stderr);
    const findingLines = text.stdout.split('\n').filter((line) => /^\S+:\d+:\d+: /.test(line));
    assert.deepEqual(findingLines.map((line) => /^(\S+ \S+ \S+):/.exec(line)?.[1]), [
      `${folder}/retrospective.md:12:1: error template-section-unfilled`,
      `${folder}/retrospective.md:7:3: warning metric-missing`,
      `${folder}/retrospective.md:19:1: warning follow-up-owner`,
      `${folder}/timeline.yaml:${lateLine}:5: warning timeline-outside-run`,
    ]);
    assert.equal(findingLines[0], `${folder}/retrospective.md:12:1: error template-section-unfilled: the required section "Why it happened" still holds only the template's text (suggestion: write what the section "Why it happened" asks for)`);
    assert.match(text.stdout, /"DB planted" \(db-incident\), draft/);
    assert.match(text.stdout, /metric Time to mitigate: 45m, target 1h, met/);
    assert.doesNotMatch(text.stdout, /DB other/);
    assert.equal(text.stderr, '1 error, 3 warnings, 0 notices');

    const json = await cli(root, ['review', '--base', 'main', '--format', 'json'], env);
    assert.equal(json.code, 1);
    const result = JSON.parse(json.stdout) as ReviewResult;
    assert.deepEqual(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort(), [
      `${folder}/retrospective.md:12 template-section-unfilled`,
      `${folder}/retrospective.md:19 follow-up-owner`,
      `${folder}/retrospective.md:7 metric-missing`,
      `${folder}/timeline.yaml:${lateLine} timeline-outside-run`,
    ]);
    assert.deepEqual(result.retrospectives.map((review) => review.runName), ['DB planted']);
    assert.equal(result.scope.base, 'main');
  });

  it('an untouched required section is an error, and a clean branch exits 0', async () => {
    const { root, env } = await base();
    await branchWithRun(root, env, 'required', retrospective({ tickets: '3', why: 'Disk alerts were off.', owner: 'amy' }).replace('The primary database ran out of disk at 10:02.\n', ''));
    const required = await cli(root, ['review', '--base', 'main'], env);
    assert.equal(required.code, 1);
    assert.match(required.stdout.split('\n')[0] ?? '', /retrospective\.md:9:1: error template-section-unfilled: the required section "What happened" is empty/);

    await branchWithRun(root, env, 'clean', retrospective({ tickets: '3', why: 'Disk alerts were off.', owner: 'amy' }));
    const clean = await cli(root, ['review', '--base', 'main'], env);
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.stderr, 'No findings.');
  });

  it('reviews uncommitted changes in the playbooks folder too, so a reviewer sees before committing what CI will', async () => {
    const { root, env } = await base();
    git(root, ['checkout', '-q', '-b', 'local']);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB local', '--as', 'alice'], env)).last;
    const result = await cli(root, ['review', '--base', 'main', '--format', 'json'], env);
    const review = JSON.parse(result.stdout) as ReviewResult;
    assert.deepEqual(review.retrospectives.map((entry) => entry.runId), [runId]);
    assert.ok(review.scope.files.every((file) => file.startsWith(`playbooks/runs/2026/11/${runId}/`)), review.scope.files.join(', '));
  });

  it('a base this clone does not have, or a shallow clone without the history between, is one line saying to fetch more history', async () => {
    const { root, env } = await base();
    const result = await cli(root, ['review', '--base', 'origin/main'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'error: base "origin/main" is not a commit in this clone: fetch more history (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch origin main)');
    // A shallow clone (CI's default checkout) that fetched the base's tip but not the history between.
    git(root, ['checkout', '-q', '-b', 'pr']);
    writeFile(root, 'playbooks/notes.md', 'x\n');
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'pr']);
    git(root, ['checkout', '-q', 'main']);
    writeFile(root, 'playbooks/other.md', 'y\n');
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'main moves on']);
    const shallow = path.join(tempGitRepo(), 'clone');
    git(path.dirname(shallow), ['clone', '-q', '--depth', '1', '--branch', 'pr', `file://${root}`, shallow]);
    git(shallow, ['fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main']);
    const unrelated = await cli(shallow, ['review', '--base', 'origin/main'], env);
    assert.equal(unrelated.code, 1);
    assert.equal(unrelated.stderr, 'error: base "origin/main" shares no history with HEAD in this clone: fetch more history (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: git fetch origin main)');
    const badFormat = await cli(root, ['review', '--format', 'xml'], env);
    assert.equal(badFormat.code, 1);
    assert.equal(badFormat.stderr, 'error: --format must be one of text, json, github, sarif, codequality, not "xml"');
  });
});
