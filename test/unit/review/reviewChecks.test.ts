import assert from 'node:assert/strict';
import type { Playbook } from '../../../src/core/model/types';
import { checkFollowUps, markdownActionsTable, type FollowUpSource } from '../../../src/core/review/followUps';
import { checkRetrospectiveText, reviewRetrospectiveText } from '../../../src/core/review/retrospectiveReview';
import { DEFAULT_LANGUAGE_CONFIG, type ReviewFinding } from '../../../src/core/review/reviewTypes';
import { checkTemplateSections } from '../../../src/core/review/templateSections';

const TEMPLATE = `## Summary

## Impact
Who was affected, for how long, and how badly.

## Actions
| Action | Owner | Ticket |
|--------|-------|--------|
`;

const PLAYBOOK: Playbook = {
  apiVersion: 'git-playbooks/v1',
  kind: 'Playbook',
  title: 'DB',
  checklists: [],
  retrospective: { enabled: true, template: TEMPLATE, requiredSections: ['Impact'] },
  metrics: [
    { id: 'time-to-mitigate', title: 'Time to mitigate', type: 'duration', target: '1h' },
    { id: 'tickets', title: 'Tickets', type: 'integer' },
    { id: 'old', title: 'Old', type: 'integer', retired: true },
  ],
};

const RETRO = 'playbooks/runs/2026/11/2026-11-24-db/retrospective.md';
const RUN = 'playbooks/runs/2026/11/2026-11-24-db/run.yaml';
const TIMELINE = 'playbooks/runs/2026/11/2026-11-24-db/timeline.yaml';

/** `line: rule` of each finding, the way a reviewer scans them. */
const placed = (findings: readonly ReviewFinding[]): string[] => findings.map((finding) => `${finding.file.split('/').pop() ?? ''}:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId}`);

function retro(status: string, metrics: string, body: string): string {
  return `---\napiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: ${status}\nmetrics:\n${metrics}---\n${body}`;
}

const review = (text: string, extra: Partial<Parameters<typeof reviewRetrospectiveText>[0]> = {}): ReviewFinding[] =>
  reviewRetrospectiveText({ file: RETRO, text, playbook: PLAYBOOK, config: DEFAULT_LANGUAGE_CONFIG, ...extra });

const FILLED_METRICS = '  time-to-mitigate: 45m\n  tickets: 3\n';
const FILLED_BODY = `## Summary
The primary database ran out of disk.

## Impact
Checkout failed for 40 minutes.

## Actions
| Action | Owner | Ticket |
|--------|-------|--------|
| Alert on disk at 80% | bob | OPS-1 |
`;

