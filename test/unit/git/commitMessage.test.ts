import assert from 'node:assert/strict';
import { buildCommitMessage, MAX_SUBJECT_LENGTH } from '../../../src/core/publishing/commitMessage';

describe('buildCommitMessage', function () {
  it('joins subject, body and trailers with blank lines', function () {
    assert.equal(
      buildCommitMessage('Start run: database outage', 'Primary went away.\nFailing over.', {
        'Playbook-Run': '2026-11-24-db-outage',
        'Playbook': 'database-outage',
      }),
      'Start run: database outage\n\nPrimary went away.\nFailing over.\n\nPlaybook-Run: 2026-11-24-db-outage\nPlaybook: database-outage',
    );
  });

  it('repeats a trailer key when given pairs (one Playbook-Run per run)', function () {
    assert.equal(
      buildCommitMessage('Sync', undefined, [['Playbook-Run', 'a'], ['Playbook-Run', 'b']]),
      'Sync\n\nPlaybook-Run: a\nPlaybook-Run: b',
    );
  });

  it('omits a missing or blank body and an empty trailer set', function () {
    assert.equal(buildCommitMessage('Subject', undefined, {}), 'Subject');
    assert.equal(buildCommitMessage('Subject', '  \n\n', { A: 'b' }), 'Subject\n\nA: b');
    assert.equal(buildCommitMessage('Subject', 'Body', {}), 'Subject\n\nBody');
  });

  it('trims the subject and collapses newlines into spaces', function () {
    assert.equal(buildCommitMessage('  Line one\r\n  line two\n', undefined, {}), 'Line one line two');
  });

  it('truncates a long subject to 72 characters ending with an ellipsis', function () {
    const subject = buildCommitMessage('x'.repeat(100), undefined, {});
    assert.equal(Array.from(subject).length, MAX_SUBJECT_LENGTH);
    assert.equal(subject, `${'x'.repeat(71)}…`);
    assert.equal(buildCommitMessage('y'.repeat(72), undefined, {}), 'y'.repeat(72));
  });

  it('does not split a character made of two UTF-16 units when truncating', function () {
    const subject = buildCommitMessage('🔥'.repeat(80), undefined, {});
    assert.equal(subject, `${'🔥'.repeat(71)}…`);
  });

  it('normalises the body: CRLF to LF, no leading blank lines, no trailing whitespace', function () {
    assert.equal(buildCommitMessage('S', '\n\n  indented\r\nnext  \n\n', {}), 'S\n\n  indented\nnext');
  });

  it('shows control characters as U+FFFD (git refuses a NUL in a message)', function () {
    assert.equal(buildCommitMessage('S\u0000', 'Reason: a\u0000b\u0007\tc', { 'Playbook-Run': 'r\u0000' }), 'S\ufffd\n\nReason: a\ufffdb\ufffd\tc\n\nPlaybook-Run: r\ufffd');
  });

  it('keeps trailer values on one line', function () {
    assert.equal(buildCommitMessage('S', undefined, { 'Playbook-Run': 'a\nb\r\n c ' }), 'S\n\nPlaybook-Run: a b c');
  });

  it('rejects an empty subject, bad trailer keys and empty trailer values', function () {
    assert.throws(() => buildCommitMessage(' \n ', undefined, {}), RangeError);
    assert.throws(() => buildCommitMessage('S', undefined, { 'Has Space': 'x' }), /not a valid commit trailer key/);
    assert.throws(() => buildCommitMessage('S', undefined, { 'Key:': 'x' }), /not a valid commit trailer key/);
    assert.throws(() => buildCommitMessage('S', undefined, { Key: ' \n ' }), /empty value/);
  });
});
