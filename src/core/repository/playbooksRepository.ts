import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Playbook, RetrospectiveMeta, Run, Timeline } from '../model/types';
import { errorsOf, readFrontMatterText, readTextFile, readYamlText, usableData, type ReadResult } from '../files/documentReader';
import type { Problem } from '../files/problem';
import { readProblems } from '../files/textChecks';
import { checkPlaybook, checkRetrospective, checkRun, checkTimeline, withoutRepeatedEvents } from '../validation/semanticChecks';
import { OperationRefused } from '../model/errors';
import { assertSlug, isSlug } from '../util/slug';
import { Layout, REVIEW_CONFIG_FILE } from './layout';

/** `review.yaml` holds the review configuration, so no playbook can be named `review`. */
export const REVIEW_CONFIG_SLUG = REVIEW_CONFIG_FILE.slice(0, -'.yaml'.length);
import { scanRunFolders, type RunFolderScan } from './runFolders';

export interface RunEntry {
  id: string;
  file: string;
  result: ReadResult<Run>;
}

/**
 * How reading a run checks that its playbook exists (a warning): 'disk' (a stat), a known answer
 * (a sweep that listed the playbooks), or 'unchecked' (readers that use errors only).
 */
export type PlaybookExistence = 'disk' | 'unchecked' | ((slug: string) => boolean);

/**
 * Reads playbooks and runs from the files under the layout's folder. Stateless: every call reads
 * the disk, so the CLI always sees what is there (the extension adds its own cache on top).
 */
export class PlaybooksRepository {
  constructor(readonly layout: Layout) {}

  static at(root: string, folder?: string): PlaybooksRepository {
    return new PlaybooksRepository(new Layout(root, folder));
  }

  exists(): boolean {
    return fs.existsSync(this.layout.playbooksDir);
  }

  /** Playbook slugs, sorted; files whose names are not valid slugs are reported by {@link strayFiles}. */
  listPlaybookSlugs(): string[] {
    // Only .yaml: a .yml file is a stray file (its slug would name a .yaml that does not exist).
    return this.playbookFileNames()
      .filter((name) => name.endsWith('.yaml'))
      .filter((name) => name !== REVIEW_CONFIG_FILE)
      .map((name) => name.slice(0, -'.yaml'.length))
      .filter(isSlug)
      .sort();
  }

  /** YAML files in the folder whose names cannot be playbook slugs. */
  strayFiles(): string[] {
    return this.playbookFileNames()
      .filter((name) => name !== REVIEW_CONFIG_FILE && (!isSlug(name.replace(/\.ya?ml$/, '')) || name.endsWith('.yml')))
      .map((name) => this.layout.relative(path.join(this.layout.playbooksDir, name)));
  }

  private playbookFileNames(): string[] {
    if (!this.exists()) return [];
    return fs
      .readdirSync(this.layout.playbooksDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => entry.name);
  }

  playbookExists(slug: string): boolean {
    return isSlug(slug) && slug !== REVIEW_CONFIG_SLUG && fs.existsSync(this.layout.playbookFile(slug));
  }

  readPlaybook(slug: string): ReadResult<Playbook> {
    return this.readThen(this.layout.playbookFile(slug), (text) => this.parsePlaybook(slug, text));
  }

  /**
   * Each parse* checks a file's text already read (by the index, an editor's buffer, an edit) exactly
   * as the matching read* checks the file on disk: one place pairs each kind with its checks.
   */
  parsePlaybook(slug: string, text: string): ReadResult<Playbook> {
    return readYamlText<Playbook>('Playbook', this.layout.relative(this.layout.playbookFile(slug)), text, (playbook) =>
      // The schema allows a plain file name only, so siblingFile cannot refuse it here.
      checkPlaybook(playbook, (name) => fs.existsSync(this.layout.siblingFile(name)), new Date(), (name) => this.readSiblingText(name)),
    );
  }

  /** The playbook, or an error listing its problems: for operations that cannot go on without it. */
  requirePlaybook(slug: string): Playbook {
    assertSlug('Playbook', slug);
    if (!this.playbookExists(slug)) {
      const known = this.listPlaybookSlugs();
      throw new OperationRefused(`no playbook ${JSON.stringify(slug)}${known.length > 0 ? `; playbooks: ${known.join(', ')}` : '; there are no playbooks yet'}`, known.length > 0 ? undefined : { kind: 'action', action: 'newPlaybook' });
    }
    return requireData(this.readPlaybook(slug));
  }

  /** The retrospective template of a playbook: inline, or read from its sibling file. */
  retrospectiveTemplate(playbook: Playbook): string {
    const settings = playbook.retrospective;
    if (settings?.templateFile !== undefined) return fs.readFileSync(this.layout.siblingFile(settings.templateFile), 'utf8');
    return settings?.template ?? '';
  }

