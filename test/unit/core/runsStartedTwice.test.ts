import assert from 'node:assert/strict';
import { movedRunOrigins, renameSummary, runsToRename } from '../../../src/core/sync/runsStartedTwice';
import type { RunTexts } from '../../../src/core/sync/runTexts';

const RUN_ID = '2026-12-03-db-down';

function started(eventId: string, actor: string, owner = actor): RunTexts {
  return {
    run: `apiVersion: git-playbooks/v1\nkind: Run\nname: DB down\nplaybook: db\nowner: ${owner}\nstatus: in_progress\n`,
    timeline: `events:\n  - {id: "${eventId}", at: "2026-12-03T07:21:23Z", type: run_started, actor: "${actor}", summary: "Run started"}\n`,
  };
}

describe('runs started twice under one id', () => {
  it('moves ours to the next id nobody has when the two sides started different runs, naming who started theirs', () => {
    const taken = new Set([`${RUN_ID}-2`]);
    const renames = runsToRename([{ runId: RUN_ID, ours: started('e1', 'alice'), theirs: started('e2', 'bob') }], (id) => taken.has(id));
    assert.deepEqual(renames, [{ from: RUN_ID, to: `${RUN_ID}-3`, name: 'DB down', startedBy: 'bob' }]);
    assert.equal(renameSummary(renames[0]!), `${RUN_ID}: bob also started a run "DB down" under this id; yours is now ${RUN_ID}-3`);
  });

  it('leaves the same run alone (one start event on both sides: a cherry-pick, a commit pushed twice)', () => {
    const same = started('e1', 'alice');
    const later = { ...same, timeline: `${same.timeline ?? ''}  - {id: "e9", at: "2026-12-03T07:30:00Z", type: note_added, actor: "bob", summary: "Later"}\n` };
    assert.deepEqual(runsToRename([{ runId: RUN_ID, ours: same, theirs: later }], () => false), []);
  });

  it('gives two runs moved in one sync two different ids', () => {
    const candidates = [`${RUN_ID}`, `${RUN_ID}-2`].map((runId, i) => ({ runId, ours: started(`o${i}`, 'alice'), theirs: started(`t${i}`, 'bob') }));
    const renames = runsToRename(candidates, (id) => id === RUN_ID || id === `${RUN_ID}-2`);
    assert.deepEqual(renames.map((rename) => rename.to), [`${RUN_ID}-3`, `${RUN_ID}-2-2`]);
  });

  it('follows a run moved twice in one sync (a lost push race, then a third clone with the next id) back to where it was', () => {
    const renames = [
      { from: RUN_ID, to: `${RUN_ID}-2`, name: 'DB down', startedBy: 'bob' },
      { from: `${RUN_ID}-2`, to: `${RUN_ID}-3`, name: 'DB down', startedBy: 'carol' },
    ];
    const { origin, vacated } = movedRunOrigins(renames);
    assert.deepEqual([...origin], [[`${RUN_ID}-3`, RUN_ID]]);
    assert.deepEqual([...vacated].sort(), [RUN_ID, `${RUN_ID}-2`]);
  });
});
