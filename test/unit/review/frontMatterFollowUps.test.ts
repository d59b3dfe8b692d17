import assert from 'node:assert/strict';
import { reviewRetrospectiveText } from '../../../src/core/review/retrospectiveReview';
import { DEFAULT_LANGUAGE_CONFIG, type ReviewFinding } from '../../../src/core/review/reviewTypes';

const RETRO = 'playbooks/runs/2026/11/2026-11-24-db/retrospective.md';
const placed = (findings: readonly ReviewFinding[]): string[] => findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
const review = (text: string): ReviewFinding[] => reviewRetrospectiveText({ file: RETRO, text, playbook: undefined, config: DEFAULT_LANGUAGE_CONFIG }).filter((finding) => finding.ruleId.startsWith('follow-up'));

const TABLE_BODY = '## Actions\n| Action | Owner |\n|---|---|\n| Table row without owner | |\n';
const front = (actions: string): string => `---\napiVersion: git-playbooks/v1\nkind: Retrospective\nstatus: draft\nmetrics: {}\n${actions}---\n${TABLE_BODY}`;

describe('review of follow-ups kept in the front matter', () => {
  it('reads actions: instead of the Markdown table, each finding at its action\'s line, asking for an owner and a due date', () => {
    const text = front(
      'actions:\n' +
        '  - id: a-000001\n    title: Alert on lag\n    owner: bob\n    due: 4w\n    status: open\n    createdAt: 2026-11-25T09:00:00Z\n' +
        '  - id: a-000002\n    title: Runbook\n    status: in_progress\n    createdAt: 2026-11-25T09:00:00Z\n' +
        '  - id: a-000003\n    title: Prioritised\n    owner: amy\n    priority: P2\n    status: open\n    createdAt: 2026-11-25T09:00:00Z\n' +
        '  - id: a-000004\n    title: Closed without owner\n    status: wont_do\n    createdAt: 2026-11-25T09:00:00Z\n    closedAt: 2026-11-26T09:00:00Z\n',
    );
    assert.deepEqual(placed(review(text)), ['13:5 follow-up-owner follow-up "Runbook" has no owner', '13:5 follow-up-due follow-up "Runbook" has no due date']);
  });

  it('still reads the Markdown table of a retrospective without actions:', () => {
    assert.deepEqual(placed(review(front(''))), ['10:1 follow-up-owner follow-up "Table row without owner" has no owner']);
  });
});
