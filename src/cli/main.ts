import { Command, CommanderError } from 'commander';
import { asName, type CliIo, type GlobalOptions } from './cliContext';
import { registerReadCommands } from './commands/readCommands';
import { registerRetroCommands } from './commands/retroCommands';
import { registerRunCommands } from './commands/runCommands';
import { registerSetupCommands } from './commands/setupCommands';
import { isExpectedError } from '../shared/expectedErrors';

export const CLI_VERSION = '0.1.0';

/** Runs the CLI with the given arguments (without `node script`); returns the exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  program
    .name('git-playbooks')
    .description('Incident and release playbooks, runs, timelines, retrospectives and metrics as files in git.')
    .version(CLI_VERSION)
    .option('--dir <folder>', 'playbooks folder, relative to the repository root (default: playbooks, or $GIT_PLAYBOOKS_DIR)')
    .option('--as <who>', 'act as this person (default: your git user.name)')
    .hook('preAction', () => {
      const as = globals().as;
      if (as !== undefined) asName(as);
    })
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) });
  registerSetupCommands(program, io, globals);
  registerRunCommands(program, io, globals);
  registerRetroCommands(program, io, globals);
  registerReadCommands(program, io, globals, (code) => (exitCode = code));
  for (const command of program.commands) applyExitOverride(command);

  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isExpectedError(error)) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`internal error (please report it): ${detail}`);
    return 70;
  }
  return exitCode;
}

function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const child of command.commands) applyExitOverride(child);
}

/** Entry point of the bin script. */
export function main(): void {
  const io: CliIo = {
    cwd: process.cwd(),
    env: process.env,
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
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
