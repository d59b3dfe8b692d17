import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSameOrInside, realPathOf } from '../files/realPath';
import { OperationRefused } from '../model/errors';
import { assertSlug, isSlug } from '../util/slug';
import { isMonthFolder, isYearFolder, runShard, type RunPlace } from './runFolders';

export const DEFAULT_FOLDER = 'playbooks';
export const RUN_FILE = 'run.yaml';
export const TIMELINE_FILE = 'timeline.yaml';
export const RETROSPECTIVE_FILE = 'retrospective.md';
/** The repository's review configuration (docs/review.md), beside the playbooks: never a playbook. */
export const REVIEW_CONFIG_FILE = 'review.yaml';

/** A path inside a run folder, as {@link Layout.runOfPath} reads it. */
export interface RunPath {
  runId: string;
  /** The run folder, absolute. */
  dir: string;
  /** What is below the folder ([] for the folder itself, ['run.yaml'] for its file). */
  rest: string[];
}

/**
 * Where every file lives, relative to the repository root:
 *   <folder>/<playbook>.yaml                     a playbook
 *   <folder>/<playbook>.retro.md                 its retrospective template (optional)
 *   <folder>/runs/YYYY/MM/<run>/run.yaml         a run, in the folder of the month it started
 *   <folder>/runs/YYYY/MM/<run>/timeline.yaml    its events, one per line (merge=union)
 *   <folder>/runs/YYYY/MM/<run>/retrospective.md its retrospective
 * A run whose id has no date prefix, or made before runs were sharded, is flat: runs/<run>/
 * (see runFolders.ts). Every name that reaches a path goes through assertSlug, so no name can
 * leave the folder.
 */
export class Layout {
  readonly root: string;
  readonly folder: string;
  /**
   * The folder of each run the last listing found (PlaybooksRepository.listRunIds): a run it
   * listed costs no stat to locate. A run it did not list is looked for on disk.
   */
  private listedDirs: Map<string, string> | undefined;

  constructor(root: string, folder: string = DEFAULT_FOLDER) {
    this.root = path.resolve(root);
    const normalized = path.posix.normalize(folder.replace(/\\/g, '/')).replace(/\/+$/, '');
    if (normalized.startsWith('..') || path.isAbsolute(normalized) || normalized === '' || normalized === '.') {
      throw new OperationRefused(`playbooks folder "${folder}" must be a folder inside the repository`);
    }
    // git owns .git (hooks run from there): files written there would never be committed, and could run.
    if (normalized.split('/')[0]?.toLowerCase() === '.git') {
      throw new OperationRefused(`playbooks folder "${folder}" is inside .git; choose a folder of the work tree, such as "playbooks"`);
    }
    this.folder = normalized;
    this.playbooksDir = path.join(this.root, this.folder);
    this.runsDir = path.join(this.playbooksDir, 'runs');
  }

  /** Absolute; computed once (the index asks for them for each of 20,000 runs). */
  readonly playbooksDir: string;
  readonly runsDir: string;

  playbookFile(slug: string): string {
    return path.join(this.playbooksDir, `${assertSlug('Playbook', slug)}.yaml`);
  }

  retroTemplateFile(slug: string): string {
    return path.join(this.playbooksDir, `${assertSlug('Playbook', slug)}.retro.md`);
  }

  /** A sibling file named in a playbook (templateFile); the schema restricts it to a plain file name. */
  siblingFile(name: string): string {
    const base = path.basename(name);
    if (base !== name) throw new OperationRefused(`"${name}" must be a file name beside the playbook, without folders`);
    return path.join(this.playbooksDir, base);
  }

  /**
   * The folder of a run: where the last listing found it, else its month folder when that exists
   * or nothing exists flat (a new run), else the flat folder of a repository not migrated yet.
   */
  runDir(runId: string): string {
    // A listed id is a slug already: one map lookup (the index asks for each of 20,000 runs).
    const listed = this.listedDirs?.get(runId);
    if (listed !== undefined) return listed;
    const shard = runShard(assertSlug('Run', runId));
    return shard === undefined || this.placeOf(runId, shard) === 'flat' ? this.flatRunDir(runId) : this.inMonthFolder(runId, shard);
  }

  /** Where new runs go: runs/YYYY/MM/<run>, or runs/<run> for an id without a date prefix. */
  shardedRunDir(runId: string): string {
    const shard = runShard(assertSlug('Run', runId));
    return shard === undefined ? this.flatRunDir(runId) : this.inMonthFolder(runId, shard);
  }

  // Concatenation, not path.join: the index locates 20,000 runs with it. The id is a slug.
  private inMonthFolder(runId: string, shard: string): string {
    return `${this.runsDir}${path.sep}${shard.replace('/', path.sep)}${path.sep}${runId}`;
  }

