import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OperationRefused } from '../core/model/errors';
import { moveOnDisk, type RunMove } from '../core/repository/runMigration';
import { gitFailed, hookFailed, noIdentity } from './gitErrors';
import type { GitRepository } from './gitRepository';
import { GitCommandFailure, toRefusal } from './gitRunner';
import { literalPathspec, splitNul, toRepoPath } from './repoPaths';

/** Folders per `git mv`: keeps the command line far below the system's limit. */
const MOVES_PER_CALL = 200;
/** Folders named in a refusal; the rest are counted. */
const LISTED_IN_REFUSAL = 10;

export interface GitMoveOptions {
  /** Commit the moves (only them: what the person staged stays staged); otherwise leave them staged. */
  commit: boolean;
  message: string;
}

export interface GitMoveOutcome {
  /** The commit of the moves, when asked for and there was something tracked to move. */
  sha?: string;
}

/**
 * Carries out a migration plan in a git work tree: `git mv` of each run folder, so `git log
 * --follow` of a moved file shows its old commits. Refuses before moving anything when a folder to
 * move has uncommitted changes (untracked files included): the moves then make one clean commit,
 * and nothing the person was working on changes place under them. A folder git does not track at
 * all (only ignored files) is renamed on disk.
 */
export async function moveRunFoldersWithGit(git: GitRepository, runsDir: string, moves: readonly RunMove[], options: GitMoveOptions): Promise<GitMoveOutcome> {
  if (moves.length === 0) return {};
  if (options.commit) {
    await git.requireBranch();
    await git.requireIdentity();
  }
  const runsPath = toRepoPath(git.root, runsDir);
  const folderOf = (dir: string): string => toRepoPath(git.root, dir);
  await refuseUncommitted(git, runsPath, moves.map((move) => folderOf(move.from)));
  const tracked = await trackedFolders(git, runsPath);
  const withGit = moves.filter((move) => tracked.has(folderOf(move.from)));
  moveOnDisk(moves.filter((move) => !tracked.has(folderOf(move.from))));
  if (withGit.length === 0) return {};
  // Taken before moving: whatever is staged now is the person's own work, to be left staged.
  const stagedBefore = await stagedPaths(git);
  let moved = 0;
  for (const [destination, group] of groupByParent(withGit)) {
    fs.mkdirSync(destination, { recursive: true });
    for (let start = 0; start < group.length; start += MOVES_PER_CALL) {
      const chunk = group.slice(start, start + MOVES_PER_CALL);
      try {
        await git.runner.run(['mv', '--', ...chunk.map((move) => folderOf(move.from)), `${folderOf(destination)}/`]);
      } catch (error) {
        const done = moved === 0 ? 'nothing was moved' : `${moved} run folders were moved (staged); run migrate again to move the rest`;
        throw toRefusal(error, `git mv failed: ${done}.`);
      }
      moved += chunk.length;
    }
  }
  if (!options.commit) return {};
  const pathspecs = withGit.flatMap((move) => [folderOf(move.from), folderOf(move.to)].map(literalPathspec));
  return { sha: await commitMoves(git, pathspecs, stagedBefore, options.message) };
}

/** Refuses, naming the folders, when any folder to move has staged, unstaged or untracked changes. */
async function refuseUncommitted(git: GitRepository, runsPath: string, folders: readonly string[]): Promise<void> {
  const out = await git.runner.run(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', literalPathspec(runsPath)]);
  const changed = splitNul(out).map((entry) => entry.slice(3));
  const dirty = folders.filter((folder) => changed.some((file) => file.startsWith(`${folder}/`)));
  if (dirty.length === 0) return;
  const listed = dirty.slice(0, LISTED_IN_REFUSAL).join(', ') + (dirty.length > LISTED_IN_REFUSAL ? ` and ${dirty.length - LISTED_IN_REFUSAL} more` : '');
  throw new OperationRefused(`nothing was moved: run folders with uncommitted changes: ${listed}. Commit (or discard) those changes first, then run "git-playbooks migrate" again`);
}

/** Every folder under runs/ that holds a tracked file (its own or below). */
async function trackedFolders(git: GitRepository, runsPath: string): Promise<Set<string>> {
  const folders = new Set<string>();
  for (const file of splitNul(await git.runner.run(['ls-files', '-z', '--', literalPathspec(runsPath)]))) {
    for (let dir = path.posix.dirname(file); dir.length > runsPath.length && !folders.has(dir); dir = path.posix.dirname(dir)) folders.add(dir);
  }
  return folders;
}

/** Paths staged against HEAD (all tracked paths when there is no commit yet). */
async function stagedPaths(git: GitRepository): Promise<string[]> {
  const againstHead = await git.runner.runAllowing(['diff-index', '--cached', '--name-only', '-z', 'HEAD'], [128]);
  return splitNul(againstHead ?? (await git.runner.run(['ls-files', '--cached', '-z'])));
}

function groupByParent(moves: readonly RunMove[]): Map<string, RunMove[]> {
  const groups = new Map<string, RunMove[]>();
  for (const move of moves) {
    const parent = path.dirname(move.to);
    const group = groups.get(parent);
    if (group) group.push(move);
    else groups.set(parent, [move]);
  }
  return groups;
}

/**
 * Commits the moves alone. With nothing else staged, a plain commit; otherwise a commit of the
 * moved paths only (read from a file: 20,000 folders would not fit a command line), which leaves
 * the person's staged work staged. A failed commit leaves the moves staged, and says so.
 */
async function commitMoves(git: GitRepository, pathspecs: readonly string[], stagedBefore: readonly string[], message: string): Promise<string> {
  const specFile = stagedBefore.length === 0 ? undefined : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'git-playbooks-migrate-')), 'pathspecs');
  if (specFile !== undefined) fs.writeFileSync(specFile, `${pathspecs.join('\0')}\0`);
  try {
    const only = specFile === undefined ? [] : [`--pathspec-from-file=${specFile}`, '--pathspec-file-nul'];
    await git.runner.run(['commit', '--cleanup=whitespace', '-m', message, ...only]);
  } catch (error) {
    const kept = 'The run folders were moved and the moves are staged: commit them yourself once that is fixed.';
    if (error instanceof GitCommandFailure && /please tell me who you are|empty ident/i.test(error.output)) throw new OperationRefused(`${noIdentity().message} ${kept}`);
    if (error instanceof GitCommandFailure && error.exitCode !== 128) throw hookFailed(`${error.output}\n${kept}`);
    throw gitFailed(`git commit failed. ${kept}`, error instanceof GitCommandFailure ? error.output : String(error), error);
  } finally {
    if (specFile !== undefined) fs.rmSync(path.dirname(specFile), { recursive: true, force: true });
  }
  return (await git.runner.run(['rev-parse', 'HEAD'])).trim();
}
