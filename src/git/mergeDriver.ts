import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeIoError } from '../core/files/documentReader';
import { OperationRefused } from '../core/model/errors';
import type { TimelineEvent } from '../core/model/types';
import { timelineEventsOf, timelinePathBeside } from '../core/sync/mergeEvents';
import { mergeRetrospectiveText, retrospectiveBody } from '../core/sync/retrospectiveMerge';
import { mergeRunText, type MergeTextResult } from '../core/sync/runMerge';
import { GitCommandFailure, GitRunner } from './gitRunner';
import type { MergeDriverKind } from './mergeDrivers';
import { SyncGit } from './syncGit';

/** What git hands a merge driver: `%O %A %B` (temporary files; the result goes into `ours`), `%P`, `%L`. */
export interface MergeDriverFiles {
  base: string;
  ours: string;
  theirs: string;
  /** The file's path in the repository. */
  path: string;
  markerSize: number;
}

export interface MergeDriverOutcome {
  /** False when git's conflict markers were left in the file. */
  clean: boolean;
  /** Why the file was merged line by line: a version that is not data (markers already in it, a syntax error). */
  lineMerged?: true;
  notes: string[];
}

/**
 * Runs a git-playbooks merge driver in `cwd` (git starts it at the work tree's top). Reads both
 * sides' timelines from their commits, so the later change can win: `GIT_PLAYBOOKS_OURS` and
 * `GIT_PLAYBOOKS_THEIRS` (set by `git-playbooks sync` around `git merge-tree`), else HEAD and the
 * `GITHEAD_<commit>` that `git merge` and `git pull` set for the branch merged in. Without both
 * (a rebase, a cherry-pick) the choice is still the same on every clone, just not by time.
 */
export async function runMergeDriver(cwd: string, kind: MergeDriverKind, files: MergeDriverFiles, env: Readonly<Record<string, string | undefined>>): Promise<MergeDriverOutcome> {
  const git = new GitRunner(cwd);
  const read = (file: string): Buffer => {
    try {
      return fs.readFileSync(path.resolve(cwd, file));
    } catch (error) {
      throw new OperationRefused(`merge-driver: cannot read ${JSON.stringify(file)} (${describeIoError(error)}); git passes the files of a merge`);
    }
  };
  const [base, ours, theirs] = [read(files.base), read(files.ours), read(files.theirs)].map((bytes) => bytes.toString('utf8')) as [string, string, string];
  // Text that is not UTF-8 is not ours to read: git's line merge gets the bytes as they are.
  const readable = [base, ours, theirs].every((text) => !text.includes('\uFFFD'));
  const sides = mergedCommits(env);
  const labels = conflictLabels(env, sides);
  const events = sides === undefined ? undefined : await bothTimelines(cwd, sides, timelinePathBeside(files.path));
  const input = { base, ours, theirs, ...(events ? { oursEvents: events.ours, theirsEvents: events.theirs } : {}) };
  let merged: MergeTextResult | undefined;
  let clean = true;
  if (!readable) merged = undefined;
  else if (kind === 'run') {
    const resolved = await mergeFile(git, { base, ours, theirs }, files.markerSize, labels, '--ours');
    merged = mergeRunText({ ...input, bases: [resolved.text] });
  } else {
    const bodies = [base.trim() === '' ? '' : retrospectiveBody(base), retrospectiveBody(ours), retrospectiveBody(theirs)];
    const [baseBody, oursBody, theirsBody] = bodies;
    if (baseBody !== undefined && oursBody !== undefined && theirsBody !== undefined) {
      const body = await mergeFile(git, { base: baseBody, ours: oursBody, theirs: theirsBody }, files.markerSize, labels);
      merged = mergeRetrospectiveText({ ...input, body: body.text });
      clean = body.clean;
    }
  }
  if (merged === undefined) {
    // A version that is not data (conflict markers already in it, a syntax error): git's line merge, markers and all.
    return { clean: await mergeFileInPlace(git, files, labels), lineMerged: true, notes: [] };
  }
  fs.writeFileSync(path.resolve(cwd, files.ours), merged.text);
  return { clean, notes: merged.notes };
}