  /** The folder of a run in the layout before sharding: runs/<run>. */
  flatRunDir(runId: string): string {
    return `${this.runsDir}${path.sep}${assertSlug('Run', runId)}`;
  }

  /** Repository-relative run folder with "/", as problems show it: playbooks/runs/2026/11/<run>. */
  relativeRunDir(runId: string): string {
    return this.relativeToFolder(this.runDir(runId));
  }

  // runDir's answer is inside the playbooks folder: slicing is enough (the index asks for 20,000 runs).
  private relativeToFolder(dir: string): string {
    return `${this.folder}/${dir.slice(this.playbooksDir.length + 1).split(path.sep).join('/')}`;
  }

  /** Takes where a listing found every run (the next lookups of those runs cost no stat). */
  rememberRunPlaces(places: ReadonlyMap<string, RunPlace>): void {
    const dirs = new Map<string, string>();
    for (const [runId, place] of places) dirs.set(runId, place === 'flat' ? this.flatRunDir(runId) : this.shardedRunDir(runId));
    this.listedDirs = dirs;
  }

  /** A watcher saw the run's folder change: it may have moved (a migration, a branch switch), so look again. */
  forgetRunPlace(runId: string): void {
    this.listedDirs?.delete(runId);
  }

  /** Where a dated run that no listing placed is, looked for on disk (its month folder first). */
  private placeOf(runId: string, shard: string): RunPlace {
    if (fs.existsSync(this.inMonthFolder(runId, shard))) return 'sharded';
    return fs.existsSync(this.flatRunDir(runId)) ? 'flat' : 'sharded';
  }

  /**
   * The run a path is in (its folder, or a file below), flat or sharded; undefined for any other
   * path, the year and month folders included (see {@link isRunsFolder}).
   */
  runOfPath(file: string): RunPath | undefined {
    const relative = path.relative(this.runsDir, path.resolve(file));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const parts = relative.split(path.sep);
    const [first = '', second = '', third = ''] = parts;
    if (isYearFolder(first)) {
      if (!isMonthFolder(second) || !isSlug(third) || runShard(third) !== `${first}/${second}`) return undefined;
      return { runId: third, dir: path.join(this.runsDir, first, second, third), rest: parts.slice(3) };
    }
    return isSlug(first) ? { runId: first, dir: path.join(this.runsDir, first), rest: parts.slice(1) } : undefined;
  }

  /** runs/ itself, a year folder or a month folder: a change there may concern any number of runs. */
  isRunsFolder(dir: string): boolean {
    const relative = path.relative(this.runsDir, path.resolve(dir));
    if (relative === '') return true;
    const [year = '', month, ...rest] = relative.split(path.sep);
    return isYearFolder(year) && rest.length === 0 && (month === undefined || isMonthFolder(month));
  }

  runFile(runId: string): string {
    return path.join(this.runDir(runId), RUN_FILE);
  }

  timelineFile(runId: string): string {
    return path.join(this.runDir(runId), TIMELINE_FILE);
  }

  retrospectiveFile(runId: string): string {
    return path.join(this.runDir(runId), RETROSPECTIVE_FILE);
  }

  /**
   * Refuses a write whose real path leaves the playbooks folder: a cloned repository can carry a
   * symbolic link (a run folder, runs/, the folder itself) that points anywhere, .git included.
   */
  assertWritable(file: string): void {
    const realRoot = realPathOf(this.root);
    const realFolder = realPathOf(this.playbooksDir);
    const realFile = realPathOf(file);
    if (isSameOrInside(path.join(realRoot, '.git'), realFolder)) {
      throw new OperationRefused(`refusing to write ${this.relative(file)}: a symbolic link leads it to ${realFile}, inside .git`);
    }
    if (!isSameOrInside(realRoot, realFolder) || !isSameOrInside(realFolder, realFile)) {
      throw new OperationRefused(`refusing to write ${this.relative(file)}: a symbolic link leads it to ${realFile}, outside the playbooks folder ${this.folder}`);
    }
  }

  /** Repository-relative path with forward slashes, as git and problem lists show it. */
  relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /**
   * The .gitattributes pattern of a run file (timelines merge line by line, run.yaml and
   * retrospectives with git-playbooks' drivers); `**` matches run folders at any depth under runs.
   */
  attributesPattern(file: typeof RUN_FILE | typeof TIMELINE_FILE | typeof RETROSPECTIVE_FILE): string {
    return `${this.folder}/runs/**/${file}`;
  }

  /** The timelines' pattern `init` wrote before run files had drivers; still accepted. */
  get legacyTimelineAttributesPattern(): string {
    return `${this.folder}/runs/*/${TIMELINE_FILE}`;
  }
}