  /** A sibling file's text (a template file), undefined when it cannot be read. */
  private readSiblingText(name: string): string | undefined {
    const read = readTextFile(this.layout.siblingFile(name), name);
    return 'problem' in read ? undefined : read.text;
  }

  /** Every run id, flat and sharded (see runFolders.ts); the layout keeps where each was found. */
  listRunIds(): string[] {
    return this.scanRuns().ids;
  }

  /** The listing with what it found out of place (validate reports those, migrate moves them). */
  scanRuns(): RunFolderScan & { ids: string[] } {
    const scan = scanRunFolders(this.layout.runsDir);
    this.layout.rememberRunPlaces(scan.places);
    return { ...scan, ids: [...scan.places.keys()].sort() };
  }

  runExists(id: string): boolean {
    return isSlug(id) && fs.existsSync(this.layout.runFile(id));
  }

  /** playbookExists: how the "playbook does not exist" warning is checked (see PlaybookExistence). */
  readRun(id: string, playbookExists: PlaybookExistence = 'disk'): ReadResult<Run> {
    return this.readThen(this.layout.runFile(id), (text, shown) => this.parseRun(id, text, playbookExists, shown));
  }

  /**
   * Unchecked by default: the index keeps its result across playbooks coming and going, and the
   * warning never changes what the run shows.
   */
  parseRun(id: string, text: string, playbookExists: PlaybookExistence = 'unchecked', displayName = this.layout.relative(this.layout.runFile(id))): ReadResult<Run> {
    const exists = playbookExists === 'unchecked' ? undefined : playbookExists === 'disk' ? (slug: string): boolean => this.playbookExists(slug) : playbookExists;
    return readYamlText<Run>('Run', displayName, text, (run) => checkRun(run, exists));
  }

  requireRun(id: string): Run {
    assertSlug('Run', id);
    if (!this.runExists(id)) throw noRunError(id);
    return requireData(this.readRun(id));
  }

  readTimeline(id: string): ReadResult<Timeline> {
    return this.readThen(this.layout.timelineFile(id), (text) => this.parseTimeline(id, text));
  }

  /** A word-for-word repeated event (a union merge's copy) counts once; validate warns about it. */
  parseTimeline(id: string, text: string): ReadResult<Timeline> {
    const result = readYamlText<Timeline>('Timeline', this.layout.relative(this.layout.timelineFile(id)), text, checkTimeline);
    const events = result.data?.events;
    if (result.data === undefined || !Array.isArray(events)) return result;
    const once = withoutRepeatedEvents(events);
    return once.length === events.length ? result : { ...result, data: { ...result.data, events: once } };
  }

  requireTimeline(id: string): Timeline {
    return requireData(this.readTimeline(id));
  }

  hasRetrospective(id: string): boolean {
    return fs.existsSync(this.layout.retrospectiveFile(id));
  }

  /** runStartedAt: the run's start when known, so no action may be due before it. */
  readRetrospective(id: string, playbook?: Playbook, runStartedAt?: string): ReadResult<RetrospectiveMeta> {
    return this.readThen(this.layout.retrospectiveFile(id), (text, shown) => this.parseRetrospective(id, text, playbook, shown, runStartedAt));
  }

  parseRetrospective(id: string, text: string, playbook?: Playbook, displayName = this.layout.relative(this.layout.retrospectiveFile(id)), runStartedAt?: string): ReadResult<RetrospectiveMeta> {
    return readFrontMatterText<RetrospectiveMeta>('Retrospective', displayName, text, (meta) => checkRetrospective(meta, playbook, runStartedAt));
  }

  /** A file's text (size, encoding, NUL and conflict markers checked), then parsed; a read problem is the only problem. */
  private readThen<T>(file: string, parse: (text: string, shown: string) => ReadResult<T>): ReadResult<T> {
    const shown = this.layout.relative(file);
    const read = readTextFile(file, shown);
    return 'problem' in read ? { problems: readProblems(read) } : parse(read.text, shown);
  }

  /** Every run, read and validated. */
  runs(): RunEntry[] {
    return this.listRunIds()
      .filter((id) => this.runExists(id))
      .map((id) => ({ id, file: this.layout.relative(this.layout.runFile(id)), result: this.readRun(id) }));
  }
}

/** The one message for a run that is not there, whether a command reads or changes it. */
export function noRunError(id: string): OperationRefused {
  return new OperationRefused(`no run ${JSON.stringify(id)}`, { kind: 'action', action: 'listRuns' });
}

/** Data of a read, or an error carrying every problem with its file:line:col. */
export function requireData<T>(result: ReadResult<T>): T {
  const data = usableData(result);
  if (data === undefined) throw new InvalidFileError(errorsOf(result));
  return data;
}

export class InvalidFileError extends Error {
  override readonly name = 'InvalidFileError';
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`).join('\n'));
  }
}
