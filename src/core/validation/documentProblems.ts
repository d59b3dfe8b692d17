import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Playbook } from '../model/types';
import { readTextFile } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { decodeText, readProblems } from '../files/textChecks';
import { RETROSPECTIVE_FILE, REVIEW_CONFIG_FILE, RUN_FILE, TIMELINE_FILE } from '../repository/layout';
import { parseReviewConfig, reviewConfigPath } from '../review/reviewConfig';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { isSlug } from '../util/slug';

/** What a path under the playbooks folder is; `stray` is a YAML file beside the playbooks that is not read. */
export type PlaybooksFileKind =
  | { kind: 'playbook'; slug: string }
  | { kind: 'stray' }
  | { kind: 'reviewConfig' }
  | { kind: 'run' | 'timeline' | 'retrospective'; runId: string };

/**
 * The other files a document is checked against: a run needs to know whether its playbook exists, a
 * retrospective needs the metrics of its run's playbook. A sweep over thousands of runs shares one
 * caching context, so each playbook is read once.
 */
export interface DocumentContext {
  playbookExists(slug: string): boolean;
  /** The playbook as far as it could be read (undefined when missing or unusable). */
  playbook(slug: string): Playbook | undefined;
  /** The playbook slug named by a run (undefined when run.yaml is missing or unusable). */
  playbookOfRun(runId: string): string | undefined;
  /** When a run started (undefined when run.yaml is missing or unusable): no action is due before it. */
  startedAtOfRun?(runId: string): string | undefined;
  /** Told what a run names when its run.yaml was just read, so its retrospective need not read it again. */
  rememberRun?(runId: string, playbook: string | undefined, startedAt?: string): void;
}

/** Which playbooks file `absolutePath` is, or undefined when it is none (the same rules as validateRepository). */
export function classifyPath(repo: PlaybooksRepository, absolutePath: string): PlaybooksFileKind | undefined {
  const layout = repo.layout;
  const relative = path.relative(layout.playbooksDir, path.resolve(absolutePath));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  if (parts.length === 1) {
    const name = parts[0] ?? '';
    if (!/\.ya?ml$/.test(name)) return undefined;
    if (name === REVIEW_CONFIG_FILE) return { kind: 'reviewConfig' };
    const slug = name.replace(/\.ya?ml$/, '');
    return name.endsWith('.yaml') && isSlug(slug) ? { kind: 'playbook', slug } : { kind: 'stray' };
  }
  // A run's file, flat or in its month folder; a copy where the run is not read is no run's file.
  const run = layout.runOfPath(absolutePath);
  if (run === undefined || run.rest.length !== 1 || run.dir !== layout.runDir(run.runId)) return undefined;
  const [file] = run.rest;
  const runId = run.runId;
  if (file === RUN_FILE) return { kind: 'run', runId };
  if (file === TIMELINE_FILE) return { kind: 'timeline', runId };
  if (file === RETROSPECTIVE_FILE) return { kind: 'retrospective', runId };
  return undefined;
}

/**
 * Problems of one playbooks file whose current text is `text` (an editor's unsaved buffer, or the
 * disk), checked against the other files on disk. Undefined when the path is not a playbooks file.
 */
export function problemsForText(repo: PlaybooksRepository, absolutePath: string, text: string, context: DocumentContext = diskContext(repo)): Problem[] | undefined {
  const fileKind = classifyPath(repo, absolutePath);
  if (fileKind === undefined) return undefined;
  const displayName = repo.layout.relative(path.resolve(absolutePath));
  // The same byte-level refusals as a read from disk (size, NUL, conflict markers).
  const decoded = decodeText(displayName, Buffer.from(text, 'utf8'));
  if ('problem' in decoded) return readProblems(decoded);
  return problemsOfKind(repo, fileKind, displayName, decoded.text, context);
}

/** Problems of a file as it is on disk; undefined when it is not a playbooks file, [] when it is gone. */
export function problemsForFile(repo: PlaybooksRepository, absolutePath: string, context: DocumentContext = diskContext(repo)): Problem[] | undefined {
  const fileKind = classifyPath(repo, absolutePath);
  if (fileKind === undefined) return undefined;
  if (!fs.existsSync(absolutePath)) return [];
  const displayName = repo.layout.relative(path.resolve(absolutePath));
  const read = readTextFile(absolutePath, displayName);
  if ('problem' in read) return readProblems(read);
  return problemsOfKind(repo, fileKind, displayName, read.text, context);
}

