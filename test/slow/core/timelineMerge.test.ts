import assert from 'node:assert/strict';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { addNote, postStatusUpdate } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { git, readFile, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

describe('timelines on two branches', () => {
  it('merge with plain `git merge` and no conflict, keeping every event', () => {
    const root = tempGitRepo();
    const repo = PlaybooksRepository.at(root);
    initRepository(repo);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const at = (iso: string, actor: string) => ({ actor, now: () => new Date(iso) });
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z', 'alice'), { playbook: 'db-incident', name: 'DB down' });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'start run']);

    git(root, ['checkout', '-q', '-b', 'alice-notes']);
    postStatusUpdate(repo, at('2026-11-24T10:10:00Z', 'alice'), runId, 'Investigating');
    addNote(repo, at('2026-11-24T10:12:00Z', 'alice'), runId, { summary: 'Replica lag 40s' });
    git(root, ['commit', '-q', '-am', 'alice: update and note']);

    git(root, ['checkout', '-q', 'main']);
    addNote(repo, at('2026-11-24T10:11:00Z', 'bob'), runId, { summary: 'Customer reports in #support', link: 'https://support.example.com/t/1' });
    postStatusUpdate(repo, at('2026-11-24T10:20:00Z', 'bob'), runId, 'Mitigated');
    git(root, ['commit', '-q', '-am', 'bob: note and update']);

    const output = git(root, ['merge', '--no-edit', 'alice-notes']);
    assert.doesNotMatch(output, /CONFLICT/);
    assert.equal(git(root, ['status', '--porcelain']), '');
    assert.doesNotMatch(readFile(root, `${runPath(runId)}/timeline.yaml`), /^(<<<<<<<|=======|>>>>>>>)/m);

    const summaries = repo.requireTimeline(runId).events.map((event) => `${event.actor}: ${event.summary}`).sort();
    assert.deepEqual(summaries, [
      'alice: Investigating',
      'alice: Replica lag 40s',
      'alice: Run started from playbook "Database incident" with alice as owner',
      'bob: Customer reports in #support',
      'bob: Mitigated',
    ]);
    assert.deepEqual(validateRepository(repo), []);
  });
});
