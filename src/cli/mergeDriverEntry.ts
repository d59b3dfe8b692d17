import { mergeDriver } from './commands/mergeDriverCommand';

/**
 * dist/merge-driver.js: the merge driver the VS Code extension registers (its package has no CLI):
 * `<kind> %O %A %B %P --marker-size %L`, run by VS Code's own executable as Node.
 */
const args = process.argv.slice(2);
const sizeAt = args.indexOf('--marker-size');
const markerSize = sizeAt === -1 ? undefined : args[sizeAt + 1];
const positional = sizeAt === -1 ? args : args.slice(0, sizeAt);
mergeDriver({ cwd: process.cwd(), env: process.env, out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) }, positional, markerSize).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`git-playbooks merge driver: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
