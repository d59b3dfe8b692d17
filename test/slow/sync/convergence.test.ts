// Three responders on three clones of one bare remote change the same run in random order, syncing
// now and then. After a last round of syncs every clone must hold the same playbooks folder, with
// every event exactly once, no conflict markers, a clean `validate`, and the owner and task states
// of the last writer by event time. The clock is global and moves forward one minute per action,
// so "later in the sequence" is "later by event time". Responders also start runs of one name: the
// same day, so the same id on two clones; every run started anywhere must end up once, as its own run.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { cli, type CliResult } from '../../helpers/cli';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { ensureMergeDrivers } from '../../../src/git/mergeDrivers';
import { git, tempDir } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

const PEOPLE = ['alice', 'bob', 'carol', 'dave'] as const;
const ITEMS = ['page-the-dba-on-call', 'fail-over-to-the-replica', 'write-the-customer-note'] as const;
const STATES = ['open', 'in_progress', 'closed', 'skipped'] as const;
const CLONES = 3;
/** The name of the runs the responders start: all of them the same day, so the same id at first. */
const STARTED_NAME = 'Replica lag';

type Action =
  | { kind: 'note'; summary: string }
  | { kind: 'update'; message: string }
  | { kind: 'owner'; who: string }
  | { kind: 'participant'; who: string; add: boolean }
  | { kind: 'taskState'; item: string; state: string }
  | { kind: 'assign'; item: string; who: string }
  | { kind: 'metric'; metric: string; value: string }
  | { kind: 'finish' }
  | { kind: 'restore' }
  | { kind: 'start' }
  | { kind: 'sync' };

interface Step {
  clone: number;
  action: Action;
}

const person = fc.constantFrom(...PEOPLE);
const item = fc.constantFrom(...ITEMS);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('note' as const), summary: fc.constantFrom('Paged the DBA', 'Replica is healthy', 'Error rate falling') }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('update' as const), message: fc.constantFrom('Impact: checkout slow', 'Mitigated; watching') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('owner' as const), who: person }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('participant' as const), who: person, add: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('taskState' as const), item, state: fc.constantFrom(...STATES) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('assign' as const), item, who: fc.constantFrom(...PEOPLE, '') }), weight: 2 },
  { arbitrary: fc.constantFrom<Action>({ kind: 'metric', metric: 'time-to-mitigate', value: '45m' }, { kind: 'metric', metric: 'time-to-mitigate', value: '2h' }, { kind: 'metric', metric: 'tickets', value: '12' }, { kind: 'metric', metric: 'tickets', value: '7' }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'finish' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'restore' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'start' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'sync' as const }), weight: 3 },
);
const stepsArb = fc.array(fc.record({ clone: fc.integer({ min: 0, max: CLONES - 1 }), action: actionArb }), { minLength: 6, maxLength: 16 });

/** The CLI arguments of an action on `runId`. */
function argsOf(action: Action, runId: string): string[] {
  switch (action.kind) {
    case 'note': return ['run', 'note', runId, '--summary', action.summary];
    case 'update': return ['run', 'update', runId, '--message', action.message];
    case 'owner': return ['run', 'owner', runId, action.who];
    case 'participant': return ['run', 'participants', runId, action.add ? '--add' : '--remove', action.who];
    case 'taskState': return ['run', 'task', runId, action.item, '--state', action.state];
    case 'assign': return ['run', 'task', runId, action.item, '--assign', action.who];
    case 'metric': return ['retro', 'metric', runId, action.metric, action.value];
    case 'finish': return ['run', 'finish', runId];
    case 'restore': return ['run', 'restore', runId];
    case 'start': return ['run', 'start', 'db-incident', '--name', STARTED_NAME];
    case 'sync': return ['sync'];
  }
}

interface TimelineEventJson {
  id: string;
  type: string;
}

