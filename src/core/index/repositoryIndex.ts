import * as path from 'node:path';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { RETROSPECTIVE_FILE, REVIEW_CONFIG_FILE, RUN_FILE } from '../repository/layout';
import { isSlug } from '../util/slug';
import { readStamped, stampOf, type Stamp } from './fileStamp';
import type { IndexSnapshot, PlaybookSummary, RunSummary } from './indexTypes';
import type { PersistedIndex, PersistedPlaybook, PersistedRun } from './persistedIndex';
import { runSteps, runStepsAsync, type Steps } from './steps';
import { retrospectiveFacts, summarizePlaybook, summarizeRun } from './summaries';

/** Runs (and playbooks, which are larger) checked between two pauses of refreshAsync: a few milliseconds of work. */
const YIELD_EVERY = 100;
const PLAYBOOKS_PER_YIELD = 20;

/** Above this many changed paths, re-checking every file is as cheap as sorting out the paths. */
const MAX_CHANGED_PATHS = 5_000;

interface PlaybookEntry extends PersistedPlaybook {
  summary: PlaybookSummary;
}

interface RunEntry extends PersistedRun {
  /** base with the retrospective status: the object every snapshot hands out, until a file changes. */
  summary: RunSummary;
}

/**
 * What the tree needs of every playbook and run, cached per file by its stamp, so that a refresh
 * re-parses only files that changed and forgets the ones that are gone. Given the paths a file
 * watcher reported, a refresh looks at those alone (its cost does not grow with the repository);
 * without them it re-checks every stamp (a branch switch, the Refresh command, a start-up from a
 * persisted index).
 */
export class RepositoryIndex {
  private readonly playbooks = new Map<string, PlaybookEntry>();
  private readonly runs = new Map<string, RunEntry>();
  private current: IndexSnapshot | undefined;
  /** How many files were parsed by the last refresh: unchanged files are not. */
  lastParsed = 0;
  /** Full refreshes under way (refreshAsync pauses; a refresh of changed paths may run meanwhile). */
  private fullRefreshesRunning = 0;
  private readonly touchedDuringFullRefresh = new Set<string>();
  /** Something changed since the entries were last persisted. */
  private changedSincePersist = true;

  constructor(
    readonly repo: PlaybooksRepository,
    persisted?: PersistedIndex,
  ) {
    if (persisted) this.restore(persisted);
  }

  /**
   * Takes the entries a previous session persisted, for files this index has not looked at yet
   * (what it already read is newer). The snapshot shows them at once; a full refresh checks them.
   */
  restore(persisted: PersistedIndex): void {
    const fresh = this.playbooks.size === 0 && this.runs.size === 0;
    for (const entry of persisted.playbooks) if (!this.playbooks.has(entry.slug)) this.playbooks.set(entry.slug, entry);
    for (const entry of persisted.runs) {
      if (!this.runs.has(entry.base.id)) this.runs.set(entry.base.id, { ...entry, summary: withRetrospective(entry.base, entry.retro, entry.retroActions) });
    }
    this.current = undefined;
    if (fresh) this.changedSincePersist = false;
  }

  /** The last snapshot, without looking at the disk (empty before the first refresh). */
  get snapshot(): IndexSnapshot {
    return (this.current ??= this.buildSnapshot(this.sortedRunIds()));
  }

  /**
   * Brings the index up to date and returns the snapshot. With `changed` (paths a watcher reported),
   * only those are looked at; without, every file's stamp is checked.
   */
  refresh(changed?: readonly string[]): IndexSnapshot {
    if (changed !== undefined && changed.length <= MAX_CHANGED_PATHS) {
      const targets = this.classify(changed);
      if (targets !== 'everything') return this.refreshTargets(targets);
    }
    return runSteps(this.fullRefresh());
  }

  /**
   * A full refresh that yields to the event loop every few milliseconds, so that loading a large
   * repository (20,000 runs: seconds when cold) never blocks the extension host.
   */
  refreshAsync(): Promise<IndexSnapshot> {
    return runStepsAsync(this.fullRefresh());
  }

  /** The entries to persist, or undefined when nothing changed since they were last taken. */
  takeChangesToPersist(): PersistedIndex | undefined {
    if (!this.changedSincePersist || this.current === undefined) return undefined;
    this.changedSincePersist = false;
    return this.persisted();
  }

  /** Every entry, as the persisted index stores them. */
  persisted(): PersistedIndex {
    return {
      playbooks: [...this.playbooks.values()].map(({ slug, stamp, summary }) => ({ slug, stamp, summary })),
      runs: [...this.runs.values()].map(({ runStamp, base, retroStamp, retro, retroActions }) => ({
        runStamp,
        base,
        ...(retroStamp !== undefined ? { retroStamp } : {}),
        retro,
        ...(retroActions !== undefined ? { retroActions } : {}),
      })),
    };
  }

