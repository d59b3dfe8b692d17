import * as fs from 'node:fs';
import type { Playbook, RetrospectiveStatus, Run, RunStatus } from '../model/types';
import type { PlaybooksRepository } from '../repository/playbooksRepository';

export interface PlaybookSummary {
  slug: string;
  title: string;
  /** Repository-relative path. */
  file: string;
  errors: number;
  playbook?: Playbook;
}

export interface RunSummary {
  id: string;
  name: string;
  playbook: string;
  status: RunStatus;
  owner: string;
  participants: string[];
  startedAt: string;
  endedAt?: string;
  tasksDone: number;
  tasksTotal: number;
  /** `none` when the run has no retrospective. */
  retrospective: RetrospectiveStatus | 'none' | 'invalid';
  errors: number;
  run?: Run;
}

export interface IndexSnapshot {
  playbooks: PlaybookSummary[];
  runs: RunSummary[];
}

/** Runs read between two pauses of refreshAsync: a few milliseconds of work. */
const YIELD_EVERY = 100;

interface CacheEntry<T> {
  stamp: string;
  value: T;
}

/**
 * What the tree needs of every playbook and run, cached per file by size and mtime so that a
 * refresh re-parses only the files that changed (and forgets the ones that are gone).
 */
export class RepositoryIndex {
  private readonly playbookCache = new Map<string, CacheEntry<PlaybookSummary>>();
  private readonly runCache = new Map<string, CacheEntry<RunSummary>>();
  private readonly retroCache = new Map<string, CacheEntry<RunSummary['retrospective']>>();
  /** How many files were parsed by the last refresh: unchanged files are not. */
  lastParsed = 0;

  constructor(readonly repo: PlaybooksRepository) {}

  /** Re-reads what changed, all at once (after an operation of ours, where the caller waits anyway). */
  refresh(): IndexSnapshot {
    const steps = this.steps();
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The same as refresh, but yielding to the event loop every few hundred files, so that loading a
   * large repository (20,000 runs: seconds) never blocks the extension host.
   */
  async refreshAsync(): Promise<IndexSnapshot> {
    const steps = this.steps();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The refresh, as a generator that pauses every YIELD_EVERY runs. */
  private *steps(): Generator<void, IndexSnapshot> {
    this.lastParsed = 0;
    const layout = this.repo.layout;
    const slugs = this.repo.listPlaybookSlugs();
    const playbooks = slugs.map((slug) =>
      this.cached(this.playbookCache, layout.playbookFile(slug), () => {
        const result = this.repo.readPlaybook(slug);
        return {
          slug,
          title: result.data?.title ?? slug,
          file: layout.relative(layout.playbookFile(slug)),
          errors: result.problems.filter((problem) => problem.severity === 'error').length,
          ...(result.data ? { playbook: result.data } : {}),
        };
      }),
    );
    prune(this.playbookCache, new Set(slugs.map((slug) => layout.playbookFile(slug))));

    const ids = this.repo.listRunIds();
    const runs: RunSummary[] = [];
    const seenRuns = new Set<string>();
    const seenRetros = new Set<string>();
    for (const [position, id] of ids.entries()) {
      if (position > 0 && position % YIELD_EVERY === 0) yield;
      const file = layout.runFile(id);
      seenRuns.add(file);
      const summary = this.cached(this.runCache, file, () => summarizeRun(this.repo, id));
      if (!summary) continue;
      const retroFile = layout.retrospectiveFile(id);
      seenRetros.add(retroFile);
      const retrospective = this.cached(this.retroCache, retroFile, () => {
        const result = this.repo.readRetrospective(id);
        return result.data?.status ?? 'invalid';
      });
      runs.push({ ...summary, retrospective: retrospective ?? 'none' });
    }
    prune(this.runCache, seenRuns);
    prune(this.retroCache, seenRetros);
    return { playbooks: playbooks.filter((entry): entry is PlaybookSummary => entry !== undefined), runs };
  }

  /** The cached value for a file, recomputed when its size or mtime changed; undefined when it is gone. */
  private cached<T>(cache: Map<string, CacheEntry<T>>, file: string, compute: () => T): T | undefined {
    let stamp: string;
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      cache.delete(file);
      return undefined;
    }
    const hit = cache.get(file);
    if (hit && hit.stamp === stamp) return hit.value;
    this.lastParsed += 1;
    const value = compute();
    cache.set(file, { stamp, value });
    return value;
  }
}

function prune<T>(cache: Map<string, T>, keep: Set<string>): void {
  for (const key of cache.keys()) if (!keep.has(key)) cache.delete(key);
}

function summarizeRun(repo: PlaybooksRepository, id: string): RunSummary {
  const result = repo.readRun(id);
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  const run = result.data;
  if (!run) {
    return { id, name: id, playbook: '', status: 'in_progress', owner: '', participants: [], startedAt: '', tasksDone: 0, tasksTotal: 0, retrospective: 'none', errors: Math.max(errors, 1) };
  }
  const items = run.checklists.flatMap((checklist) => checklist.items);
  return {
    id,
    name: run.name,
    playbook: run.playbook,
    status: run.status,
    owner: run.owner,
    participants: run.participants,
    startedAt: run.startedAt,
    ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
    // Skipped tasks count as done, as in Mattermost.
    tasksDone: items.filter((item) => item.state === 'closed' || item.state === 'skipped').length,
    tasksTotal: items.length,
    retrospective: 'none',
    errors,
    run,
  };
}
