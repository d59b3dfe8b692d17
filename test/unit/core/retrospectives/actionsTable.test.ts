import assert from 'node:assert/strict';
import { readActionsTable } from '../../../../src/core/retrospectives/actionsTable';

describe('the actions table of a retrospective', () => {
  it('reads action, owner and ticket by their headers, with each row\'s line; empty rows left out', () => {
    const markdown = ['## Impact', '', '| Action | Owner | Ticket |', '|---|---|---|', '| not this table | x | y |', '', '## Actions', '', '| Ticket | Action | Owner |', '|---|---|---|', '| [OPS-7](https://jira.example.com/OPS-7) | Alert on disk at 80% | dave |', '|  |  |  |', '| OPS-8 | Runbook for failover \\| part 2 |  |', ''].join('\n');
    assert.deepEqual(readActionsTable(markdown), [
      { action: 'Alert on disk at 80%', owner: 'dave', ticket: '[OPS-7](https://jira.example.com/OPS-7)', ticketUrl: 'https://jira.example.com/OPS-7', line: 11 },
      { action: 'Runbook for failover | part 2', owner: '', ticket: 'OPS-8', line: 13 },
    ]);
  });

  it('finds "Follow-ups" and "Action items" headings too, and nothing without such a heading', () => {
    assert.equal(readActionsTable('### Follow-ups\n\n| Action | Owner |\n|-|-|\n| a | b |\n').length, 1);
    assert.equal(readActionsTable('# Action items\n\n| Action | Owner |\n|-|-|\n| a | b |\n').length, 1);
    assert.deepEqual(readActionsTable('## Timeline\n\n| Action | Owner |\n|-|-|\n| a | b |\n'), []);
  });
});
