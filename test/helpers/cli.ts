import { runCli } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Last line of stdout: the id of what a command created. */
  last: string;
}

/** Runs the CLI in-process in `cwd`, as a person would type it. */
export async function cli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    cwd,
    env: { GIT_CONFIG_NOSYSTEM: '1', ...env },
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  const stdout = out.join('\n');
  const lines = stdout.split('\n').filter((line) => line !== '');
  return { code, stdout, stderr: err.join('\n'), last: lines[lines.length - 1] ?? '' };
}

/** Like {@link cli} but fails the test with the output when the command fails. */
export async function cliOk(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await cli(cwd, args, env);
  if (result.code !== 0) throw new Error(`git-playbooks ${args.join(' ')} exited ${result.code}\n${result.stderr}\n${result.stdout}`);
  return result;
}