interface Commits {
  ours: string;
  theirs: string;
  theirsName?: string;
}

/** The two commits being merged, when the caller said or `git merge` did (one GITHEAD_ variable per head). */
function mergedCommits(env: Readonly<Record<string, string | undefined>>): Commits | undefined {
  const ours = env['GIT_PLAYBOOKS_OURS'];
  const theirs = env['GIT_PLAYBOOKS_THEIRS'];
  if (ours && theirs) return { ours, theirs };
  const heads = Object.entries(env).filter(([key, value]) => /^GITHEAD_[0-9a-f]{40,64}$/.test(key) && value !== undefined);
  const [only] = heads;
  if (heads.length !== 1 || only === undefined) return undefined;
  return { ours: 'HEAD', theirs: only[0].slice('GITHEAD_'.length), ...(only[1] ? { theirsName: only[1] } : {}) };
}

/** The marker labels git itself would write: HEAD and the branch merged in, under `git merge`. */
function conflictLabels(env: Readonly<Record<string, string | undefined>>, commits: Commits | undefined): [string, string, string] {
  const ours = env['GIT_PLAYBOOKS_OURS_LABEL'] ?? (commits?.ours === 'HEAD' ? 'HEAD' : 'ours');
  const theirs = env['GIT_PLAYBOOKS_THEIRS_LABEL'] ?? commits?.theirsName ?? 'theirs';
  return [ours, 'base', theirs];
}

/** Both timelines, or none: events from one side only would always favour it, and clones would disagree. */
async function bothTimelines(cwd: string, commits: Commits, file: string): Promise<{ ours: TimelineEvent[]; theirs: TimelineEvent[] } | undefined> {
  // One `cat-file --batch` for both sides (the specs go on stdin, so no commit can pass as an option).
  const texts = await SyncGit.open(cwd)
    .readBlobs([{ commit: commits.ours, path: file }, { commit: commits.theirs, path: file }])
    .catch(() => []);
  const [ours, theirs] = texts.map((text) => (text === undefined ? undefined : timelineEventsOf(text)));
  return ours !== undefined && theirs !== undefined ? { ours, theirs } : undefined;
}

/**
 * `git merge-file -p`: git's own line merge, so markers look exactly like a plain `git merge`'s.
 * `--ours` resolves conflicts to ours instead (a starting text for the field merge).
 */
async function mergeFile(git: GitRunner, texts: { base: string; ours: string; theirs: string }, markerSize: number, labels: [string, string, string], favour?: '--ours'): Promise<{ text: string; clean: boolean }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-playbooks-merge-'));
  try {
    const file = (name: keyof typeof texts): string => {
      const target = path.join(dir, name);
      fs.writeFileSync(target, texts[name]);
      return target;
    };
    const args = ['merge-file', '-p', `--marker-size=${markerSize}`, ...(favour ? [favour] : []), '-L', labels[0], '-L', labels[1], '-L', labels[2], file('ours'), file('base'), file('theirs')];
    try {
      return { text: await git.run(args), clean: true };
    } catch (error) {
      // merge-file exits with the number of conflicts, its output still the merged text.
      if (error instanceof GitCommandFailure && error.exitCode > 0 && error.exitCode < 128) return { text: error.stdout, clean: false };
      throw error;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Git's line merge on the files themselves, the result in ours byte for byte; true when clean. */
async function mergeFileInPlace(git: GitRunner, files: MergeDriverFiles, labels: [string, string, string]): Promise<boolean> {
  try {
    await git.run(['merge-file', `--marker-size=${files.markerSize}`, '-L', labels[0], '-L', labels[1], '-L', labels[2], '--', files.ours, files.base, files.theirs]);
    return true;
  } catch (error) {
    if (error instanceof GitCommandFailure && error.exitCode > 0 && error.exitCode < 128) return false;
    throw error;
  }
}