describe('review checks of one retrospective (texts only)', () => {
  it('passes a filled-in retrospective: no findings at all', () => {
    assert.deepEqual(review(retro('draft', FILLED_METRICS, FILLED_BODY)), []);
  });

  it('reports a section left empty or as the template wrote it at its heading; a required one as an error', () => {
    const body = FILLED_BODY.replace('The primary database ran out of disk.\n', '').replace('Checkout failed for 40 minutes.', 'Who was affected,   for how long,\nand how badly.');
    const findings = review(retro('draft', FILLED_METRICS, body));
    // The front matter is 8 lines (fences included): "## Summary" is line 9, "## Impact" line 11.
    assert.deepEqual(placed(findings), ['retrospective.md:9:1 warning template-section-unfilled', 'retrospective.md:11:1 error template-section-unfilled']);
    const impact = findings.find((finding) => finding.line === 11);
    assert.match(impact?.message ?? '', /required section "Impact" still holds only the template's text/);
  });

  it('reports a missing section where it belongs (at the next template section present), an unfilled Actions table too', () => {
    const body = '## Summary\nDisk full.\n\n## Actions\n| Action | Owner | Ticket |\n|---|---|---|\n';
    const findings = checkTemplateSections({ file: RETRO, body, bodyLineOffset: 8, template: TEMPLATE, requiredSections: [] });
    assert.deepEqual(placed(findings), ['retrospective.md:12:1 warning template-section-missing', 'retrospective.md:12:1 warning template-section-unfilled']);
    assert.equal(findings[0]?.suggestion, 'add "## Impact" and fill it in');
  });

  it('matches headings by their text whatever the level, case or trailing colon, and ignores headings in code blocks', () => {
    const body = '# summary:\nDone.\n```\n## Impact\n```\n### IMPACT\nSome.\n## Actions\n| Action | Owner |\n|-|-|\n| Fix | amy |\n';
    assert.deepEqual(checkTemplateSections({ file: RETRO, body, bodyLineOffset: 0, template: TEMPLATE, requiredSections: [] }), []);
  });

  it('does not ask to fill a heading that only groups sub-sections in the template', () => {
    const template = '## Timeline\n### Detection\n\n### Recovery\n';
    const body = '## Timeline\n### Detection\nPager at 10:02.\n### Recovery\nFailover at 10:40.\n';
    assert.deepEqual(checkTemplateSections({ file: RETRO, body, bodyLineOffset: 0, template, requiredSections: [] }), []);
  });

  it('reports each collected metric without a value at its key: a warning in a draft, an error once published; retired ones never', () => {
    const draft = review(retro('draft', '  time-to-mitigate: null\n  old: null\n', FILLED_BODY));
    // tickets is absent from the file: pointed at "metrics:" (line 5); time-to-mitigate at its key (line 6).
    assert.deepEqual(placed(draft), ['retrospective.md:6:3 warning metric-missing', 'retrospective.md:5:1 warning metric-missing']);
    const published = review(retro('published', '  time-to-mitigate: 45m\n  tickets:\n', FILLED_BODY).replace('status: published', 'status: published\npublishedAt: 2026-11-25T09:00:00Z\npublishedBy: amy'));
    assert.deepEqual(placed(published), ['retrospective.md:9:3 error metric-missing']);
    const older = review(retro('published', '  time-to-mitigate: 45m\n', FILLED_BODY).replace('status: published', 'status: published\npublishedAt: 2026-11-25T09:00:00Z\npublishedBy: amy'));
    assert.deepEqual(placed(older), [], 'a metric the playbook gained after publishing is not asked of older retrospectives');
  });

  it('places a metric written in flow style or with a comment above it as exactly', () => {
    const flow = retro('draft', '', FILLED_BODY).replace('metrics:\n', 'metrics: {time-to-mitigate: 45m, tickets: null}\n');
    assert.deepEqual(placed(review(flow)), ['retrospective.md:5:34 warning metric-missing']);
    const commented = review(retro('draft', '  # filled in at the review\n  time-to-mitigate: 45m\n  "tickets": null\n', FILLED_BODY));
    assert.deepEqual(placed(commented), ['retrospective.md:8:3 warning metric-missing']);
  });

  it('checks nothing of a skipped retrospective but its timeline', () => {
    assert.deepEqual(review(retro('skipped', '  tickets: null\n', '## Summary\n')), []);
  });

  it('reports a follow-up row without an owner at its line; blank rows and other sections are not actions', () => {
    const body = FILLED_BODY.replace('| Alert on disk at 80% | bob | OPS-1 |\n', '| Alert on disk at 80% | bob | OPS-1 |\n| Runbook for disk | | OPS-2 |\n|  |  |  |\n| Test failover | TBD | |\n');
    const findings = review(retro('draft', FILLED_METRICS, body));
    assert.deepEqual(placed(findings), ['retrospective.md:19:1 warning follow-up-owner', 'retrospective.md:21:1 warning follow-up-owner']);
    assert.equal(findings[0]?.message, 'follow-up "Runbook for disk" has no owner');
  });

  it('takes follow-ups from whatever source it is given, and asks for due dates where the source has them', () => {
    const source: FollowUpSource = { hasDueDates: true, actions: (input) => [{ title: 'From front matter', owner: 'amy', file: input.file, line: 7, column: 3 }] };
    const findings = checkFollowUps(source.actions({ file: RETRO, body: '', bodyLineOffset: 0, frontMatter: {} }), source);
    assert.deepEqual(placed(findings), ['retrospective.md:7:3 warning follow-up-due']);
    assert.deepEqual(markdownActionsTable.actions({ file: RETRO, body: '## Summary\n| a | Owner |\n|-|-|\n| x | |\n', bodyLineOffset: 0, frontMatter: {} }), [], 'a table outside the Actions section is not read');
  });

  it('points at timeline events outside the run and at a finish before the start; backdated and later notes pass', () => {
    const run = 'apiVersion: git-playbooks/v1\nkind: Run\nname: DB\nstatus: finished\nstartedAt: 2026-11-24T10:00:00Z\nendedAt: 2026-11-24T11:00:00Z\n';
    const event = (id: string, at: string, type: string): string => `  - {id: "${id}", at: "${at}", type: ${type}, actor: "amy", summary: "s"}\n`;
    const timeline =
      'apiVersion: git-playbooks/v1\nkind: Timeline\nevents:\n' +
      event('a', '2026-11-24T10:00:00Z', 'run_started') +
      event('b', '2026-11-24T09:00:00Z', 'note') +
      event('c', '2026-11-24T11:00:30Z', 'status_updated') +
      event('d', '2026-11-24T11:05:00Z', 'status_updated') +
      event('e', '2026-11-24T09:30:00Z', 'owner_changed') +
      event('f', '2026-11-24T11:00:00Z', 'run_finished') +
      event('g', '2026-11-26T11:00:00Z', 'note') +
      event('h', '2026-11-26T12:00:00Z', 'retrospective_published') +
      event('i', '2026-11-24T09:00:00Z', 'run_finished');
    const findings = review(retro('draft', FILLED_METRICS, FILLED_BODY), { run: { file: RUN, text: run }, timeline: { file: TIMELINE, text: timeline } });
    // Events start on line 4; 30 s after the finish is within the tolerance of a minute.
    assert.deepEqual(placed(findings), ['timeline.yaml:7:5 warning timeline-outside-run', 'timeline.yaml:8:5 warning timeline-outside-run', 'timeline.yaml:12:5 error timeline-finish-before-start']);
    const backwards = review(retro('draft', FILLED_METRICS, FILLED_BODY), { run: { file: RUN, text: run.replace('endedAt: 2026-11-24T11:00:00Z', 'endedAt: 2026-11-24T09:00:00Z') }, timeline: { file: TIMELINE, text: 'apiVersion: git-playbooks/v1\nkind: Timeline\nevents: []\n' } });
    assert.deepEqual(placed(backwards), ['run.yaml:6:10 error timeline-finish-before-start']);
  });

  it('runs the language check on written retrospectives only, and not when review.yaml turns it off', () => {
    const names = (text: string, enabled: boolean): string[] =>
      checkRetrospectiveText({ file: RETRO, text, playbook: PLAYBOOK, config: { ...DEFAULT_LANGUAGE_CONFIG, enabled } }).checks.map((check) => check.name);
    assert.ok(names(retro('draft', FILLED_METRICS, FILLED_BODY), true).includes('Blameless language'));
    assert.ok(!names(retro('draft', FILLED_METRICS, FILLED_BODY), false).includes('Blameless language'));
    assert.deepEqual(names(retro('skipped', FILLED_METRICS, FILLED_BODY), true), []);
  });

  it('uses the template it is given (a templateFile read by the caller) over the inline one', () => {
    const findings = review(retro('draft', FILLED_METRICS, FILLED_BODY), { template: '## Lessons\n' });
    assert.deepEqual(placed(findings), ['retrospective.md:18:1 warning template-section-missing']);
  });
});
