import * as path from 'node:path';
import { GitRepository } from '../git/gitRepository';
import { GitRefusal } from '../git/gitErrors';
import type { DriverProgram } from '../git/mergeDrivers';
import { DEFAULT_FOLDER } from '../core/repository/layout';
import { PlaybooksRepository } from '../core/repository/playbooksRepository';
import { OperationRefused, type OperationContext } from '../core/runs/operationContext';
import { requireValidInput } from '../core/validation/inputRules';

/** Where the CLI reads and writes, and how it prints: injected so tests run it in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * How git can start this CLI as a merge driver (Node and the bin script); set by the real entry
   * point only, so commands run in-process (tests) leave a repository's .git/config alone.
   */
  driverProgram?: DriverProgram;
}

export interface GlobalOptions {
  dir?: string;
  as?: string;
}

export interface Workspace {
  repo: PlaybooksRepository;
  /** Undefined outside a git work tree: reading and editing still work, publishing does not. */
  git: GitRepository | undefined;
}

/**
 * Prints a whole document (an export, CSV) so that standard output holds exactly its text: `out` ends
 * what it prints with LF, so one final LF is dropped first. A CSV document's last record so keeps its CRLF.
 */
export function printDocument(io: CliIo, text: string): void {
  io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
}

/** The repository root is the git top level when there is one, so the CLI works from any sub-folder. */
export async function openWorkspace(io: CliIo, options: GlobalOptions): Promise<Workspace> {
  let git: GitRepository | undefined;
  try {
    git = await GitRepository.open(io.cwd, { env: gitEnv(io) });
  } catch (error) {
    if (!(error instanceof GitRefusal)) throw error;
  }
  const root = git?.root ?? path.resolve(io.cwd);
  const folder = options.dir ?? io.env['GIT_PLAYBOOKS_DIR'] ?? DEFAULT_FOLDER;
  return { repo: PlaybooksRepository.at(root, folder), git };
}

export function requireGit(workspace: Workspace): GitRepository {
  if (!workspace.git) throw new OperationRefused('this is not a git repository; run "git init" first (publishing commits to git)');
  return workspace.git;
}

/** Only HOME-like variables reach git from the injected environment (tests isolate git config this way). */
export function gitEnv(io: CliIo): Record<string, string> {
  const keys = ['HOME', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'XDG_CONFIG_HOME'];
  return Object.fromEntries(keys.flatMap((key) => (io.env[key] !== undefined ? [[key, io.env[key] as string]] : [])));
}

/** The actor is `--as`, else the git identity's name. */
export async function operationContext(io: CliIo, options: GlobalOptions, workspace: Workspace): Promise<OperationContext> {
  const now = clock(io);
  if (options.as !== undefined) return actingAs(asName(options.as), now);
  // Without a repository there is no identity to set: say what is actually missing.
  if (!workspace.git) throw new OperationRefused('not a git repository; run "git init" first, or pass --as NAME to work without git');
  const identity = await workspace.git.identity();
  if (identity) return actingAs(identity.name, now);
  throw new OperationRefused('who is doing this? Set your git identity (git config user.name "Your Name") or pass --as NAME');
}

/** `--as ''` is refused: ignoring it would quietly act as the git user instead of whoever was meant. */
export function asName(value: string): string {
  const name = value.trim();
  if (name === '') throw new OperationRefused('--as needs a name; leave it out to act as your git user.name');
  return name;
}

/** Refused before any command writes a name the timeline could not read back. */
function actingAs(actor: string, now: () => Date): OperationContext {
  requireValidInput('actor', actor);
  return { actor, now };
}

/**
 * GIT_PLAYBOOKS_NOW pins the clock (ISO 8601): the demo repository and tests replay weeks of runs
 * with it. Everyone else gets the real time.
 */
/** `--now`, or the clock (GIT_PLAYBOOKS_NOW pins it). */
export function nowOption(io: CliIo, now: string | undefined): Date {
  const at = now !== undefined ? new Date(now) : clock(io)();
  if (Number.isNaN(at.getTime())) throw new OperationRefused(`--now "${now ?? ''}" is not an ISO 8601 date and time`);
  return at;
}

export function clock(io: CliIo): () => Date {
  const pinned = io.env['GIT_PLAYBOOKS_NOW'];
  if (pinned === undefined || pinned === '') return () => new Date();
  const time = Date.parse(pinned);
  if (Number.isNaN(time)) throw new OperationRefused(`GIT_PLAYBOOKS_NOW="${pinned}" is not an ISO 8601 date and time`);
  return () => new Date(time);
}
