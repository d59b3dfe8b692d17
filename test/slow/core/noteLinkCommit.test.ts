import assert from 'node:assert/strict';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { addNote, withLinkCommit, type NoteInput } from '../../../src/core/runs/runOperations';
import { repoWithRun } from '../../helpers/runFixture';

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** The extension's Add Note command and run editor write notes this way, asking git through `headCommit`. */
describe('a note from the editor linked to path:line', function () {
  this.timeout(30_000);

  async function noteDetails(note: NoteInput, head: string | undefined): Promise<{ details: string | undefined; asked: number }> {
    const { root, runId } = await repoWithRun();
    const repo = PlaybooksRepository.at(root);
    let asked = 0;
    const headCommit = (): Promise<string | undefined> => {
      asked += 1;
      return Promise.resolve(head);
    };
    const event = addNote(repo, { actor: 'bob', now: () => new Date('2026-11-24T10:05:00Z') }, runId, await withLinkCommit(note, headCommit));
    return { details: repo.requireTimeline(runId).events.find((each) => each.id === event.id)?.details, asked };
  }

  it('records the commit checked out, as `run note --link` does', async () => {
    assert.deepEqual(await noteDetails({ summary: 'Pool limit', link: 'src/pool.ts:12' }, SHA), { details: `From src/pool.ts:12 at commit ${SHA}`, asked: 1 });
    assert.deepEqual(await noteDetails({ summary: 'Range', details: 'Look here.', link: ' src/pool.ts:1-3 ' }, SHA), {
      details: `Look here.\n\nFrom src/pool.ts:1-3 at commit ${SHA}`,
      asked: 1,
    });
  });

  it('asks git nothing for a URL, a commit link or no link', async () => {
    for (const link of ['https://grafana.example.com/d/1', SHA.slice(0, 10), undefined]) {
      assert.deepEqual(await noteDetails({ summary: 'x', ...(link !== undefined ? { link } : {}) }, SHA), { details: undefined, asked: 0 }, String(link));
    }
  });

  it('writes the note without a commit where git gives none (untrusted workspace, no commit yet)', async () => {
    assert.deepEqual(await noteDetails({ summary: 'Pool limit', link: 'src/pool.ts:12' }, undefined), { details: undefined, asked: 1 });
  });
});
