import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { TimelineEvent } from '../../../src/core/model/types';
import { planTimelineInsertion, renderTimelineMarkdown } from '../../../src/commands/timelineMarkdown';
import { exportRunMarkdown } from '../../../src/core/export/exportMarkdown';
import { collectRunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo } from '../export/fixtures';

/** A row's cells as GitHub splits them: a backslash escapes the next character, an unescaped pipe ends the cell. */
function gfmCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let index = 1; index < row.length - 1; index++) {
    const char = row[index] ?? '';
    if (char === '\\') {
      cell += row.slice(index, index + 2);
      index++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  return [...cells, cell.trim()];
}

const events: TimelineEvent[] = [
  { id: '2', at: '2026-11-24T10:20:00Z', type: 'status_updated', actor: 'alice', summary: 'Rolled back | errors dropping' },
  { id: '1', at: '2026-11-24T10:00:00Z', type: 'run_started', actor: 'alice', summary: 'Run started' },
  { id: '0', at: '2026-11-24T09:52:00Z', type: 'note', actor: 'bob', summary: 'First alert', link: 'https://alerts.example.com/1' },
];

describe('timeline for a retrospective', () => {
  it('renders a table, oldest first, pipes escaped, times from the start', () => {
    assert.equal(
      renderTimelineMarkdown(events, '2026-11-24T10:00:00Z'),
      [
        '| Time | Since start | Type | Actor | Summary | Link |',
        '| --- | --- | --- | --- | --- | --- |',
        '| 2026-11-24 09:52 UTC | -8m | Note | bob | First alert | <https://alerts.example.com/1> |',
        '| 2026-11-24 10:00 UTC | +0m | Run started | alice | Run started |  |',
        '| 2026-11-24 10:20 UTC | +20m | Status update | alice | Rolled back \\| errors dropping |  |',
        '',
      ].join('\n'),
    );
  });

  it('keeps a summary with an escaped pipe and HTML in its cell, as text, exactly as the export does', () => {
    const summary = 'pipe \\| escape <b>x</b>';
    const tricky: TimelineEvent[] = [
      { id: 'ev-1', at: '2026-11-24T10:00:00Z', type: 'run_started', actor: 'alice', summary: 'alice started the run' },
      { id: 'ev-2', at: '2026-11-24T10:05:00Z', type: 'note', actor: 'bob', summary },
    ];
    const table = renderTimelineMarkdown(tricky, '2026-11-24T10:00:00Z');
    const rows = table.trimEnd().split('\n');
    for (const row of rows) assert.equal(gfmCells(row).length, gfmCells(rows[0] ?? '').length, row);
    // Rendered as a viewer with HTML on shows it: the text as typed, no <b> element.
    const html = new MarkdownIt({ html: true }).render(table);
    assert.ok(html.includes('<td>pipe \\| escape &lt;b&gt;x&lt;/b&gt;</td>'), html);

    const fixture = new FixtureRepo();
    try {
      fixture.playbook('p', { title: 'P', checklists: [] });
      fixture.run('r', { name: 'R', playbook: 'p', owner: 'alice', participants: [], status: 'in_progress', startedAt: '2026-11-24T10:00:00Z', statusUpdates: { enabled: false }, retrospective: { enabled: false }, checklists: [] });
      fixture.timeline('r', tricky);
      assert.ok(exportRunMarkdown(collectRunExport(fixture.repo, 'r')).includes(`## Timeline\n\n${table}`), 'the export shows another table');
    } finally {
      fixture.cleanup();
    }
  });

  const apply = (document: string, table: string): string => {
    const plan = planTimelineInsertion(document, table);
    return document.slice(0, plan.offset) + plan.text + document.slice(plan.offset);
  };

  it('appends a Timeline section when there is none', () => {
    assert.equal(apply('---\nstatus: draft\n---\n## Summary\nText\n', 'T\n'), '---\nstatus: draft\n---\n## Summary\nText\n\n## Timeline\n\nT\n');
    assert.equal(apply('## Summary\nText', 'T\n'), '## Summary\nText\n\n## Timeline\n\nT\n');
  });

  it('fills an existing Timeline section, before the next section', () => {
    assert.equal(apply('## Timeline\n\n## Actions\nx\n', 'T\n'), '## Timeline\n\nT\n\n## Actions\nx\n');
    assert.equal(apply('## Timeline\nnotes\n### Detail\nd\n## Actions\n', 'T\n'), '## Timeline\nnotes\n### Detail\nd\n\nT\n\n## Actions\n');
    assert.equal(apply('## Summary\n## Timeline\n', 'T\n'), '## Summary\n## Timeline\n\nT\n');
  });
});
