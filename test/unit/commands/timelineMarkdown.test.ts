import assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/model/types';
import { planTimelineInsertion, renderTimelineMarkdown } from '../../../src/commands/timelineMarkdown';

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
        '| When | Since start | Who | What |',
        '|------|-------------|-----|------|',
        '| 2026-11-24 09:52 UTC | −8m | bob | First alert (https://alerts.example.com/1) |',
        '| 2026-11-24 10:00 UTC | +0m | alice | Run started |',
        '| 2026-11-24 10:20 UTC | +20m | alice | Rolled back \\| errors dropping |',
        '',
      ].join('\n'),
    );
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