  private *fullRefresh(): Steps<IndexSnapshot> {
    this.lastParsed = 0;
    this.fullRefreshesRunning += 1;
    try {
      const slugs = this.repo.listPlaybookSlugs();
      for (const [position, slug] of slugs.entries()) {
        if (position > 0 && position % PLAYBOOKS_PER_YIELD === 0) yield;
        this.updatePlaybook(slug);
      }
      this.forgetAllBut(this.playbooks, new Set(slugs));
      const ids = this.repo.listRunIds();
      for (const [position, id] of ids.entries()) {
        if (position > 0 && position % YIELD_EVERY === 0) yield;
        this.updateRun(id);
      }
      // A run a refresh of changed paths saw while this one paused may be newer than the listing.
      const touched = [...this.touchedDuringFullRefresh].filter((id) => this.runs.has(id));
      this.forgetAllBut(this.runs, new Set([...ids, ...touched]));
      this.current = this.buildSnapshot(touched.length > 0 ? this.sortedRunIds() : ids.filter((id) => this.runs.has(id)));
      return this.current;
    } finally {
      this.fullRefreshesRunning -= 1;
      if (this.fullRefreshesRunning === 0) this.touchedDuringFullRefresh.clear();
    }
  }

  /** Looks at the given playbooks and runs only; the new snapshot is the old one with those replaced. */
  private refreshTargets(targets: Targets): IndexSnapshot {
    this.lastParsed = 0;
    let playbooksChanged = false;
    const slugs = targets.allPlaybooks ? this.repo.listPlaybookSlugs() : [...targets.playbooks];
    for (const slug of slugs) playbooksChanged = this.updatePlaybook(slug) || playbooksChanged;
    if (targets.allPlaybooks) playbooksChanged = this.forgetAllBut(this.playbooks, new Set(slugs)) || playbooksChanged;
    const removed: RunSummary[] = [];
    const added: RunSummary[] = [];
    for (const id of targets.runs) {
      if (this.fullRefreshesRunning > 0) this.touchedDuringFullRefresh.add(id);
      const before = this.runs.get(id)?.summary;
      if (!this.updateRun(id)) continue;
      const after = this.runs.get(id)?.summary;
      if (before) removed.push(before);
      if (after) added.push(after);
    }
    const base = this.current;
    if (base === undefined) return this.snapshot;
    if (!playbooksChanged && removed.length === 0 && added.length === 0) return base;
    // Copy and patch (binary search by id): no pass over every run; a changed run is replaced in place.
    const runs = base.runs.slice();
    const addedById = new Map(added.map((summary) => [summary.id, summary]));
    for (const summary of removed) {
      const at = positionOf(runs, summary.id);
      if (runs[at] !== summary) continue;
      const replacement = addedById.get(summary.id);
      if (replacement) {
        runs[at] = replacement;
        addedById.delete(summary.id);
      } else runs.splice(at, 1);
    }
    for (const summary of addedById.values()) runs.splice(positionOf(runs, summary.id), 0, summary);
    const delta = !playbooksChanged && base.version !== undefined ? { delta: { base: base.version, removed, added } } : {};
    this.current = { playbooks: playbooksChanged ? this.sortedPlaybooks() : base.playbooks, runs, version: nextVersion(), ...delta };
    return this.current;
  }

  /** Re-reads a playbook when its stamp changed; true when the entry changed. */
  private updatePlaybook(slug: string): boolean {
    const file = this.repo.layout.playbookFile(slug);
    const entry = this.playbooks.get(slug);
    if (entry !== undefined && entry.stamp === this.playbookStamp(file, entry.summary)) return false;
    const stamped = readStamped(file, this.repo.layout.relative(file));
    if (!stamped) return this.playbooks.delete(slug);
    this.lastParsed += 1;
    const summary = summarizePlaybook(this.repo, slug, stamped);
    this.playbooks.set(slug, { slug, stamp: this.playbookStamp(file, summary, stamped.stamp) ?? stamped.stamp, summary });
    this.changedSincePersist = true;
    return true;
  }

  /**
   * A playbook's stamp includes its retrospective template file when it names one: creating or
   * deleting that file changes the playbook's problems without touching the playbook.
   */
  private playbookStamp(file: string, summary: PlaybookSummary, own: Stamp | undefined = stampOf(file)): Stamp | undefined {
    const templateFile = summary.playbook?.retrospective?.templateFile;
    if (own === undefined || templateFile === undefined) return own;
    return `${own}|${stampOf(this.repo.layout.siblingFile(templateFile)) ?? 'missing'}`;
  }

