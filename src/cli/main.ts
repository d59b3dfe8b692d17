import * as fs from 'node:fs';
import { Command, CommanderError } from 'commander';
import { asName, gitEnv, type CliIo, type GlobalOptions } from './cliContext';
import { cliHint } from './refusalHints';
import { OperationRefused } from '../core/model/errors';
import { registerReadCommands } from './commands/readCommands';
import { registerReviewCommand } from './commands/reviewCommand';
import { registerRetroCommands } from './commands/retroCommands';
import { registerRunCommands } from './commands/runCommands';
import { registerSetupCommands } from './commands/setupCommands';
import { registerSyncCommand } from './commands/syncCommand';
import { registerMergeDriverCommand } from './commands/mergeDriverCommand';
import { registerActionCommands } from './commands/actionCommands';
import { isExpectedError } from '../git/gitErrors';
import { ensureMergeDrivers, useDriverProgram } from '../git/mergeDrivers';
import { CLI_VERSION } from './version';

export { CLI_VERSION } from './version';

/**
 * The commander program with every command registered; tests walk it so that each new command is
 * covered. setExitCode: how a command that printed its result asks for a non-zero exit.
 */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  program
    .name('git-playbooks')
    .description('Incident and release playbooks, runs, timelines, retrospectives and metrics as files in git.')
    .version(CLI_VERSION)
    .option('--dir <folder>', 'playbooks folder, relative to the repository root (default: playbooks, or $GIT_PLAYBOOKS_DIR)')
    .option('--as <who>', 'act as this person (default: your git user.name)')
    .hook('preAction', async (_program, command) => {
      const as = globals().as;
      if (as !== undefined) asName(as);
      if (command.name() !== 'merge-driver') await registerMergeDrivers(io);
    })
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) });
  registerSetupCommands(program, io, globals);
  registerRunCommands(program, io, globals);
  registerRetroCommands(program, io, globals);
  registerActionCommands(program, io, globals);
  registerReadCommands(program, io, globals, setExitCode);
  registerReviewCommand(program, io, globals, setExitCode);
  registerSyncCommand(program, io, globals);
  registerMergeDriverCommand(program, io, setExitCode);
  applyErrorHandling(program);
  return program;
}

/** Runs the CLI with the given arguments (without `node script`); returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));

  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isExpectedError(error)) {
      io.err(`error: ${error.message}${error instanceof OperationRefused ? cliHint(error.hint) : ''}`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`internal error (please report it): ${detail}`);
    return 70;
  }
  return exitCode;
}

/**
 * A clone has no merge drivers in .git/config: any command run in it registers them (one `git config`
 * read when they are there). Never a reason for the command itself to fail.
 */
async function registerMergeDrivers(io: CliIo): Promise<void> {
  if (io.driverProgram === undefined) return;
  try {
    await ensureMergeDrivers(io.cwd, io.driverProgram, gitEnv(io));
  } catch {
    // A read-only .git/config, git missing: the command goes on; merges stay line by line there.
  }
}

/** A usage mistake is one line that says where the usage is (a page of help would hide it). */
function applyErrorHandling(command: Command): void {
  command.exitOverride();
  const name = commandPath(command);
  command.configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see ${name} --help)\n`) });
  for (const child of command.commands) applyErrorHandling(child);
}

function commandPath(command: Command): string {
  return command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();
}

/** This CLI as git should start it for a merge: the real path of the bin script, which a package manager may have linked. */
function driverProgramOf(script: string | undefined): Pick<CliIo, 'driverProgram'> {
  if (script === undefined) return {};
  try {
    const program = { node: process.execPath, script: fs.realpathSync(script), args: ['merge-driver'] };
    useDriverProgram(program);
    return { driverProgram: program };
  } catch {
    return {};
  }
}

/** Entry point of the bin script. */
export function main(): void {
  const io: CliIo = {
    cwd: process.cwd(),
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    ...driverProgramOf(process.argv[1]),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
