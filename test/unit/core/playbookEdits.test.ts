import assert from 'node:assert/strict';
import { readYamlText } from '../../../src/core/files/documentReader';
import type { Playbook } from '../../../src/core/model/types';
import { OperationRefused } from '../../../src/core/model/errors';
import { applyPlaybookEdits, minimalReplacement } from '../../../src/core/playbooks/playbookEdits';
import { checkPlaybook } from '../../../src/core/validation/semanticChecks';
import { parsePageMessage, type PlaybookEdit } from '../../../src/shared/protocol';

/** Written by hand: comments everywhere, one odd spacing, two blank lines. Edits must keep all of it. */
const PLAYBOOK = `# Database incident playbook, reviewed by the SRE team.
apiVersion: git-playbooks/v1
kind: Playbook
title: Database incident
# Shown when someone picks a playbook.
description: For primary database outages.
checklists:
  # Do these first.
  - title: Stabilise
    items:
      # The first thing to do, always.
      - title: Page the DBA on call # the rota is in PagerDuty
        assignee: owner
        due: 15m
      # Only once the DBA agrees.
      - title: Fail over to the replica
        due: 1h
      - title: 'Check replication lag' # quoted on purpose


  - title: Follow up
    items:
      - title: Write the customer note
statusUpdates:
  enabled: true
  reminder: 1h    # hourly, in business hours
  template: "Impact:"
# Filled in with each retrospective.
metrics:
  - title: Time to mitigate # the one the VP asks about
    type: duration
    target: 1h
  - title: Tickets
    type: integer
`;

const COMMENTS = PLAYBOOK.split('\n').filter((line) => line.includes('#')).map((line) => line.slice(line.indexOf('#')));

function apply(...edits: PlaybookEdit[]): string {
  const text = applyPlaybookEdits(PLAYBOOK, edits);
  for (const comment of COMMENTS) assert.ok(text.includes(comment), `comment lost: ${comment}\n${text}`);
  const read = readYamlText<Playbook>('Playbook', 'db.yaml', text, (data) => checkPlaybook(data));
  assert.deepEqual(read.problems, [], text);
  return text;
}

