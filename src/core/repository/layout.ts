import * as path from 'node:path';
import { isSameOrInside, realPathOf } from '../files/realPath';
import { OperationRefused } from '../model/errors';
import { assertSlug } from '../util/slug';

export const DEFAULT_FOLDER = 'playbooks';
export const RUN_FILE = 'run.yaml';
export const TIMELINE_FILE = 'timeline.yaml';
export const RETROSPECTIVE_FILE = 'retrospective.md';

/**
 * Where every file lives, relative to the repository root:
 *   <folder>/<playbook>.yaml             a playbook
 *   <folder>/<playbook>.retro.md         its retrospective template (optional)
 *   <folder>/runs/<run>/run.yaml         a run
 *   <folder>/runs/<run>/timeline.yaml    its events, one per line (merge=union)
 *   <folder>/runs/<run>/retrospective.md its retrospective
 * Every name that reaches a path goes through assertSlug, so no name can leave the folder.
 */
export class Layout {
  readonly root: string;
  readonly folder: string;

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
  }

  get playbooksDir(): string {
    return path.join(this.root, this.folder);
  }

  get runsDir(): string {
    return path.join(this.playbooksDir, 'runs');
  }

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

  runDir(runId: string): string {
    return path.join(this.runsDir, assertSlug('Run', runId));
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
