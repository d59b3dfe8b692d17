import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../../src/cli/main';
import { cli, cliOk, type CliResult } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runFoldersIn } from '../../helpers/runPaths';

const MATTERMOST = path.resolve(__dirname, '../../fixtures/mattermost/customer-outage.json');
const MISSING_RUN = 'no-such-run';
const MISSING_PLAYBOOK = 'no-such-playbook';

interface LeafCommand {
  words: string[];
  argumentNames: string[];
  requiredOptions: string[];
}

/** Every command a person can type, read from the CLI's own program so that a new one is covered. */
function leafCommands(): LeafCommand[] {
  const program = buildProgram({ cwd: '.', env: {}, out: () => undefined, err: () => undefined }, () => undefined);
  const walk = (command: Command, words: string[]): LeafCommand[] =>
    command.commands.length > 0
      ? command.commands.flatMap((child) => walk(child, [...words, child.name()]))
      : [{ words, argumentNames: command.registeredArguments.map((argument) => argument.name()), requiredOptions: command.options.filter((option) => option.mandatory).map((option) => option.long ?? '') }];
  return program.commands.flatMap((command) => walk(command, [command.name()]));
}

/** A valid value for each argument and required option, so that only the case under test is wrong. */
const ARGUMENT_VALUES: Record<string, (runId: string) => string> = {
  run: (runId) => runId,
  playbook: () => 'db-incident',
  slug: () => 'new-playbook',
  file: () => MATTERMOST,
  metric: () => 'tickets',
  value: () => '3',
  item: () => '1.1',
  who: () => 'bob',
  event: () => 'no-such-event',
  id: () => 'a-abc123',
  path: () => '.',
  // merge-driver's, as git passes them (temporary files named by git).
  kind: () => 'run',
  base: () => '.merge_file_base',
  ours: () => '.merge_file_ours',
  theirs: () => '.merge_file_theirs',
};
const OPTION_VALUES: Record<string, string> = { '--name': 'A run', '--message': 'Update', '--summary': 'Note', '--reason': 'Not needed', '--format': 'md', '--title': 'Alert on replica lag' };
/** Options a command needs to do anything, though none of them alone is required. */
const CHANGE_OPTIONS: Record<string, string[]> = {
  'run participants': ['--add', 'carol'],
  'run task': ['--state', 'closed'],
  'run retro': ['--disable'],
  'run status-updates': ['--disable'],
  'action set': ['--status', 'done'],
};

function commandLine(command: LeafCommand, runId: string, replace: Record<string, string>): string[] {
  const args = command.argumentNames.map((name) => {
    const value = replace[name] ?? ARGUMENT_VALUES[name]?.(runId);
    return value ?? assert.fail(`${command.words.join(' ')}: give the test a value for <${name}>`);
  });
  const options = command.requiredOptions.flatMap((option) => [option, OPTION_VALUES[option] ?? assert.fail(`${command.words.join(' ')}: give the test a value for ${option}`)]);
  return [...command.words, ...args, ...options, ...(CHANGE_OPTIONS[command.words.join(' ')] ?? []), '--as', 'bob'];
}

function assertOneClearLine(result: CliResult, args: string[], expected: RegExp): void {
  const shown = `git-playbooks ${args.join(' ')} printed:\n${result.stderr}`;
  assert.notEqual(result.code, 0, shown);
  assert.equal(result.stderr.split('\n').length, 1, shown);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /, shown);
  assert.match(result.stderr, expected, shown);
}

describe('CLI errors are one clear line, never a stack trace', function () {
  this.timeout(60_000);
  let root = '';
  let runId = '';
  let env: Record<string, string> = {};
  const commands = leafCommands();

  before(async () => {
    root = tempGitRepo();
    env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env)).last;
  });

  it('for every command naming a run or a playbook that does not exist', async () => {
    const names = commands.map((command) => command.words.join(' '));
    for (const name of ['run note', 'run finish', 'retro publish', 'export', 'report', 'run start']) assert.ok(names.includes(name), `${name} is not among ${names.join(', ')}`);
    for (const command of commands.filter((candidate) => candidate.argumentNames.includes('run'))) {
      const args = commandLine(command, runId, { run: MISSING_RUN });
      assertOneClearLine(await cli(root, args, env), args, /^error: no run "no-such-run"; list runs with: git-playbooks run list$/);
    }
    for (const command of commands.filter((candidate) => candidate.argumentNames.includes('playbook'))) {
      const args = commandLine(command, runId, { playbook: MISSING_PLAYBOOK });
      assertOneClearLine(await cli(root, args, env), args, /^error: no playbook "no-such-playbook"; playbooks: db-incident$/);
    }
    assert.deepEqual([...runFoldersIn(path.join(root, 'playbooks/runs')).keys()], [runId]);
  });

  it('for every command given an option it does not have', async () => {
    for (const command of commands) {
      const args = [...commandLine(command, runId, {}), '--no-such-option'];
      const result = await cli(root, args, env);
      assertOneClearLine(result, args, /^error: unknown option '--no-such-option' \(see git-playbooks .*--help\)$/);
      assert.equal(result.code, 2);
    }
  });

  it('for every command naming a run or a playbook with a line break or a control character in it', async () => {
    for (const command of commands.filter((candidate) => candidate.argumentNames.some((name) => name === 'run' || name === 'playbook'))) {
      const args = commandLine(command, runId, { run: 'x\ny\u0007', playbook: 'x\ny\u0007' });
      assertOneClearLine(await cli(root, args, env), args, /^error: .*x\\ny\\u0007/);
    }
  });

  it('adds the command line\'s own hint to a core refusal: the flag to give, the command to run', async () => {
    const finished = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Done soon', '--as', 'alice'], env)).last;
    await cliOk(root, ['run', 'finish', finished, '--as', 'alice'], env);
    const update = ['run', 'update', finished, '--message', 'late', '--as', 'bob'];
    assertOneClearLine(await cli(root, update, env), update, new RegExp(`^error: run "${finished}" is finished; restore it first \\(git-playbooks run restore ${finished}\\)$`));
    const task = ['run', 'task', runId, '1.1', '--as', 'bob'];
    assertOneClearLine(await cli(root, task, env), task, /^error: say what to change: the state, the assignee or both \(--state and\/or --assign\)$/);
  });

  it('when export -o names a folder or nothing', async () => {
    for (const output of [root, '', '.']) {
      const args = ['export', runId, '--format', 'md', '-o', output];
      assertOneClearLine(await cli(root, args, env), args, /^error: -o (needs a file name|".*" is a folder; name a file to write the export to)$/);
    }
  });
});
