import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepositoryIndex } from '../../../src/core/index/repositoryIndex';
import { initRepository } from '../../../src/core/playbooks/initRepository';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { runShard } from '../../../src/core/repository/runFolders';
import { moveOnDisk, planRunMigration } from '../../../src/core/repository/runMigration';
import type { OperationContext } from '../../../src/core/runs/operationContext';
import { addNote } from '../../../src/core/runs/runOperations';
import { startRun } from '../../../src/core/runs/startRun';
import { classifyPath } from '../../../src/core/validation/documentProblems';
import { validateRepository } from '../../../src/core/validation/validateRepository';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { tempDir, writeFile } from '../../helpers/tempRepo';

const at = (iso: string): OperationContext => ({ actor: 'alice', now: () => new Date(iso) });

function setup(): { root: string; repo: PlaybooksRepository; runs: string } {
  const root = tempDir('gp-layout-');
  const repo = PlaybooksRepository.at(root);
  initRepository(repo);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  return { root, repo, runs: path.join(root, 'playbooks', 'runs') };
}

/** A run of the layout before sharding: started, then put back flat in runs/<run>/. */
function flatRun(repo: PlaybooksRepository, runs: string, iso: string, name: string): string {
  const { runId } = startRun(repo, at(iso), { playbook: 'db-incident', name });
  fs.renameSync(repo.layout.shardedRunDir(runId), path.join(runs, runId));
  return runId;
}

