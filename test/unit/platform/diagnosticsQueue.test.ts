import assert from 'node:assert/strict';
import { SlicedQueue } from '../../../src/platform/diagnosticsQueue';

/** A clock that advances by `step` every time work is done, so slices are deterministic. */
function harness(step: number, sliceMs: number) {
  let clock = 0;
  const log: string[] = [];
  const queue = new SlicedQueue<string>(
    {
      handle: (item) => {
        clock += step;
        if (item === 'boom') throw new Error('bad file');
        log.push(item);
      },
      flush: () => log.push('|'),
    },
    {
      sliceMs,
      now: () => clock,
      pause: () => new Promise((resolve) => setImmediate(resolve)),
      onError: (error) => log.push(`error:${(error as Error).message}`),
    },
  );
  return { queue, log };
}

describe('SlicedQueue', () => {
  it('works in slices, flushing after each, and yields to the event loop between them', async () => {
    const { queue, log } = harness(5, 10);
    queue.pushAll(['a', 'b', 'c', 'd', 'e']);
    setImmediate(() => log.push('other work'));
    await queue.whenIdle();
    assert.deepEqual(log, ['a', 'b', '|', 'other work', 'c', 'd', '|', 'e', '|']);
  });

  it('consumes a lazy source only as far as it has worked', async () => {
    const { queue } = harness(5, 10);
    let produced = 0;
    function* source(): Generator<string> {
      for (let i = 0; i < 1000; i += 1) {
        produced += 1;
        yield `f${i}`;
      }
    }
    queue.pushAll(source());
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(produced > 0 && produced < 10, `produced ${produced}`);
    await queue.whenIdle();
    assert.equal(produced, 1000);
  });

  it('handles single items before the rest of a sweep, once each', async () => {
    const { queue, log } = harness(1, 100);
    queue.pushAll(['s1', 's2']);
    queue.push('changed');
    queue.push('changed');
    await queue.whenIdle();
    assert.deepEqual(log, ['changed', 's1', 's2', '|']);
  });

  it('keeps going after an item fails, and forgets everything on clear', async () => {
    const { queue, log } = harness(1, 100);
    queue.pushAll(['a', 'boom', 'b']);
    await queue.whenIdle();
    assert.deepEqual(log, ['a', 'error:bad file', 'b', '|']);
    log.length = 0;
    queue.pushAll(['x', 'y']);
    queue.clear();
    await queue.whenIdle();
    assert.deepEqual(log, ['|']);
  });

  it('does nothing after dispose', async () => {
    const { queue, log } = harness(1, 100);
    queue.dispose();
    queue.push('a');
    await queue.whenIdle();
    assert.deepEqual(log, []);
  });
});