/** The lines between the common first and last lines of two texts: what an edit replaced, and with what. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const [b, a] = [before.split('\n'), after.split('\n')];
  let head = 0;
  while (head < b.length && head < a.length && b[head] === a[head]) head += 1;
  let tail = 0;
  while (tail < b.length - head && tail < a.length - head && b[b.length - 1 - tail] === a[a.length - 1 - tail]) tail += 1;
  return { removed: b.slice(head, b.length - tail), added: a.slice(head, a.length - tail) };
}

describe('applyPlaybookEdits', () => {
  it('sets a title and changes only that line', () => {
    const text = apply({ op: 'set', path: ['title'], value: 'Primary database incident' });
    assert.deepEqual(lineDiff(PLAYBOOK, text), { removed: ['title: Database incident'], added: ['title: Primary database incident'] });
  });

  it('keeps a hand-written spacing and two blank lines that no edit reached', () => {
    const text = apply({ op: 'set', path: ['metrics', 1, 'title'], value: 'Support tickets' });
    assert.ok(text.includes("      - title: 'Check replication lag' # quoted on purpose\n\n\n  - title: Follow up"));
    assert.deepEqual(lineDiff(PLAYBOOK, text), { removed: ['  - title: Tickets'], added: ['  - title: Support tickets'] });
  });

  it('keeps the comment on a value it changes, and the quoting of others', () => {
    const text = apply({ op: 'set', path: ['checklists', 0, 'items', 0, 'title'], value: 'Page the DBA' }, { op: 'set', path: ['statusUpdates', 'template'], value: 'Scope:' });
    assert.match(text, /- title: Page the DBA # the rota is in PagerDuty\n/);
    assert.match(text, /template: "Scope:"\n/);
  });

  it('writes multi-line text as a block literal, and one line plainly again', () => {
    const multi = apply({ op: 'set', path: ['description'], value: 'For primary database outages.\n\nNot for replicas.\n' });
    assert.ok(multi.includes('# Shown when someone picks a playbook.\ndescription: |\n  For primary database outages.\n\n  Not for replicas.\nchecklists:'), multi);
    const single = applyPlaybookEdits(multi, [{ op: 'set', path: ['description'], value: 'Outages.' }]);
    assert.ok(single.includes('description: Outages.\nchecklists:'), single);
  });

  it('adds a missing section in the format order, keys in order too', () => {
    const text = apply(
      { op: 'set', path: ['retrospective', 'reminder'], value: '24h' },
      { op: 'set', path: ['retrospective', 'enabled'], value: true },
      { op: 'set', path: ['retrospective', 'template'], value: '## Summary\n\n## Actions\n' },
    );
    assert.ok(
      text.includes('  template: "Impact:"\nretrospective:\n  enabled: true\n  reminder: 24h\n  template: |\n    ## Summary\n\n    ## Actions\n# Filled in with each retrospective.\nmetrics:'),
      text,
    );
    assert.deepEqual(lineDiff(PLAYBOOK, text).removed, []);
  });

  it('deletes an optional key with its line only', () => {
    const text = apply({ op: 'delete', path: ['checklists', 0, 'items', 1, 'due'] });
    assert.deepEqual(lineDiff(PLAYBOOK, text), { removed: ['        due: 1h'], added: [] });
  });

  it('inserts checklist items and metrics with their keys in the format order', () => {
    const text = apply(
      { op: 'insert', path: ['checklists', 1, 'items'], index: 0, value: { due: '2d', title: 'Book the retrospective', assignee: 'owner' } },
      { op: 'insert', path: ['metrics'], index: 2, value: { target: '15m', type: 'duration', title: 'Time to detect' } },
    );
    assert.ok(text.includes('    items:\n      - title: Book the retrospective\n        assignee: owner\n        due: 2d\n      - title: Write the customer note\n'), text);
    assert.ok(text.endsWith('    type: integer\n  - title: Time to detect\n    type: duration\n    target: 15m\n'), text);
  });

  it('inserts into an empty flow list and into a missing list', () => {
    const empty = PLAYBOOK.replace('    items:\n      - title: Write the customer note\n', '    items: []\n').replace(/# Filled in[\s\S]*$/, '');
    const text = applyPlaybookEdits(empty, [
      { op: 'insert', path: ['checklists', 1, 'items'], index: 0, value: { title: 'Write the customer note' } },
      { op: 'insert', path: ['metrics'], index: 0, value: { title: 'Cost', type: 'currency', unit: 'USD', decimals: 2 } },
    ]);
    assert.ok(text.includes('    items:\n      - title: Write the customer note\n'), text);
    assert.ok(text.endsWith('metrics:\n  - title: Cost\n    type: currency\n    unit: USD\n    decimals: 2\n'), text);
  });

  it('moves an item with the comments written above and beside it', () => {
    const text = apply({ op: 'move', path: ['checklists', 0, 'items'], from: 0, to: 2 });
    assert.ok(
      text.includes(
        "    items:\n      # Only once the DBA agrees.\n      - title: Fail over to the replica\n        due: 1h\n      - title: 'Check replication lag' # quoted on purpose\n      # The first thing to do, always.\n      - title: Page the DBA on call # the rota is in PagerDuty\n        assignee: owner\n        due: 15m\n",
      ),
      text,
    );
    const back = applyPlaybookEdits(text, [{ op: 'move', path: ['checklists', 0, 'items'], from: 2, to: 0 }]);
    assert.equal(back, PLAYBOOK);
  });

  it('moves whole checklists and metrics, keeping the blank lines where they were', () => {
    const text = apply({ op: 'move', path: ['checklists'], from: 1, to: 0 }, { op: 'move', path: ['metrics'], from: 0, to: 1 });
    assert.ok(text.startsWith(PLAYBOOK.slice(0, PLAYBOOK.indexOf('checklists:'))));
    assert.ok(text.includes('checklists:\n  - title: Follow up\n    items:\n      - title: Write the customer note\n\n  # Do these first.\n  - title: Stabilise\n'), text);
    assert.ok(text.endsWith('metrics:\n  - title: Tickets\n    type: integer\n  - title: Time to mitigate # the one the VP asks about\n    type: duration\n    target: 1h\n'), text);
  });

  it('changes a metric target from a number to text and keeps the metric valid', () => {
    const text = apply({ op: 'set', path: ['metrics', 1, 'target'], value: 10 }, { op: 'set', path: ['metrics', 0, 'target'], value: '45m' });
    assert.match(text, /type: integer\n {4}target: 10\n$/);
    assert.match(text, /target: 45m\n/);
  });

  it('keeps CRLF line endings', () => {
    const crlf = PLAYBOOK.replace(/\n/g, '\r\n');
    const text = applyPlaybookEdits(crlf, [{ op: 'set', path: ['title'], value: 'DB' }]);
    assert.equal(text, crlf.replace('title: Database incident', 'title: DB'));
  });

  it('allows edits to a playbook that already has an unrelated problem', () => {
    const broken = PLAYBOOK.replace('type: integer', 'type: count');
    const text = applyPlaybookEdits(broken, [{ op: 'set', path: ['title'], value: 'DB' }]);
    assert.match(text, /^title: DB$/m);
  });

  describe('refuses', () => {
    const refused = (edits: PlaybookEdit[], pattern: RegExp, text = PLAYBOOK): void =>
      assert.throws(() => applyPlaybookEdits(text, edits), (error: unknown) => error instanceof OperationRefused && pattern.test(error.message));

    it('fields outside the playbook form', () => {
      refused([{ op: 'set', path: ['apiVersion'], value: 'git-playbooks/v2' }], /may only change/);
      refused([{ op: 'delete', path: ['kind'] }], /may only change/);
      refused([{ op: 'set', path: ['metrics', 0, '__proto__'], value: {} }], /not a playbook field/);
      refused([{ op: 'set', path: ['checklists', 0, 'owner'], value: 'x' }], /not a playbook field/);
    });

    it('places that do not exist', () => {
      refused([{ op: 'set', path: ['checklists', 5, 'title'], value: 'x' }], /no such place/);
      refused([{ op: 'insert', path: ['metrics'], index: 9, value: { title: 'x', type: 'integer' } }], /has 2 entries/);
      refused([{ op: 'move', path: ['metrics'], from: 0, to: 2 }], /no such entry/);
      refused([{ op: 'insert', path: ['title'], index: 0, value: 'x' }], /not a list/);
    });

    it('changes that break the schema, applying none of the request', () => {
      refused([{ op: 'set', path: ['metrics', 0, 'type'], value: 'weeks' }], /invalid: metrics\.0\.type/);
      refused([{ op: 'set', path: ['title'], value: '' }], /invalid/);
      refused([{ op: 'set', path: ['checklists'], value: 'none' }], /invalid/);
      refused([{ op: 'delete', path: ['checklists', 0, 'title'] }], /invalid/);
      refused([{ op: 'set', path: ['title'], value: 'two\nlines' }], /invalid/);
      refused([{ op: 'set', path: ['retrospective', 'reminder'], value: '24h' }], /invalid: retrospective/);
    });

    it('a file whose YAML cannot be read', () => {
      refused([{ op: 'set', path: ['title'], value: 'x' }], /cannot be read/, 'title: [unclosed\n');
      refused([{ op: 'set', path: ['title'], value: 'x' }], /not a YAML mapping/, '- a\n- b\n');
    });
  });
});

describe('minimalReplacement', () => {
  it('replaces only the span between the common prefix and suffix', () => {
    assert.deepEqual(minimalReplacement('title: Old\nkind: x\n', 'title: New\nkind: x\n'), { start: 7, end: 10, text: 'New' });
    assert.deepEqual(minimalReplacement('same', 'same'), { start: 4, end: 4, text: '' });
    assert.deepEqual(minimalReplacement('ab', 'abab'), { start: 2, end: 2, text: 'ab' });
  });

  it('never splits a surrogate pair or a CRLF', () => {
    const change = minimalReplacement('a😀b', 'a😃b');
    assert.deepEqual(change, { start: 1, end: 3, text: '😃' });
    const crlf = minimalReplacement('a\r\nb', 'a\nb');
    assert.equal('a\r\nb'.slice(0, crlf.start) + crlf.text + 'a\r\nb'.slice(crlf.end), 'a\nb');
    assert.ok(crlf.start <= 1);
  });
});

describe('playbook form requests (protocol)', () => {
  const request = (body: unknown): unknown => parsePageMessage({ type: 'request', id: 1, request: body });

  it('accepts opening the text editor (at a line) or the template file', () => {
    assert.ok(request({ kind: 'playbook.open', target: 'text' }));
    assert.ok(request({ kind: 'playbook.open', target: 'text', line: 12 }));
    assert.ok(request({ kind: 'playbook.open', target: 'templateFile' }));
  });

  it('drops anything else', () => {
    assert.equal(request({ kind: 'playbook.open', target: '../../etc/passwd' }), undefined);
    assert.equal(request({ kind: 'playbook.open', target: 'text', line: 0 }), undefined);
    assert.equal(request({ kind: 'playbook.open', target: 'text', line: '3' }), undefined);
    assert.equal(request({ kind: 'playbook.edit', edits: [] }), undefined);
    assert.equal(request({ kind: 'playbook.edit', edits: [{ op: 'move', path: ['metrics'], from: -1, to: 0 }] }), undefined);
  });
});
