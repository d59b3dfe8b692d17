import assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/files/problem';
import { problemRange } from '../../../src/platform/diagnosticsRange';

const problem = (fields: Partial<Problem>): Problem => ({ file: 'playbooks/x.yaml', line: 1, column: 1, message: 'm', severity: 'error', ...fields });

describe('problemRange', () => {
  it('turns 1-based line/column and end into a 0-based range', () => {
    assert.deepEqual(problemRange(problem({ line: 21, column: 12, endLine: 21, endColumn: 24 })), { startLine: 20, startCharacter: 11, endLine: 20, endCharacter: 23 });
    assert.deepEqual(problemRange(problem({ line: 3, column: 5, endLine: 6, endColumn: 1 })), { startLine: 2, startCharacter: 4, endLine: 5, endCharacter: 0 });
  });

  it('covers the rest of the line when there is no end and the line is known', () => {
    assert.deepEqual(problemRange(problem({ line: 4, column: 3 }), (line) => (line === 3 ? 17 : undefined)), { startLine: 3, startCharacter: 2, endLine: 3, endCharacter: 17 });
  });

  it('is empty at the position when neither the end nor the line is known', () => {
    assert.deepEqual(problemRange(problem({ line: 2, column: 7 })), { startLine: 1, startCharacter: 6, endLine: 1, endCharacter: 6 });
    assert.deepEqual(problemRange(problem({ line: 2, column: 7 }), () => 3), { startLine: 1, startCharacter: 6, endLine: 1, endCharacter: 6 }, 'a line shorter than the column');
  });

  it('treats an empty or inverted end like a missing one, and never goes below zero', () => {
    assert.deepEqual(problemRange(problem({ line: 5, column: 4, endLine: 5, endColumn: 4 }), () => 10), { startLine: 4, startCharacter: 3, endLine: 4, endCharacter: 10 });
    assert.deepEqual(problemRange(problem({ line: 5, column: 4, endLine: 2, endColumn: 9 })), { startLine: 4, startCharacter: 3, endLine: 4, endCharacter: 3 });
    assert.deepEqual(problemRange(problem({ line: 0, column: 0 })), { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 });
  });
});
