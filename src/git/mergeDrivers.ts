import * as fs from 'node:fs';
import * as path from 'node:path';
import { RETROSPECTIVE_MERGE_DRIVER, RUN_MERGE_DRIVER } from '../core/sync/mergeAttributes';
import { GitCommandFailure, GitRunner, type GitEnv } from './gitRunner';

/**
 * The merge drivers `.gitattributes` names (written by `init`). A clone does not copy `.git/config`,
 * so every git-playbooks command, and the extension for each trusted folder, registers them in the
 * repository's local config when they are missing or point at a program that is gone (compare
 * `git lfs install`). Until then git merges those files line by line, as it always did.
 */
export const MERGE_DRIVERS = {
  run: { name: RUN_MERGE_DRIVER, title: 'git-playbooks: run.yaml field by field (later change wins)' },
  retrospective: { name: RETROSPECTIVE_MERGE_DRIVER, title: 'git-playbooks: retrospective front matter field by field, prose line by line' },
} as const;

export type MergeDriverKind = keyof typeof MERGE_DRIVERS;

export function isMergeDriverKind(value: string): value is MergeDriverKind {
  return Object.prototype.hasOwnProperty.call(MERGE_DRIVERS, value);
}

/**
 * How git starts the driver: a Node executable and a script. `args` go before the driver's own
 * (the CLI needs `merge-driver`); `env` is set for it (VS Code's executable runs as Node with
 * ELECTRON_RUN_AS_NODE=1, as VS Code's git extension runs its askpass helper).
 */
export interface DriverProgram {
  node: string;
  script: string;
  args?: readonly string[];
  env?: Readonly<Record<string, string>>;
}

/** The `merge.<name>.driver` value: sh syntax, since git runs it with the shell. */
export function driverCommand(program: DriverProgram, kind: MergeDriverKind): string {
  const env = Object.entries(program.env ?? {}).map(([key, value]) => `${key}=${shellQuote(value)} `).join('');
  const args = [...(program.args ?? []), kind].map(shellQuote).join(' ');
  return `${env}${shellQuote(program.node)} ${shellQuote(program.script)} ${args} %O %A %B %P --marker-size %L`;
}

let thisProcess: DriverProgram | undefined;

/**
 * The program this process registers when a caller names none (`git-playbooks sync` calls
 * ensureMergeDrivers(root) before it merges): set by the CLI's entry point and by the extension.
 */
export function useDriverProgram(program: DriverProgram): void {
  thisProcess = program;
}

/**
 * Registers the drivers that are missing or broken; one `git config` read when all is well.
 * Returns the kinds written; nothing outside a git repository, or when no program is known. A
 * driver someone configured by hand (no program of ours in it, or one that exists) is left alone.
 */
export async function ensureMergeDrivers(cwd: string, program: DriverProgram | undefined = thisProcess, env: GitEnv = {}): Promise<MergeDriverKind[]> {
  if (program === undefined) return [];
  const git = new GitRunner(cwd, env, { mergeDriverConfig: true });
  let listed: string | undefined;
  try {
    listed = await git.runAllowing(['config', '--local', '--get-regexp', '^merge\\.git-playbooks-'], [1]);
  } catch (error) {
    // Outside a repository (--local needs one), or a config git cannot read: nothing to register.
    if (error instanceof GitCommandFailure) return [];
    throw error;
  }
  const current = new Map((listed ?? '').split('\n').flatMap((line) => {
    const space = line.indexOf(' ');
    return space === -1 ? [] : [[line.slice(0, space).toLowerCase(), line.slice(space + 1)] as const];
  }));
  const written: MergeDriverKind[] = [];
  for (const kind of Object.keys(MERGE_DRIVERS) as MergeDriverKind[]) {
    const { name, title } = MERGE_DRIVERS[kind];
    const existing = current.get(`merge.${name}.driver`);
    if (existing !== undefined && stillRuns(existing)) continue;
    await git.run(['config', '--local', `merge.${name}.name`, title]);
    await git.run(['config', '--local', `merge.${name}.driver`, driverCommand(program, kind)]);
    written.push(kind);
  }
  return written;
}

/** False when a quoted absolute path in the command (our Node, our script) no longer exists: an uninstalled or moved git-playbooks. */
function stillRuns(command: string): boolean {
  const quoted = [...command.matchAll(/'((?:[^']|'\\'')*)'/g)].map((match) => (match[1] ?? '').replace(/'\\''/g, "'"));
  return quoted.filter((part) => path.isAbsolute(part)).every((part) => fs.existsSync(part));
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
