import type { Command } from 'commander';
import { OperationRefused } from '../../core/model/errors';
import { runMergeDriver } from '../../git/mergeDriver';
import { isMergeDriverKind, MERGE_DRIVERS } from '../../git/mergeDrivers';
import type { CliIo } from '../cliContext';

/**
 * `merge-driver <kind> %O %A %B %P --marker-size %L`: what git runs for the files .gitattributes
 * names (registered by every command, see ensureMergeDrivers). Hidden: people never type it.
 */
export function registerMergeDriverCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('merge-driver <kind> <base> <ours> <theirs> <path>', { hidden: true })
    .description(`git's merge driver for playbooks files (${Object.keys(MERGE_DRIVERS).join(', ')}); registered in .git/config by every command`)
    .option('--marker-size <n>', 'length of conflict markers (git passes %L)', '7')
    .action(async (kind: string, base: string, ours: string, theirs: string, file: string, options: { markerSize: string }) => {
      setExitCode(await mergeDriver(io, [kind, base, ours, theirs, file], options.markerSize));
    });
}

/**
 * Runs the driver; the exit code git reads: 0 merged, 1 conflict markers left in the file. Also the
 * body of the extension's own driver script (dist/merge-driver.js), which has no commander.
 */
export async function mergeDriver(io: CliIo, args: readonly string[], markerSize = '7'): Promise<number> {
  const [kind = '', base = '', ours = '', theirs = '', file = ''] = args;
  if (!isMergeDriverKind(kind)) throw new OperationRefused(`merge-driver: unknown kind ${JSON.stringify(kind)}; use ${Object.keys(MERGE_DRIVERS).join(' or ')}`);
  const size = Number(markerSize);
  const outcome = await runMergeDriver(io.cwd, kind, { base, ours, theirs, path: file, markerSize: Number.isInteger(size) && size > 0 ? size : 7 }, io.env);
  for (const note of outcome.notes) io.err(`git-playbooks: ${file}: ${note}`);
  if (!outcome.clean) {
    const why = outcome.lineMerged ? 'a version of it is not valid YAML, so it was merged line by line' : 'both sides changed the same lines of prose';
    io.err(`git-playbooks: ${file}: ${why}; resolve the conflict markers (git-playbooks validate lists them)`);
  }
  return outcome.clean ? 0 : 1;
}
