import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPlaybookEdits } from '../../../src/core/playbooks/playbookEdits';
import { OperationRefused } from '../../../src/core/model/errors';
import { parsePageMessage, type PageRequest } from '../../../src/shared/protocol';
import { mutatedRequest, requestMessage, validRequest } from '../../helpers/pageMessages';

/**
 * A webview page is untrusted input: whatever it posts, parsePageMessage returns a well-formed message
 * or undefined, never throws, and never lets a prototype-pollution key change Object.prototype.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);
const POLLUTING = ['__proto__', 'constructor', 'prototype'];

/** Would fail on the first value a huge or deep structure hides, if the check walked into it unbounded. */
function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

function assertPrototypesClean(): void {
  for (const key of ['polluted', 'isAdmin', 'op', 'kind']) {
    assert.equal((Object.prototype as Record<string, unknown>)[key], undefined, `Object.prototype.${key} stays unset`);
    assert.equal((Array.prototype as unknown as Record<string, unknown>)[key], undefined, `Array.prototype.${key} stays unset`);
  }
}

describe('parsePageMessage (fuzzed webview messages)', () => {
  afterEach(assertPrototypesClean);

  it('never throws on anything a page could post, and accepts only what has the contract shape', () => {
    const anything = fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, maxDepth: 6 });
    const shaped = fc.oneof(anything, fc.record({ type: fc.constantFrom('ready', 'request', 'state', 'response'), id: anything, request: fc.oneof(anything, validRequest.map((r) => ({ ...r, kind: r['kind'] }))) }));
    fc.assert(
      fc.property(shaped, (raw) => {
        const message = parsePageMessage(raw);
        if (message === undefined) return;
        assert.ok(typeof raw === 'object' && raw !== null);
        if (message.type === 'ready') return assert.equal((raw as Record<string, unknown>)['type'], 'ready');
        assert.ok(Number.isSafeInteger(message.id), 'a request id is a safe integer');
        assert.ok(typeof message.request.kind === 'string');
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('accepts every well-formed request unchanged, with its id', () => {
    fc.assert(
      fc.property(requestMessage(validRequest), (raw) => {
        assert.deepEqual(parsePageMessage(raw), { type: 'request', id: raw['id'], request: raw['request'] });
      }),
      { numRuns: RUNS },
    );
    assert.deepEqual(parsePageMessage({ type: 'ready', extra: { __proto__: 1 } }), { type: 'ready' });
  });

  it('rejects a well-formed request once any one of its fields has the wrong type or size', () => {
    fc.assert(fc.property(mutatedRequest, (raw) => assert.equal(parsePageMessage(raw), undefined, JSON.stringify(raw, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300))), { numRuns: RUNS });
  });

  it('rejects bad ids, unknown kinds and over-limit payloads', () => {
    const ok: PageRequest = { kind: 'run.postUpdate', message: 'hi' };
    for (const id of [undefined, '1', 1.5, Number.NaN, Infinity, 2 ** 60, null, {}]) assert.equal(parsePageMessage({ type: 'request', id, request: ok }), undefined, `id ${String(id)}`);
    for (const kind of ['', 'run.Finish', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) assert.equal(parsePageMessage({ type: 'request', id: 1, request: { kind } }), undefined, kind);
    const cases: unknown[] = [
      { kind: 'run.postUpdate', message: 'x'.repeat(100_001) },
      { kind: 'run.participants', add: Array.from({ length: 1001 }, () => 'a'), remove: [] },
      { kind: 'run.participants', add: ['x'.repeat(501)], remove: [] },
      { kind: 'playbook.edit', edits: [] },
      { kind: 'playbook.edit', edits: Array.from({ length: 51 }, () => ({ op: 'delete', path: ['title'] })) },
      { kind: 'playbook.edit', edits: [{ op: 'delete', path: [] }] },
      { kind: 'playbook.edit', edits: [{ op: 'delete', path: Array.from({ length: 13 }, () => 'title') }] },
      { kind: 'playbook.edit', edits: [{ op: 'delete', path: [-1] }] },
      { kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: deep(13) }] },
      { kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: deep(100_000) }] },
      { kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, 1])) }] },
      { kind: 'playbook.edit', edits: [{ op: 'set', path: ['title'], value: Array.from({ length: 1001 }, () => 1) }] },
      { kind: 'playbook.edit', edits: [{ op: 'insert', path: ['metrics'], index: 1000, value: {} }] },
      { kind: 'playbook.edit', edits: [{ op: 'patch', path: ['title'], value: 'x' }] },
      { kind: 'playbook.open', target: 'file:///etc/passwd' },
      { kind: 'playbook.open', target: 'text', line: 0 },
      { kind: 'run.task', taskId: 't', state: 'done' },
      { kind: 'run.showEvents', categories: ['notes'], count: 0 },
      { kind: 'run.showEvents', categories: ['notes'], count: 100_001 },
      { kind: 'run.showEvents', categories: ['notes'], count: 200.5 },
      { kind: 'run.showEvents', categories: Array.from({ length: 51 }, () => 'notes'), count: 200 },
      { kind: 'run.showEvents', categories: ['x'.repeat(101)], count: 200 },
      { kind: 'run.showEvents', categories: 'notes', count: 200 },
      { kind: 'run.showEvents', count: 200 },
      { kind: 'run.showStatusUpdates', count: -10 },
      { kind: 'run.showStatusUpdates', count: '10' },
      { kind: 'retro.addAction', title: 'x'.repeat(501) },
      { kind: 'retro.addAction', title: 'Alert on lag', priority: 'P5' },
      { kind: 'retro.addAction', title: 'Alert on lag', due: 'x'.repeat(101) },
      { kind: 'retro.setAction', actionId: 'a-k3x9q2', status: 'closed' },
      { kind: 'retro.setAction', actionId: 'a-k3x9q2', status: 'toString' },
      { kind: 'retro.setAction', actionId: 'a-k3x9q2', priority: 'p1' },
      { kind: 'retro.setAction', owner: 'bob' },
      { kind: 'retro.openActionLink', actionId: 12 },
      { kind: 'retro.openActionLink', url: 'https://example.com' },
    ];
    cases.forEach((request, i) => assert.equal(parsePageMessage({ type: 'request', id: 1, request }), undefined, `case ${i}`));
  });

  it('rejects what a JSON round trip could not carry (sparse lists with holes)', () => {
    const holes: unknown[] = [, 'a'];
    assert.equal(parsePageMessage({ type: 'request', id: 1, request: { kind: 'run.participants', add: holes, remove: [] } }), undefined);
    assert.equal(parsePageMessage({ type: 'request', id: 1, request: { kind: 'playbook.edit', edits: [{ op: 'delete', path: [, 'title'] as unknown[] }] } }), undefined);
    assert.equal(parsePageMessage({ type: 'request', id: 1, request: { kind: 'run.showEvents', categories: holes, count: 200 } }), undefined);
  });

  it('passes prototype-pollution keys through as plain data that the playbook edits then refuse, polluting nothing', () => {
    const original = 'apiVersion: git-playbooks/v1\nkind: Playbook\ntitle: T\nchecklists:\n  - title: A\n    items:\n      - title: a\nretrospective:\n  enabled: true\n';
    const hostile = POLLUTING.flatMap((key) => [
      `{"op":"set","path":["${key}","polluted"],"value":true}`,
      `{"op":"set","path":["retrospective","${key}","polluted"],"value":true}`,
      `{"op":"set","path":["checklists",0,"${key}"],"value":{"polluted":true}}`,
      `{"op":"set","path":["retrospective"],"value":{"${key}":{"polluted":true},"enabled":true}}`,
      `{"op":"insert","path":["checklists"],"index":0,"value":{"title":"x","items":[],"${key}":{"isAdmin":true}}}`,
    ]);
    for (const editJson of hostile) {
      const message = parsePageMessage(JSON.parse(`{"type":"request","id":7,"request":{"kind":"playbook.edit","edits":[${editJson}]},"__proto__":{"polluted":true}}`));
      assert.ok(message?.type === 'request' && message.request.kind === 'playbook.edit', `a JSON edit is well-formed: ${editJson}`);
      assert.throws(() => applyPlaybookEdits(original, message.request.kind === 'playbook.edit' ? message.request.edits : []), OperationRefused, editJson);
      assertPrototypesClean();
    }
  });
});