interface Team {
  clones: string[];
  runId: string;
  env: (clone: number) => Record<string, string>;
  tick: () => void;
}

/** A bare remote, a first clone that starts the run and syncs it, and two more clones of it. */
async function team(): Promise<Team> {
  const base = tempDir('gp-team-');
  const remote = path.join(base, 'remote.git');
  git(base, ['init', '-q', '--bare', '-b', 'main', remote]);
  const homes = Array.from({ length: CLONES }, (_, index) => homeWithIdentity(PEOPLE[index], `${PEOPLE[index]}@example.com`));
  let minute = 0;
  const env = (clone: number): Record<string, string> => ({
    HOME: homes[clone] as string,
    GIT_CONFIG_GLOBAL: path.join(homes[clone] as string, '.gitconfig'),
    GIT_PLAYBOOKS_NOW: new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString(),
  });
  const first = path.join(base, 'clone-0');
  git(base, ['clone', '-q', remote, first], env(0));
  await ok(first, ['init'], env(0));
  fs.writeFileSync(path.join(first, 'playbooks', 'db-incident.yaml'), SAMPLE_PLAYBOOK);
  git(first, ['add', '-A'], env(0));
  git(first, ['commit', '-qm', 'Playbooks'], env(0));
  git(first, ['push', '-q', '-u', 'origin', 'main'], env(0));
  const runId = (await ok(first, ['run', 'start', 'db-incident', '--name', 'Primary down', '--as', 'alice'], env(0))).last;
  await ok(first, ['sync'], env(0));
  const clones = [first];
  for (let index = 1; index < CLONES; index++) {
    const clone = path.join(base, `clone-${index}`);
    git(base, ['clone', '-q', remote, clone], env(index));
    clones.push(clone);
  }
  // The CLI here runs in-process; a person's first git-playbooks command registers the built one.
  for (const clone of clones) await ensureMergeDrivers(clone, driverProgram);
  return { clones, runId, env, tick: () => void minute++ };
}

async function ok(cwd: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const result = await cli(cwd, args, env);
  if (result.code !== 0) throw new Error(`git-playbooks ${args.join(' ')} in ${path.basename(cwd)} exited ${result.code}: ${result.stderr}`);
  return result;
}

async function eventsOf(clone: string, runId: string): Promise<TimelineEventJson[]> {
  return JSON.parse((await ok(clone, ['timeline', runId, '--format', 'json'], {})).stdout) as TimelineEventJson[];
}

interface RunJson {
  owner: string;
  checklists: { items: { id: string; state: string }[] }[];
}

async function runOf(clone: string, runId: string): Promise<RunJson> {
  return JSON.parse((await ok(clone, ['run', 'show', runId, '--format', 'json'], {})).stdout) as RunJson;
}

/** Every file under the playbooks folder, by relative path, with its bytes. */
function snapshotOf(clone: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(clone, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(clone, 'playbooks'));
  return files;
}

/** CONVERGENCE_SEED and CONVERGENCE_PATH (as fast-check prints them) replay one failure. */
function replayOfFailure(): { seed?: number; path?: string } {
  const seed = process.env['CONVERGENCE_SEED'];
  const replayPath = process.env['CONVERGENCE_PATH'];
  return { ...(seed === undefined ? {} : { seed: Number(seed) }), ...(replayPath === undefined ? {} : { path: replayPath }) };
}

const driverProgram = { node: process.execPath, script: path.join(installedCliDir(), 'git-playbooks'), args: ['merge-driver'] };