describe('run folders sharded by month', () => {
  it('starts a run in the folder of its start month, named from its id', () => {
    const { repo, runs } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Primary DB down' });
    assert.equal(runId, '2026-11-24-primary-db-down');
    assert.ok(fs.existsSync(path.join(runs, '2026', '11', runId, 'run.yaml')));
    assert.deepEqual(fs.readdirSync(path.join(runs, '2026', '11')), [runId], 'no staging folder left behind');
    assert.deepEqual(repo.listRunIds(), [runId]);
    assert.equal(repo.requireRun(runId).name, 'Primary DB down');
  });

  it('knows the month of dated ids only; an id without a date lives flat', () => {
    assert.equal(runShard('2026-01-31-db-down'), '2026/01');
    assert.equal(runShard('2026-13-01-db-down'), undefined, 'no month 13');
    assert.equal(runShard('2026-11-24'), undefined, 'a date with no name after it');
    assert.equal(runShard('imported-outage'), undefined);
    const { repo, runs } = setup();
    assert.equal(repo.layout.runDir('imported-outage'), path.join(runs, 'imported-outage'));
  });

  it('reads and writes a flat run of an older repository where it is, and lists it with the sharded ones', () => {
    const { repo, runs } = setup();
    const legacy = flatRun(repo, runs, '2025-03-02T10:00:00Z', 'Old outage');
    const { runId: current } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'New outage' });
    // A fresh repository object, as the CLI has: nothing listed yet, the flat run is found on disk.
    const fresh = PlaybooksRepository.at(repo.layout.root);
    addNote(fresh, at('2025-03-02T11:00:00Z'), legacy, { summary: 'Noted in the flat folder' });
    assert.match(fs.readFileSync(path.join(runs, legacy, 'timeline.yaml'), 'utf8'), /Noted in the flat folder/);
    assert.equal(fs.existsSync(path.join(runs, '2025', '03', legacy)), false, 'not copied into a month folder');
    assert.deepEqual(fresh.listRunIds(), [legacy, current]);

    const index = new RepositoryIndex(fresh);
    assert.deepEqual(index.refresh().runs.map((run) => [run.id, run.name]), [[legacy, 'Old outage'], [current, 'New outage']]);
    // A watcher event on either layout's run file is one run re-read.
    const legacyFile = path.join(runs, legacy, 'run.yaml');
    fs.writeFileSync(legacyFile, fs.readFileSync(legacyFile, 'utf8').replace('name: Old outage', 'name: Old outage, renamed'));
    const currentFile = path.join(runs, '2026', '11', current, 'run.yaml');
    fs.writeFileSync(currentFile, fs.readFileSync(currentFile, 'utf8').replace('name: New outage', 'name: New outage, renamed'));
    assert.deepEqual(index.refresh([legacyFile, currentFile]).runs.map((run) => run.name), ['Old outage, renamed', 'New outage, renamed']);
    assert.equal(index.lastParsed, 2);
    assert.deepEqual(classifyPath(fresh, currentFile), { kind: 'run', runId: current });
    assert.deepEqual(classifyPath(fresh, path.join(runs, legacy, 'timeline.yaml')), { kind: 'timeline', runId: legacy });
    assert.deepEqual(validateRepository(fresh).filter((problem) => problem.severity === 'error'), []);
  });

  it('follows a run moved from flat to its month folder (a migration pulled from a teammate)', () => {
    const { repo, runs } = setup();
    const legacy = flatRun(repo, runs, '2025-03-02T10:00:00Z', 'Old outage');
    const index = new RepositoryIndex(repo);
    assert.equal(index.refresh().runs.length, 1);
    const from = path.join(runs, legacy);
    moveOnDisk(planRunMigration(repo).moves);
    const to = path.join(runs, '2025', '03', legacy);
    assert.deepEqual(index.refresh([from, to]).runs.map((run) => run.id), [legacy]);
  });

  it('does not read a folder in the wrong month or a flat copy of a sharded run, and validate says where each belongs', () => {
    const { repo, runs } = setup();
    const { runId } = startRun(repo, at('2026-11-24T10:00:00Z'), { playbook: 'db-incident', name: 'Outage' });
    fs.cpSync(path.join(runs, '2026', '11', runId), path.join(runs, runId), { recursive: true });
    fs.cpSync(path.join(runs, '2026', '11', runId), path.join(runs, '2026', '10', '2026-11-03-elsewhere'), { recursive: true });
    assert.deepEqual(repo.listRunIds(), [runId]);
    const warnings = validateRepository(repo).filter((problem) => problem.severity === 'warning').map((problem) => `${problem.file}: ${problem.message}`);
    assert.deepEqual(warnings, [
      `playbooks/runs/${runId}: run "${runId}" is also in playbooks/runs/2026/11/${runId}, which is the one read; this flat copy is not read: remove it once nothing in it is needed`,
      'playbooks/runs/2026/10/2026-11-03-elsewhere: this run folder is not read here: run "2026-11-03-elsewhere" belongs in playbooks/runs/2026/11/2026-11-03-elsewhere ("git-playbooks migrate" moves it)',
    ]);
  });

  it('plans the migration: dated flat runs to their month, undated ones stay, a taken place blocks; a second plan is empty', () => {
    const { repo, runs } = setup();
    const march = flatRun(repo, runs, '2025-03-02T10:00:00Z', 'Old outage');
    const december = flatRun(repo, runs, '2024-12-31T23:00:00Z', 'Year end');
    fs.cpSync(path.join(runs, march), path.join(runs, 'imported-outage'), { recursive: true });
    fs.cpSync(path.join(runs, march), path.join(runs, '2025', '03', '2025-03-09-misfiled'), { recursive: true });
    fs.cpSync(path.join(runs, march), path.join(runs, '2025', '04', '2025-03-09-misfiled'), { recursive: true });
    writeFile(repo.layout.root, 'playbooks/runs/notes.txt', 'not a run\n');

    const plan = planRunMigration(repo);
    const shown = (file: string): string => repo.layout.relative(file);
    assert.deepEqual(plan.moves.map((move) => `${shown(move.from)} -> ${shown(move.to)}`), [
      `playbooks/runs/${december} -> playbooks/runs/2024/12/${december}`,
      `playbooks/runs/${march} -> playbooks/runs/2025/03/${march}`,
    ]);
    assert.deepEqual(plan.undated, ['imported-outage']);
    assert.deepEqual(plan.blocked.map((left) => `${shown(left.dir)}: ${left.reason}`), ['playbooks/runs/2025/04/2025-03-09-misfiled: playbooks/runs/2025/03/2025-03-09-misfiled already exists']);

    moveOnDisk(plan.moves);
    assert.deepEqual(planRunMigration(repo).moves, []);
    assert.deepEqual(repo.listRunIds(), [december, march, '2025-03-09-misfiled', 'imported-outage']);
    assert.equal(fs.readFileSync(path.join(runs, 'notes.txt'), 'utf8'), 'not a run\n', 'other files stay');
  });
});
