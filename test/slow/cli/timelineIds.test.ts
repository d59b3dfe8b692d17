import assert from 'node:assert/strict';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';
import { TIMELINE_CATEGORIES } from '../../../src/core/runs/timelineCategories';
import { TIMELINE_CATEGORIES as RUN_EDITOR_CATEGORIES } from '../../../webview/src/run/timelineFilter';

interface Event {
  id: string;
  type: string;
  summary: string;
}

describe('CLI timeline ids and --type', function () {
  this.timeout(30_000);

  async function runWithNotes(): Promise<{ root: string; runId: string; env: Record<string, string>; events: Event[] }> {
    const { root, runId, env } = await repoWithRun();
    await cliOk(root, ['run', 'note', runId, '--summary', 'Saw timeouts'], at(env, '2026-11-24T10:05:00Z'));
    await cliOk(root, ['run', 'owner', runId, 'bob'], at(env, '2026-11-24T10:06:00Z'));
    await cliOk(root, ['run', 'note', runId, '--summary', 'Replica is healthy'], at(env, '2026-11-24T10:07:00Z'));
    const events = JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json'], env)).stdout) as Event[];
    return { root, runId, env, events };
  }

  it('shows short ids in the table that delete-event takes', async () => {
    const { root, runId, env, events } = await runWithNotes();
    const table = (await cliOk(root, ['timeline', runId], env)).stdout.split('\n');
    assert.match(table[0] ?? '', /^ID {2,}TIME {2,}SINCE START/);
    const noteRow = table.find((line) => line.endsWith('Saw timeouts')) ?? '';
    const shortId = noteRow.split(/\s+/)[0] ?? '';
    const note = events.find((event) => event.summary === 'Saw timeouts');
    assert.ok(note && shortId.length < note.id.length && note.id.startsWith(shortId), `${shortId} is a prefix of the note's id`);

    const ambiguous = await cli(root, ['run', 'delete-event', runId, shortId.slice(0, 3)], env);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /^error: "[a-z0-9]{3}" starts 4 event ids \(.*\); give more of the id$/);
    const deleted = await cliOk(root, ['run', 'delete-event', runId, shortId], env);
    assert.equal(deleted.stderr, 'deleted note "Saw timeouts"');
    assert.equal(deleted.last, note.id);
  });

  it('puts each event id in the CSV', async () => {
    const { root, runId, env, events } = await runWithNotes();
    const csv = (await cliOk(root, ['timeline', runId, '--format', 'csv'], env)).stdout.replace(/\r$/, '').split('\r\n');
    assert.equal(csv[0], 'Event Time,Since Start,Event Type,Actor,Summary,Details,Link,Event ID');
    assert.deepEqual(csv.slice(1).map((line) => line.split(',').at(-1)), events.map((event) => event.id));
  });

  it('--type keeps the run editor filter\'s categories, in every format', async () => {
    const { root, runId, env } = await runWithNotes();
    const types = async (args: string[]): Promise<string[]> =>
      (JSON.parse((await cliOk(root, ['timeline', runId, '--format', 'json', ...args], env)).stdout) as Event[]).map((event) => event.type);
    assert.deepEqual(await types(['--type', 'notes']), ['note', 'note']);
    assert.deepEqual(await types(['--type', 'roles,status']), ['run_started', 'owner_changed']);
    assert.deepEqual(await types(['--type', 'roles', '--type', 'notes']), ['note', 'owner_changed', 'note']);
    const table = (await cliOk(root, ['timeline', runId, '--type', 'roles'], env)).stdout.split('\n');
    assert.equal(table.length, 2);
    assert.match(table[1] ?? '', /owner_changed/);
    const csv = (await cliOk(root, ['timeline', runId, '--type', 'notes', '--format', 'csv'], env)).stdout.split('\r\n');
    assert.equal(csv.length, 3);

    const unknown = await cli(root, ['timeline', runId, '--type', 'comments'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'error: --type must be one of roles, status, notes, taskStates, assignments, participants, commands, retrospective, not "comments"');
    // One table: the run editor's filter is the CLI's.
    assert.equal(RUN_EDITOR_CATEGORIES, TIMELINE_CATEGORIES);
  });
});
