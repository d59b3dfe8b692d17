// Generators of webview messages for the fuzz tests (test/slow/shared/protocol.test.ts; in the host:
// test/integration/webviewMessages.test.ts): well-formed requests of every kind, and requests
// malformed by construction (one field of a well-formed one broken), so no test needs the parser
// under test to tell which is which.
import fc from 'fast-check';

const text = (max: number): fc.Arbitrary<string> => fc.string({ maxLength: Math.min(max, 40) });
const index = fc.integer({ min: 0, max: 999 });
const docPath = fc.array(fc.oneof(text(200), index), { minLength: 1, maxLength: 12 });
const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<unknown>;
const edit = fc.oneof(
  fc.record({ op: fc.constant('set'), path: docPath, value: json }),
  fc.record({ op: fc.constant('delete'), path: docPath }),
  fc.record({ op: fc.constant('insert'), path: docPath, index, value: json }),
  fc.record({ op: fc.constant('move'), path: docPath, from: index, to: index }),
);
const opt = { requiredKeys: [] as never[] };

/** Every request of the contract, with values inside its limits. */
export const validRequest = fc.oneof(
  fc.record({ kind: fc.constant('playbook.edit'), edits: fc.array(edit, { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('playbook.open'), target: fc.constantFrom('text', 'templateFile') }).chain((base) => fc.record({ line: fc.integer({ min: 1 }) }, opt).map((rest) => ({ ...base, ...rest }))),
  fc.record({ kind: fc.constant('run.postUpdate'), message: fc.string() }),
  fc.record({ kind: fc.constant('run.changeOwner'), owner: text(200) }),
  fc.record({ kind: fc.constant('run.participants'), add: fc.array(text(500)), remove: fc.array(text(500)) }),
  fc.record({ kind: fc.constant('run.task'), taskId: text(200) }).chain((base) => fc.record({ state: fc.constantFrom('open', 'in_progress', 'closed', 'skipped'), assignee: text(200) }, opt).map((rest) => ({ ...base, ...rest }))),
  fc.record({ kind: fc.constant('run.addNote'), summary: text(1000) }).chain((base) => fc.record({ at: text(100), link: text(2000) }, opt).map((rest) => ({ ...base, ...rest }))),
  fc.record({ kind: fc.constant('run.deleteEvent'), eventId: text(100) }),
  fc.record({ kind: fc.constant('run.showEvents'), categories: fc.array(text(100), { maxLength: 50 }), count: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ kind: fc.constant('run.showStatusUpdates'), count: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ kind: fc.constantFrom('run.setStatusUpdates', 'retro.setEnabled'), enabled: fc.boolean() }),
  fc.record({ kind: fc.constant('run.runCommand'), taskId: text(200) }),
  fc.record({ kind: fc.constant('retro.setMetric'), metricId: text(100), value: text(100) }),
  fc.record({ kind: fc.constant('retro.skip'), reason: text(5000) }),
  fc.record({ kind: fc.constant('retro.addAction'), title: text(500) }).chain((base) => fc.record({ owner: text(200), due: text(100), priority: fc.constantFrom('', 'P1', 'P2', 'P3', 'P4') }, opt).map((rest) => ({ ...base, ...rest }))),
  fc.record({ kind: fc.constant('retro.setAction'), actionId: text(100) }).chain((base) =>
    fc.record({ owner: text(200), due: text(100), priority: fc.constantFrom('', 'P1', 'P2', 'P3', 'P4'), status: fc.constantFrom('open', 'in_progress', 'done', 'wont_do') }, opt).map((rest) => ({ ...base, ...rest })),
  ),
  fc.record({ kind: fc.constant('retro.openActionLink'), actionId: text(100) }),
  fc.record({ kind: fc.constant('report.openRun'), runId: text(100) }),
  fc.record({ kind: fc.constant('report.useAsTarget'), metricId: text(100) }),
  fc.record({ kind: fc.constantFrom('run.finish', 'run.restore', 'run.requestUpdate', 'retro.openMarkdown', 'retro.publish', 'report.exportCsv') }),
) as fc.Arbitrary<Record<string, unknown>>;
export const requestMessage = (request: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> => fc.record({ type: fc.constant('request'), id: fc.integer(), request });

/** Values no field of the contract accepts where it expects text, a list or a number. */
export const wrongTyped = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.boolean(), fc.double({ noDefaultInfinity: false }).filter((n) => !Number.isFinite(n) || !Number.isInteger(n)),
  fc.bigInt(), fc.constant(Symbol('x')), fc.constant(() => 1), fc.object(), fc.date(), fc.constant('x'.repeat(100_001)),
);

/** A well-formed request with one field (or its kind) given a wrong type or size: malformed by construction. */
export const mutatedRequest = fc.tuple(requestMessage(validRequest), wrongTyped, fc.nat()).map(([message, bad, pick]) => {
  const request = { ...(message['request'] as Record<string, unknown>) };
  const keys = Object.keys(request).filter((key) => key !== 'kind' && !(request[key] === undefined));
  // Optional fields may be absent, so `undefined` only breaks a required one.
  // A boolean is what `enabled` takes, so it does not break that one.
  const required = keys.filter((key) => (!['line', 'state', 'assignee', 'at', 'link', 'owner', 'due', 'priority', 'status'].includes(key) || bad !== undefined) && !(key === 'enabled' && typeof bad === 'boolean'));
  if (required.length === 0) return { ...message, request: { ...request, kind: bad } };
  const key = required[pick % required.length] as string;
  return { ...message, request: { ...request, [key]: bad } };
});
