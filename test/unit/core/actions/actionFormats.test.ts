import assert from 'node:assert/strict';
import { actionsCsv, actionsMarkdown } from '../../../../src/core/actions/actionFormats';
import type { ActionView } from '../../../../src/core/actions/actionTypes';

const NOW = new Date('2026-12-10T12:00:00Z');
const view = (fields: Partial<ActionView>): ActionView => ({
  id: 'a-000001', title: 'Fix it', status: 'open', createdAt: '2026-11-25T09:00:00Z', runId: 'r1', runName: 'DB down', playbook: 'db', overdue: false, ...fields,
});

describe('follow-up action formats', () => {
  it('CSV: one row an action, days overdue counted, and text that would run as a formula guarded', () => {
    const csv = actionsCsv([view({ title: '=HYPERLINK("x")', owner: 'bob', dueAt: '2026-12-01T23:59:59Z', due: '2026-12-01', overdue: true })], NOW);
    assert.equal(csv.split('\r\n')[1], `r1,DB down,db,a-000001,"'=HYPERLINK(""x"")",bob,,open,2026-12-01,2026-12-01T23:59:59Z,yes,8,,2026-11-25T09:00:00Z,,`);
  });

  it('Markdown: a heading with the day, a count, and a table whose cells cannot break it', () => {
    const md = actionsMarkdown([view({ title: 'a | b', runName: 'DB <down>', owner: 'bob', dueAt: '2026-12-01T23:59:59Z', overdue: true, link: 'https://x.example/issues/1' })], NOW, 'Overdue follow-up actions');
    assert.equal(
      md,
      '# Overdue follow-up actions — 2026-12-10\n\n1 action, 1 overdue.\n\n| Run | Action | Owner | Due | Days overdue | Link |\n| --- | --- | --- | --- | --- | --- |\n' +
        '| DB &lt;down> (`r1`) | a \\| b (`a-000001`) | bob | 2026-12-01 | 8 | [issue](https://x.example/issues/1) |\n',
    );
    assert.equal(actionsMarkdown([], NOW, 'Overdue follow-up actions'), '# Overdue follow-up actions — 2026-12-10\n\nNone.\n');
  });
});