describe('team runs over git: three clones converge (property, real git)', function () {
  this.timeout(600_000);

  it('after random actions and syncs on three clones, every clone holds the same run, every event once, last writer winning', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps: Step[]) => {
        const { clones, runId, env, tick } = await team();
        const created = new Set<string>();
        /** The start event of every run started, and who started it. */
        const starts = new Map<string, string>();
        let lastOwner: string | undefined;
        const lastState = new Map<string, string>();
        for (const { clone, action } of steps) {
          tick();
          const cwd = clones[clone] as string;
          const before = new Set((await eventsOf(cwd, runId)).map((event) => event.id));
          const result = await cli(cwd, [...argsOf(action, runId), ...(action.kind === 'sync' ? [] : ['--as', PEOPLE[clone] as string])], env(clone));
          assert.ok(result.code === 0 || result.code === 1, `${action.kind} on clone ${clone} exited ${result.code}: ${result.stderr}`);
          if (action.kind === 'sync') {
            assert.equal(result.code, 0, `sync on clone ${clone}: ${result.stderr}`);
            continue;
          }
          if (result.code !== 0) continue;
          if (action.kind === 'start') {
            const started = (await eventsOf(cwd, result.last)).filter((event) => event.type === 'run_started');
            assert.equal(started.length, 1, `the new run ${result.last} has one start`);
            starts.set(started[0]?.id ?? '', PEOPLE[clone] as string);
            continue;
          }
          const added = (await eventsOf(cwd, runId)).filter((event) => !before.has(event.id));
          for (const event of added) {
            assert.ok(!created.has(event.id), `event ${event.id} created twice`);
            created.add(event.id);
          }
          if (action.kind === 'owner' && added.some((event) => event.type === 'owner_changed')) lastOwner = action.who;
          if (action.kind === 'taskState' && added.some((event) => event.type === 'task_state_changed')) lastState.set(action.item, action.state);
        }
        // A last round: each clone in turn, then the first two again, so every clone has everything.
        for (const clone of [0, 1, 2, 0, 1]) {
          tick();
          await ok(clones[clone] as string, ['sync'], env(clone));
        }
        const reference = snapshotOf(clones[0] as string);
        for (const clone of clones) {
          assert.deepEqual(snapshotOf(clone), reference, `${path.basename(clone)} differs from clone-0`);
          assert.equal(git(clone, ['status', '--porcelain']), '', `${path.basename(clone)} is clean`);
          await ok(clone, ['validate'], {});
        }
        for (const [file, text] of reference) assert.doesNotMatch(text, /^(<{7}|={7}|>{7})( |$)/m, `conflict markers in ${file}`);
        const ids = (await eventsOf(clones[0] as string, runId)).map((event) => event.id);
        assert.equal(new Set(ids).size, ids.length, 'no event twice');
        for (const id of created) assert.ok(ids.includes(id), `event ${id} made it everywhere`);
        // Every run started anywhere is there once, in a folder of its own, owned by who started it.
        const startedRuns = [...reference.keys()].flatMap((file) => /\/([^/]*replica-lag[^/]*)\/run\.yaml$/.exec(file)?.[1] ?? []);
        assert.equal(startedRuns.length, starts.size, `runs started: ${starts.size}, run folders: ${startedRuns.join(', ')}`);
        for (const started of startedRuns) {
          const startEvents = (await eventsOf(clones[0] as string, started)).filter((event) => event.type === 'run_started');
          assert.equal(startEvents.length, 1, `${started} has one start`);
          const starter = starts.get(startEvents[0]?.id ?? '');
          assert.ok(starter !== undefined, `${started} is a run started in the sequence`);
          assert.equal((await runOf(clones[0] as string, started)).owner, starter, `${started} is owned by who started it`);
        }
        const run = await runOf(clones[0] as string, runId);
        if (lastOwner !== undefined) assert.equal(run.owner, lastOwner, 'the owner of the last owner change');
        for (const [itemId, state] of lastState) {
          const found = run.checklists.flatMap((list) => list.items).find((each) => each.id === itemId);
          assert.equal(found?.state, state, `${itemId}: the state of the last change`);
        }
      }),
      { numRuns: Number(process.env['CONVERGENCE_RUNS'] ?? 50), endOnFailure: true, ...replayOfFailure() },
    );
  });
});
