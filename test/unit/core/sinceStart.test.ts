import assert from 'node:assert/strict';
import { formatSinceStart, formatSinceStartAt, sinceStartWords } from '../../../src/core/format/sinceStart';

const MINUTE = 60_000;

describe('time since start (CLI, sidebar, run page and exports)', () => {
  it('is signed and to the minute, rounded toward the start', () => {
    assert.equal(formatSinceStart(130 * MINUTE), '+2h 10m');
    assert.equal(formatSinceStart(130 * MINUTE + 59_000), '+2h 10m');
    assert.equal(formatSinceStart(59_000), '+0m');
    assert.equal(formatSinceStart(0), '+0m');
    assert.equal(formatSinceStart(-59_000), '+0m');
    assert.equal(formatSinceStart(-5 * MINUTE - 30_000), '-5m');
    assert.equal(formatSinceStart((2 * 24 * 60 + 3 * 60 + 5) * MINUTE), '+2d 3h 5m');
    assert.equal(formatSinceStart(Number.NaN), '');
  });

  it('leaves out the "+" for CSV, never the "-"', () => {
    assert.equal(formatSinceStart(26 * 60 * MINUTE, 'negative'), '1d 2h');
    assert.equal(formatSinceStart(-5 * MINUTE, 'negative'), '-5m');
  });

  it('counts between two ISO times, whatever their offsets, and is empty for a time that is not one', () => {
    const start = '2026-11-24T10:00:00Z';
    assert.equal(formatSinceStartAt(start, '2026-11-24T12:10:00Z'), '+2h 10m');
    assert.equal(formatSinceStartAt(start, '2026-11-24T13:00:30+01:00'), '+2h');
    assert.equal(formatSinceStartAt(start, '2026-11-24T09:52:00Z'), '-8m');
    assert.equal(formatSinceStartAt(start, 'not a date'), '');
    assert.equal(formatSinceStartAt('not a date', start), '');
  });

  it('reads as words on the run page, from the same minutes', () => {
    assert.equal(sinceStartWords(130 * MINUTE), '+2h 10m after start');
    assert.equal(sinceStartWords(8 * MINUTE + 59_000), '+8m after start');
    assert.equal(sinceStartWords(59_000), 'at start');
    assert.equal(sinceStartWords(-59_000), 'at start');
    assert.equal(sinceStartWords(-8 * MINUTE), '8m before start');
    assert.equal(sinceStartWords(Number.NaN), '');
  });
});
