import assert from 'node:assert/strict';
import { formatDuration, formatDurationColon, parseDuration } from '../../../src/core/util/duration';
import playbookSchema from '../../../schemas/playbook.schema.json';
import { DURATION_PATTERN } from '../../../src/core/util/duration';

describe('durations', () => {
  it('reads the three forms people type', () => {
    assert.equal(parseDuration('1h30m'), 90 * 60_000);
    assert.equal(parseDuration('1h 30m'), 90 * 60_000);
    assert.equal(parseDuration('PT1H30M'), 90 * 60_000);
    assert.equal(parseDuration('00:01:30'), 90 * 60_000);
    assert.equal(parseDuration('P1DT2H'), 26 * 3_600_000);
    assert.equal(parseDuration('7d'), 7 * 86_400_000);
    assert.equal(parseDuration('2w'), 14 * 86_400_000);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'abc', '1x', 'P', 'PT', '00:25:00', '1:2', 'h', '-1h']) assert.equal(parseDuration(text), undefined, text);
  });

  it('writes the compact form and reads it back', () => {
    for (const ms of [60_000, 90 * 60_000, 26 * 3_600_000, 3 * 86_400_000 + 5 * 60_000]) {
      assert.equal(parseDuration(formatDuration(ms)), ms);
    }
    assert.equal(formatDuration(90 * 60_000), '1h 30m');
    assert.equal(formatDurationColon(26 * 3_600_000 + 5 * 60_000), '01:02:05');
  });

  it('uses the same pattern in the schema as in code', () => {
    const due = playbookSchema.properties.checklists.items.properties.items.items.properties.due;
    assert.equal(due.pattern, DURATION_PATTERN);
    const pattern = new RegExp(DURATION_PATTERN);
    for (const text of ['1h30m', 'PT1H30M', '01:02:03', '7d', '0']) assert.ok(pattern.test(text), text);
    assert.ok(!pattern.test('soon'));
  });
});
