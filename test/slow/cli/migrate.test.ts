import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliOk } from '../../helpers/cli';
import { at, repoWithRun } from '../../helpers/cliRepo';
import { git, tempDir, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

/** Puts a run back where git-playbooks kept runs before sharding (runs/<run>/), in a commit of its own. */
function makeFlat(root: string, runId: string): void {
  const month = `${runId.slice(0, 4)}/${runId.slice(5, 7)}`;
  git(root, ['mv', `playbooks/runs/${month}/${runId}`, `playbooks/runs/${runId}`]);
  git(root, ['commit', '-q', '-m', `legacy layout: ${runId}`]);
}

describe('git-playbooks migrate', () => {
  it('moves a flat run into its month folder with git mv: history follows, the staged work of the person stays staged', async () => {
    const { root, runId, env } = await repoWithRun('2026-10-03T10:00:00Z');
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'start the run']);
    makeFlat(root, runId);
    // The flat run is still read and written where it is.
    await cliOk(root, ['run', 'note', runId, '--summary', 'Written to the flat folder', '--as', 'alice'], at(env, '2026-10-03T11:00:00Z'));
    assert.match(fs.readFileSync(path.join(root, 'playbooks/runs', runId, 'timeline.yaml'), 'utf8'), /Written to the flat folder/);
    git(root, ['commit', '-q', '-am', 'a note on the flat run']);
    writeFile(root, 'notes.txt', 'my own work\n');
    git(root, ['add', 'notes.txt']);

    const result = await cliOk(root, ['migrate'], env);

    assert.equal(result.stdout, `playbooks/runs/${runId} -> playbooks/runs/2026/10/${runId}`);
    assert.match(result.stderr, /Moved 1 run in commit [0-9a-f]{7}\./);
    assert.equal(fs.existsSync(path.join(root, 'playbooks/runs', runId)), false);
    const moved = `playbooks/runs/2026/10/${runId}/timeline.yaml`;
    const history = git(root, ['log', '--follow', '--format=%s', '--', moved]).trim().split('\n');
    assert.deepEqual(history, ['Move 1 run into month folders (playbooks/runs/YYYY/MM/)', 'a note on the flat run', `legacy layout: ${runId}`, 'start the run']);
    // The commit holds the renames only; the person's file is staged, not committed.
    assert.deepEqual(git(root, ['show', '--name-status', '--format=', 'HEAD']).trim().split('\n').map((line) => line.split('\t')[0]), ['R100', 'R100', 'R100']);
    assert.equal(git(root, ['status', '--porcelain']), 'A  notes.txt\n');
    // The run reads as before, from its new place.
    assert.match((await cliOk(root, ['run', 'list'], env)).stdout, new RegExp(`${runId}\\s+in_progress`));
    assert.equal((await cliOk(root, ['validate'], env)).stderr, 'No problems.');

    const again = await cliOk(root, ['migrate'], env);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /Nothing to move/);
    assert.equal(git(root, ['log', '-1', '--format=%s']).trim(), 'Move 1 run into month folders (playbooks/runs/YYYY/MM/)');
  });

  it('refuses, moving nothing, while a run folder to move has uncommitted changes', async () => {
    const { root, runId, env } = await repoWithRun('2026-10-03T10:00:00Z');
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'start the run']);
    makeFlat(root, runId);
    await cliOk(root, ['run', 'note', runId, '--summary', 'Not committed yet', '--as', 'alice'], at(env, '2026-10-03T11:00:00Z'));

    const refused = await cli(root, ['migrate'], env);

    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`nothing was moved: run folders with uncommitted changes: playbooks/runs/${runId}\\. Commit`));
    assert.match(fs.readFileSync(path.join(root, 'playbooks/runs', runId, 'timeline.yaml'), 'utf8'), /Not committed yet/);
    assert.equal(git(root, ['status', '--porcelain']), ` M playbooks/runs/${runId}/timeline.yaml\n`);
  });

  it('leaves the moves staged with --no-commit, keeps undated runs flat and says why', async () => {
    const { root, runId, env } = await repoWithRun('2026-10-03T10:00:00Z');
    const undated = 'imported-outage';
    fs.cpSync(path.join(root, 'playbooks/runs/2026/10', runId), path.join(root, 'playbooks/runs', undated), { recursive: true });
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'start the run']);
    makeFlat(root, runId);

    const result = await cliOk(root, ['migrate', '--no-commit'], env);

    assert.match(result.stderr, /kept 1 run flat: no date at the start of the name \(imported-outage\)/);
    assert.match(result.stderr, /the moves are staged, not committed/);
    assert.equal(git(root, ['log', '-1', '--format=%s']).trim(), `legacy layout: ${runId}`);
    assert.deepEqual(git(root, ['status', '--porcelain']).trim().split('\n').map((line) => line.slice(0, 2)), ['R ', 'R ', 'R ']);
    assert.equal(fs.existsSync(path.join(root, 'playbooks/runs', undated, 'run.yaml')), true);
  });

  it('renames on disk in a folder that is not a git repository', async () => {
    const root = tempDir('gp-plain-');
    const env = { GIT_PLAYBOOKS_NOW: '2026-10-03T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Outside git', '--as', 'alice'], env)).last;
    fs.renameSync(path.join(root, 'playbooks/runs/2026/10', runId), path.join(root, 'playbooks/runs', runId));

    const result = await cliOk(root, ['migrate'], env);

    assert.match(result.stderr, /plain renames/);
    assert.equal(fs.existsSync(path.join(root, 'playbooks/runs/2026/10', runId, 'run.yaml')), true);
  });
});
