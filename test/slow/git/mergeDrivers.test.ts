import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { git, readFile, tempDir, writeFile } from '../../helpers/tempRepo';
import { ensureMergeDrivers } from '../../../src/git/mergeDrivers';
import { runPath } from '../../helpers/runPaths';

/**
 * Two clones of one bare remote change the same run at once and merge with plain git: the merge
 * drivers (registered by running any git-playbooks command in the clone) merge run.yaml field by
 * field and leave only real prose conflicts, as git's own markers.
 */
interface Clones {
  remote: string;
  alice: string;
  bob: string;
  runId: string;
}

const home = homeWithIdentity();
const env = { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig') };

/** The installed CLI as a separate process, the way a person (and git, for the driver) runs it. */
function installed(cwd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const pathVar = `${installedCliDir()}${path.delimiter}${process.env['PATH'] ?? ''}`;
  try {
    const stdout = execFileSync('git-playbooks', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, PATH: pathVar, GIT_CONFIG_NOSYSTEM: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const at = (iso: string, who: string): Record<string, string> => ({ ...env, GIT_PLAYBOOKS_NOW: iso, GIT_AUTHOR_NAME: who });

/** Registers the drivers in a clone: by default by running a command of the installed CLI there. */
type Register = (clone: string) => Promise<void>;
const byAnyCommand: Register = async (clone) => assert.equal(installed(clone, ['validate']).code, 0);

async function twoClones(register: Register = byAnyCommand): Promise<Clones> {
  const dir = tempDir('gp-merge-');
  const remote = path.join(dir, 'remote.git');
  git(dir, ['init', '-q', '--bare', '-b', 'main', remote], env);
  const alice = path.join(dir, 'alice');
  git(dir, ['clone', '-q', remote, alice], env);
  await cliOk(alice, ['init'], env);
  writeFile(alice, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(alice, ['run', 'start', 'db-incident', '--name', 'DB down', '--owner', 'alice', '--as', 'alice'], at('2026-11-24T10:00:00Z', 'alice'))).last;
  git(alice, ['add', '-A'], env);
  git(alice, ['commit', '-q', '-m', 'start the run'], env);
  git(alice, ['push', '-q', 'origin', 'main'], env);
  const bob = path.join(dir, 'bob');
  git(dir, ['clone', '-q', remote, bob], env);
  // Any command registers the drivers in a clone (its .git/config came without them).
  for (const clone of [alice, bob]) await register(clone);
  return { remote, alice, bob, runId };
}

function commitAll(root: string, message: string): void {
  git(root, ['commit', '-q', '-am', message], env);
}

type RunData = { owner: string; participants: string[]; checklists: Array<{ items: Array<{ id: string; state: string; assignee?: string }> }> };
const runData = (text: string): RunData => load(text) as RunData;

/** alice makes bob owner and closes task 1.2; bob, two minutes later, makes carol owner and skips it. */
async function concurrentChanges({ alice, bob, runId }: Clones): Promise<void> {
  await cliOk(alice, ['run', 'owner', runId, 'bob', '--as', 'alice'], at('2026-11-24T10:05:00Z', 'alice'));
  await cliOk(alice, ['run', 'task', runId, '1.2', '--state', 'closed', '--as', 'alice'], at('2026-11-24T10:09:00Z', 'alice'));
  commitAll(alice, 'alice: bob owns it, failover done');
  await cliOk(bob, ['run', 'owner', runId, 'carol', '--as', 'bob'], at('2026-11-24T10:07:00Z', 'bob'));
  await cliOk(bob, ['run', 'task', runId, '1.2', '--state', 'skipped', '--as', 'bob'], at('2026-11-24T10:08:00Z', 'bob'));
  commitAll(bob, 'bob: carol owns it, failover skipped');
}

function eventIds(text: string): string[] {
  return [...text.matchAll(/\{id: "([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('merging runs changed in two clones', function () {
  this.timeout(120_000);

  it('registers the drivers in a fresh clone when any command runs there, and again when their program is gone', async () => {
    const { bob } = await twoClones();
    const drivers = git(bob, ['config', '--local', '--get-regexp', '^merge\\.git-playbooks-'], env);
    assert.match(drivers, /^merge\.git-playbooks-run\.driver '.+' '.+bin\/git-playbooks\.js' 'merge-driver' 'run' %O %A %B %P --marker-size %L$/m);
    assert.match(drivers, /^merge\.git-playbooks-retrospective\.driver .+ 'retrospective' %O %A %B %P --marker-size %L$/m);
    git(bob, ['config', '--local', 'merge.git-playbooks-run.driver', "'/usr/bin/node' '/nowhere/git-playbooks.js' merge-driver run %O %A %B %P"], env);
    const custom = "my-own-merge %O %A %B";
    git(bob, ['config', '--local', 'merge.git-playbooks-retrospective.driver', custom], env);
    assert.equal(installed(bob, ['run', 'list']).code, 0);
    assert.match(git(bob, ['config', '--local', 'merge.git-playbooks-run.driver'], env), /bin\/git-playbooks\.js' 'merge-driver' 'run'/);
    assert.equal(git(bob, ['config', '--local', 'merge.git-playbooks-retrospective.driver'], env).trim(), custom, 'a driver set by hand stays');
  });

  it('git pull merges run.yaml with no conflict: the later owner change and the later task change win, every event kept once', async () => {
    const clones = await twoClones();
    const { alice, bob, runId } = clones;
    await concurrentChanges(clones);
    git(alice, ['push', '-q', 'origin', 'main'], env);
    const output = git(bob, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env);
    assert.doesNotMatch(output, /CONFLICT/);
    assert.equal(git(bob, ['status', '--porcelain'], env), '');
    const run = runData(readFile(bob, `${runPath(runId)}/run.yaml`));
    assert.equal(run.owner, 'carol', 'bob changed the owner at 10:07, after alice at 10:05');
    assert.equal(run.checklists[0]?.items[1]?.state, 'closed', 'alice closed the task at 10:09, after bob skipped it at 10:08');
    assert.deepEqual([...run.participants].sort(), ['alice', 'bob', 'carol']);
    const ids = eventIds(readFile(bob, `${runPath(runId)}/timeline.yaml`));
    assert.equal(ids.length, 5, 'the start and four changes');
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.match(readFile(bob, `${runPath(runId)}/run.yaml`), /^# Run of playbook/, 'the comment at the top survives');
    assert.equal((await cli(bob, ['validate'], env)).code, 0);
  });

  it('a task set and set back on one side still wins over an earlier change on the other: git hands the merge to the driver', async () => {
    const { alice, bob, runId } = await twoClones();
    await cliOk(alice, ['run', 'task', runId, '1.2', '--state', 'skipped', '--as', 'alice'], at('2026-11-24T10:02:00Z', 'alice'));
    commitAll(alice, 'alice: failover skipped');
    // Bob starts the task and reopens it later: his run.yaml holds the base's state again.
    await cliOk(bob, ['run', 'task', runId, '1.2', '--state', 'in_progress', '--as', 'bob'], at('2026-11-24T10:04:00Z', 'bob'));
    await cliOk(bob, ['run', 'task', runId, '1.2', '--state', 'open', '--as', 'bob'], at('2026-11-24T10:13:00Z', 'bob'));
    commitAll(bob, 'bob: failover started, then reopened');
    git(bob, ['push', '-q', 'origin', 'main'], env);
    assert.doesNotMatch(git(alice, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env), /CONFLICT/);
    const run = runData(readFile(alice, `${runPath(runId)}/run.yaml`));
    assert.equal(run.checklists[0]?.items[1]?.state, 'open', 'bob reopened it at 10:13, after alice skipped it at 10:02');
    assert.match(readFile(alice, `${runPath(runId)}/run.yaml`), /^updatedAt: 2026-11-24T10:13:00Z$/m, 'the merged stamp is the later one');
    assert.equal((await cli(alice, ['validate'], env)).code, 0);
  });

  it('a metric recorded and set back on one side still wins over an earlier value on the other (retrospective.md has its stamp too)', async () => {
    const { alice, bob, runId } = await twoClones();
    const retro = `${runPath(runId)}/retrospective.md`;
    await cliOk(alice, ['retro', 'metric', runId, 'tickets', '5', '--as', 'alice'], at('2026-11-24T10:01:00Z', 'alice'));
    commitAll(alice, 'alice: 5 tickets');
    git(alice, ['push', '-q', 'origin', 'main'], env);
    git(bob, ['pull', '-q', '--no-rebase', 'origin', 'main'], env);
    await cliOk(alice, ['retro', 'metric', runId, 'tickets', '12', '--as', 'alice'], at('2026-11-24T10:02:00Z', 'alice'));
    commitAll(alice, 'alice: 12 tickets');
    // Bob counts 7, then finds he was wrong: 5 again, the base's value, at 10:13.
    await cliOk(bob, ['retro', 'metric', runId, 'tickets', '7', '--as', 'bob'], at('2026-11-24T10:04:00Z', 'bob'));
    await cliOk(bob, ['retro', 'metric', runId, 'tickets', '5', '--as', 'bob'], at('2026-11-24T10:13:00Z', 'bob'));
    commitAll(bob, 'bob: 7 tickets, then 5 again');
    git(bob, ['push', '-q', 'origin', 'main'], env);
    assert.doesNotMatch(git(alice, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env), /CONFLICT/);
    const text = readFile(alice, retro);
    assert.match(text, /^ {2}tickets: 5$/m, 'bob set 5 at 10:13, after alice set 12 at 10:02');
    assert.match(text, /^updatedAt: 2026-11-24T10:13:00Z$/m, 'the merged stamp is the later one');
    assert.equal((await cli(alice, ['validate'], env)).code, 0);
  });

  it('the extension\'s own driver script (dist/merge-driver.js, as VS Code registers it) merges the same way', async () => {
    installedCliDir(); // builds dist/, the driver script among it
    const script = path.resolve(__dirname, '../../../dist/merge-driver.js');
    const clones = await twoClones(async (clone) => {
      await ensureMergeDrivers(clone, { node: process.execPath, script, env: { ELECTRON_RUN_AS_NODE: '1' } }, env);
    });
    const { alice, bob, runId } = clones;
    assert.match(git(bob, ['config', '--local', 'merge.git-playbooks-run.driver'], env), /^ELECTRON_RUN_AS_NODE='1' '.+' '.+dist\/merge-driver\.js' 'run' %O %A %B %P --marker-size %L$/m);
    await concurrentChanges(clones);
    git(alice, ['push', '-q', 'origin', 'main'], env);
    assert.doesNotMatch(git(bob, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env), /CONFLICT/);
    assert.equal(runData(readFile(bob, `${runPath(runId)}/run.yaml`)).owner, 'carol');
  });

  it('git merge-tree --write-tree runs the drivers too and, given both commits, reaches the same run from either side', async () => {
    const clones = await twoClones();
    const { alice, bob, runId } = clones;
    await concurrentChanges(clones);
    git(alice, ['push', '-q', 'origin', 'main'], env);
    git(bob, ['fetch', '-q', 'origin'], env);
    const ours = git(bob, ['rev-parse', 'HEAD'], env).trim();
    const theirs = git(bob, ['rev-parse', 'origin/main'], env).trim();
    const mergedRun = (first: string, second: string): RunData => {
      const tree = git(bob, ['merge-tree', '--write-tree', first, second], { ...env, GIT_PLAYBOOKS_OURS: first, GIT_PLAYBOOKS_THEIRS: second }).trim();
      return runData(git(bob, ['show', `${tree}:${runPath(runId)}/run.yaml`], env));
    };
    const one = mergedRun(ours, theirs);
    assert.equal(one.owner, 'carol');
    assert.equal(one.checklists[0]?.items[1]?.state, 'closed');
    assert.deepEqual(mergedRun(theirs, ours), one);
    assert.equal(git(bob, ['status', '--porcelain'], env), '', 'merge-tree touched no file');
  });

  it('leaves a real prose conflict in the retrospective as git\'s markers, merges its metrics, and validate says where', async () => {
    const { alice, bob, runId } = await twoClones();
    const retro = `${runPath(runId)}/retrospective.md`;
    const summary = (root: string, text: string): void => {
      writeFile(root, retro, readFile(root, retro).replace('## Summary\n', `## Summary\n${text}\n`));
    };
    await cliOk(alice, ['retro', 'metric', runId, 'tickets', '4', '--as', 'alice'], at('2026-11-25T09:00:00Z', 'alice'));
    summary(alice, 'The primary failed.');
    commitAll(alice, 'alice: retro');
    git(alice, ['push', '-q', 'origin', 'main'], env);
    await cliOk(bob, ['retro', 'metric', runId, 'tickets', '7', '--as', 'bob'], at('2026-11-25T09:30:00Z', 'bob'));
    summary(bob, 'The replica lagged.');
    commitAll(bob, 'bob: retro');
    let output = '';
    git(bob, ['fetch', '-q', 'origin'], env);
    try {
      git(bob, ['merge', '--no-edit', 'origin/main'], env);
    } catch (error) {
      output = String((error as { stdout: string }).stdout);
    }
    assert.match(output, new RegExp(`CONFLICT \\(content\\): Merge conflict in ${retro.replace(/\./g, '\\.')}`));
    assert.deepEqual(git(bob, ['diff', '--name-only', '--diff-filter=U'], env).trim().split('\n'), [retro], 'only the prose conflicts');
    const text = readFile(bob, retro);
    assert.match(text, /^ {2}tickets: 7$/m, 'the later recording wins');
    assert.match(text, /\n## Summary\n<<<<<<< HEAD\nThe replica lagged\.\n=======\nThe primary failed\.\n>>>>>>> origin\/main\n/);
    const line = text.split('\n').indexOf('<<<<<<< HEAD') + 1;
    const validate = await cli(bob, ['validate'], env);
    assert.equal(validate.code, 1);
    assert.match(validate.stdout, new RegExp(`^${retro.replace(/\./g, '\\.')}:${line}:1: unresolved merge conflict marker: git left a conflict at lines ${line}-${line + 4} \\(<<<<<<< ${line}, ======= ${line + 2}, >>>>>>> ${line + 4}\\)`, 'm'));
  });

  it('merges timelines by union: every event once; a line both sides got in different places counts once and the next change removes the copy', async () => {
    const { alice, bob, runId } = await twoClones();
    const timeline = `${runPath(runId)}/timeline.yaml`;
    const shared = '  - {id: "emwshared1-abcdef", at: "2026-11-24T10:03:00Z", type: note, actor: "carol", summary: "Pasted into both"}\n';
    await cliOk(alice, ['run', 'note', runId, '--summary', 'Replica lag 40s', '--as', 'alice'], at('2026-11-24T10:02:00Z', 'alice'));
    fs.appendFileSync(path.join(alice, timeline), shared);
    await cliOk(alice, ['run', 'update', runId, '--message', 'Investigating', '--as', 'alice'], at('2026-11-24T10:04:00Z', 'alice'));
    commitAll(alice, 'alice: events');
    git(alice, ['push', '-q', 'origin', 'main'], env);
    await cliOk(bob, ['run', 'note', runId, '--summary', 'Customer reports', '--as', 'bob'], at('2026-11-24T10:02:30Z', 'bob'));
    fs.appendFileSync(path.join(bob, timeline), shared);
    commitAll(bob, 'bob: events');
    assert.doesNotMatch(git(bob, ['pull', '--no-rebase', '--no-edit', 'origin', 'main'], env), /CONFLICT/);
    const shown = JSON.parse((await cliOk(bob, ['timeline', runId, '--format', 'json'], env)).stdout) as Array<{ id: string }>;
    assert.equal(shown.length, 5, 'the start, three events and the pasted one');
    assert.equal(new Set(shown.map((event) => event.id)).size, 5);
    const validate = await cli(bob, ['validate'], env);
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stdout, /warning: event "emwshared1-abcdef" is here twice, word for word/);
    await cliOk(bob, ['run', 'note', runId, '--summary', 'Merged', '--as', 'bob'], at('2026-11-24T10:10:00Z', 'bob'));
    const ids = eventIds(readFile(bob, timeline));
    assert.equal(ids.length, 6, ids.join(', '));
    assert.equal(new Set(ids).size, 6, ids.join(', '));
    assert.equal((await cli(bob, ['validate'], env)).stdout, '');
  });

  it('merges a run.yaml that is not valid YAML on one side line by line, with git\'s markers, and exits 1', async () => {
    const dir = tempDir('gp-driver-');
    git(dir, ['init', '-q'], env);
    writeFile(dir, '.merge_file_base', 'owner: alice\nstatus: in_progress\n');
    writeFile(dir, '.merge_file_ours', 'owner: bob\nstatus: [\n');
    writeFile(dir, '.merge_file_theirs', 'owner: carol\nstatus: in_progress\n');
    const result = await cli(dir, ['merge-driver', 'run', '.merge_file_base', '.merge_file_ours', '.merge_file_theirs', 'playbooks/runs/r/run.yaml'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^git-playbooks: playbooks\/runs\/r\/run\.yaml: a version of it is not valid YAML, so it was merged line by line; resolve the conflict markers/);
    assert.equal(readFile(dir, '.merge_file_ours'), '<<<<<<< ours\nowner: bob\nstatus: [\n=======\nowner: carol\nstatus: in_progress\n>>>>>>> theirs\n');
  });
});