  /** Re-reads what changed of a run (its file, its retrospective); true when the entry changed. */
  private updateRun(id: string): boolean {
    // Ids come from the folder listing or the watcher, both checked as slugs: plain concatenation
    // instead of path.join and path.relative, which cost a tenth of a second over 20,000 runs.
    const dir = this.repo.layout.runDir(id);
    const runFile = `${dir}${path.sep}${RUN_FILE}`;
    const retroFile = `${dir}${path.sep}${RETROSPECTIVE_FILE}`;
    const entry = this.runs.get(id);
    let base = entry?.base;
    let runStamp = entry?.runStamp;
    const currentRunStamp = entry === undefined ? undefined : stampOf(runFile);
    if (entry === undefined || currentRunStamp !== entry.runStamp) {
      const shown = `${this.repo.layout.relativeRunDir(id)}/${RUN_FILE}`;
      const stamped = readStamped(runFile, shown);
      if (!stamped) return this.runs.delete(id);
      this.lastParsed += 1;
      base = summarizeRun(this.repo, id, stamped, shown);
      runStamp = stamped.stamp;
    }
    let retroStamp = entry?.retroStamp;
    let retro = entry?.retro ?? 'none';
    let retroActions = entry?.retroActions;
    // A run seen for the first time has no stamp to compare with: read at once, without a stat first.
    const currentRetroStamp = entry === undefined ? 'unknown' : stampOf(retroFile);
    if (currentRetroStamp === undefined) {
      retroStamp = undefined;
      retro = 'none';
      retroActions = undefined;
    } else if (currentRetroStamp !== retroStamp) {
      const shown = `${this.repo.layout.relativeRunDir(id)}/${RETROSPECTIVE_FILE}`;
      const stamped = readStamped(retroFile, shown);
      if (stamped) this.lastParsed += 1;
      retroStamp = stamped?.stamp;
      const facts = stamped ? retrospectiveFacts(this.repo, id, stamped, shown) : { status: 'none' as const };
      retro = facts.status;
      retroActions = facts.actions;
    }
    if (base === undefined || runStamp === undefined) return false;
    if (entry && entry.base === base && entry.retroStamp === retroStamp && entry.retro === retro && entry.retroActions === retroActions) return false;
    this.runs.set(id, {
      runStamp,
      base,
      ...(retroStamp !== undefined ? { retroStamp } : {}),
      retro,
      ...(retroActions !== undefined ? { retroActions } : {}),
      summary: withRetrospective(base, retro, retroActions),
    });
    this.changedSincePersist = true;
    return true;
  }

  private forgetAllBut<T>(entries: Map<string, T>, keep: ReadonlySet<string>): boolean {
    let removed = false;
    for (const key of entries.keys()) {
      if (keep.has(key)) continue;
      entries.delete(key);
      removed = true;
    }
    if (removed) this.changedSincePersist = true;
    return removed;
  }

  private sortedRunIds(): string[] {
    return [...this.runs.keys()].sort();
  }

  private buildSnapshot(runIds: readonly string[]): IndexSnapshot {
    const runs = runIds.flatMap((id) => this.runs.get(id)?.summary ?? []);
    return { playbooks: this.sortedPlaybooks(), runs, version: nextVersion() };
  }

  private sortedPlaybooks(): PlaybookSummary[] {
    return [...this.playbooks.keys()].sort().flatMap((slug) => this.playbooks.get(slug)?.summary ?? []);
  }

  /** Sorts watcher paths into the playbooks and runs they concern; 'everything' when a whole folder changed. */
  private classify(changed: readonly string[]): Targets | 'everything' {
    const layout = this.repo.layout;
    const playbooksDir = path.resolve(layout.playbooksDir);
    const targets: Targets = { playbooks: new Set(), runs: new Set(), allPlaybooks: false };
    for (const changedPath of changed) {
      const file = path.resolve(changedPath);
      // runs/, a year or a month folder: created or deleted whole (a branch switch, a migration).
      if (file === playbooksDir || playbooksDir.startsWith(file + path.sep) || layout.isRunsFolder(file)) return 'everything';
      const parent = path.dirname(file);
      const name = path.basename(file);
      if (parent === playbooksDir) {
        // The review configuration is no playbook, and no playbook depends on it.
        if (name === REVIEW_CONFIG_FILE) continue;
        const slug = name.endsWith('.yaml') ? name.slice(0, -'.yaml'.length) : '';
        if (isSlug(slug)) targets.playbooks.add(slug);
        // A retrospective template beside the playbooks (or any other file there) may be one a playbook names.
        else targets.allPlaybooks = true;
        continue;
      }
      // The run folder itself, or its run file or retrospective (flat or in its month folder).
      const run = layout.runOfPath(file);
      if (run === undefined) continue;
      const [below, ...deeper] = run.rest;
      if (below !== undefined && (deeper.length > 0 || (below !== RUN_FILE && below !== RETROSPECTIVE_FILE))) continue;
      layout.forgetRunPlace(run.runId);
      targets.runs.add(run.runId);
    }
    return targets;
  }
}

interface Targets {
  playbooks: Set<string>;
  runs: Set<string>;
  allPlaybooks: boolean;
}

let lastVersion = 0;
const nextVersion = (): number => (lastVersion += 1);

/** Where a run with this id is, or would go, in runs ordered by id. */
function positionOf(runs: readonly RunSummary[], id: string): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((runs[middle]?.id ?? '') < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

function withRetrospective(base: RunSummary, retro: RunSummary['retrospective'], actions: RunSummary['actions']): RunSummary {
  if (actions !== undefined) return { ...base, retrospective: retro, actions };
  return retro === base.retrospective ? base : { ...base, retrospective: retro };
}
