import assert from 'node:assert/strict';
import { decodeText, readProblems } from '../../../src/core/files/textChecks';

const RETRO = `---
apiVersion: git-playbooks/v1
kind: Retrospective
status: draft
metrics: {}
---
## Summary
<<<<<<< HEAD
The primary failed; bob saw it first.
=======
The replica lagged; alice paged.
>>>>>>> origin/main

## What went well
<<<<<<< HEAD
Failover.
||||||| base
Nothing yet.
=======
Paging.
>>>>>>> origin/main
`;

describe('conflict markers git left', () => {
  it('are reported one conflict at a time, spanning its lines and naming where each marker is', () => {
    const read = decodeText('playbooks/runs/r/retrospective.md', Buffer.from(RETRO));
    assert.ok('problem' in read);
    const problems = readProblems(read).map(({ line, endLine, message }) => ({ line, endLine, message }));
    assert.deepEqual(problems, [
      { line: 8, endLine: 12, message: 'unresolved merge conflict marker: git left a conflict at lines 8-12 (<<<<<<< 8, ======= 10, >>>>>>> 12); both sides changed these lines: keep one side or both and remove the marker lines' },
      { line: 15, endLine: 21, message: 'unresolved merge conflict marker: git left a conflict at lines 15-21 (<<<<<<< 15, ||||||| 17, ======= 19, >>>>>>> 21); both sides changed these lines: keep one side or both and remove the marker lines' },
    ]);
  });

  it('still refuses a marker left on its own, at its line', () => {
    const read = decodeText('run.yaml', Buffer.from('a: 1\n>>>>>>> theirs\n'));
    assert.ok('problem' in read);
    assert.deepEqual(readProblems(read).map(({ line, message }) => [line, message]), [[2, 'unresolved merge conflict marker >>>>>>>; resolve the conflict (keep one side or both) and remove the markers']]);
  });
});