function problemsOfKind(repo: PlaybooksRepository, fileKind: PlaybooksFileKind, displayName: string, text: string, context: DocumentContext): Problem[] {
  switch (fileKind.kind) {
    case 'stray':
      return [strayFileProblem(displayName)];
    case 'reviewConfig':
      return parseReviewConfig(displayName, text).problems;
    case 'playbook':
      return repo.parsePlaybook(fileKind.slug, text).problems;
    case 'run': {
      const result = repo.parseRun(fileKind.runId, text, (slug) => context.playbookExists(slug), displayName);
      context.rememberRun?.(fileKind.runId, result.data?.playbook, result.data?.startedAt);
      return result.problems;
    }
    case 'timeline':
      return repo.parseTimeline(fileKind.runId, text).problems;
    case 'retrospective': {
      const slug = context.playbookOfRun(fileKind.runId);
      const playbook = slug === undefined ? undefined : context.playbook(slug);
      return repo.parseRetrospective(fileKind.runId, text, playbook, displayName, context.startedAtOfRun?.(fileKind.runId)).problems;
    }
  }
}

/** A YAML file in the playbooks folder that is not a playbook (validate says the same). */
export function strayFileProblem(file: string): Problem {
  return { file, line: 1, column: 1, message: 'playbook file names must be lower-case-with-hyphens and end in .yaml; this file is not read', severity: 'warning' };
}

/** Reads the other files from disk on every call. */
export function diskContext(repo: PlaybooksRepository): DocumentContext {
  return {
    playbookExists: (slug) => repo.playbookExists(slug),
    playbook: (slug) => (repo.playbookExists(slug) ? repo.readPlaybook(slug).data : undefined),
    playbookOfRun: (runId) => (repo.runExists(runId) ? repo.readRun(runId, 'unchecked').data?.playbook : undefined),
    startedAtOfRun: (runId) => (repo.runExists(runId) ? repo.readRun(runId, 'unchecked').data?.startedAt : undefined),
  };
}

/**
 * Remembers playbooks, and what each run names, for the length of one sweep: a sweep lists a run's
 * run.yaml before its retrospective, so each file is parsed once. Drop it when a playbook changes.
 */
export function cachingContext(repo: PlaybooksRepository): DocumentContext {
  const disk = diskContext(repo);
  const exists = new Map<string, boolean>();
  const playbooks = new Map<string, Playbook | undefined>();
  const runs = new Map<string, { playbook: string | undefined; startedAt: string | undefined }>();
  const runFacts = (runId: string): { playbook: string | undefined; startedAt: string | undefined } =>
    memo(runs, runId, () => {
      const run = repo.runExists(runId) ? repo.readRun(runId, 'unchecked').data : undefined;
      return { playbook: run?.playbook, startedAt: run?.startedAt };
    });
  return {
    playbookExists: (slug) => memo(exists, slug, () => disk.playbookExists(slug)),
    playbook: (slug) => memo(playbooks, slug, () => disk.playbook(slug)),
    playbookOfRun: (runId) => runFacts(runId).playbook,
    startedAtOfRun: (runId) => runFacts(runId).startedAt,
    rememberRun: (runId, playbook, startedAt) => runs.set(runId, { playbook, startedAt }),
  };
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}

/**
 * Every playbooks file of the repository, as absolute paths: playbooks first (runs are checked
 * against them), then each run's files. Lazy, so a caller can yield between files.
 */
export function* playbooksFiles(repo: PlaybooksRepository): Generator<string> {
  if (!repo.exists()) return;
  const layout = repo.layout;
  for (const slug of repo.listPlaybookSlugs()) yield layout.playbookFile(slug);
  for (const stray of repo.strayFiles()) yield path.join(layout.root, stray);
  if (fs.existsSync(reviewConfigPath(repo))) yield reviewConfigPath(repo);
  for (const runId of repo.listRunIds()) {
    for (const file of [layout.runFile(runId), layout.timelineFile(runId), layout.retrospectiveFile(runId)]) {
      if (fs.existsSync(file)) yield file;
    }
  }
}
