import type { IndexSnapshot, RunSummary } from '../core/index/indexTypes';
import type { TaskState } from '../core/model/types';

/**
 * Pure text and grouping for the sidebar tree (no vscode import, so unit tests cover it).
 */

/** How many runs a group renders at once; older ones are reached through Open Run. */
export const GROUP_LIMIT = 200;

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** A time for people: local, to the minute ("2026-11-24 14:05"). */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type RetroLabel = 'retro due' | 'published' | 'skipped' | 'draft' | 'retro unreadable' | undefined;

/** What the retrospective means for a run: due only once the run is finished, and never while it is turned off. */
export function retroLabel(run: Pick<RunSummary, 'status' | 'retrospective' | 'retrospectiveEnabled'>): RetroLabel {
  switch (run.retrospective) {
    case 'draft':
      return run.status === 'finished' && run.retrospectiveEnabled ? 'retro due' : undefined;
    case 'published':
      return 'published';
    case 'skipped':
      return 'skipped';
    case 'invalid':
      return 'retro unreadable';
    default:
      return undefined;
  }
}

export function isRetroDue(run: Pick<RunSummary, 'status' | 'retrospective' | 'retrospectiveEnabled'>): boolean {
  return retroLabel(run) === 'retro due';
}

/** owner · 3/7 · retro due */
export function runDescription(run: RunSummary): string {
  if (!run.readable) return plural(run.errors, 'problem');
  const parts = [run.owner, `${run.tasksDone}/${run.tasksTotal}`];
  const retro = retroLabel(run);
  if (retro) parts.push(retro);
  if (run.errors > 0) parts.push(plural(run.errors, 'problem'));
  return parts.join(' · ');
}

/** "2 active · 14 runs", "14 runs" or "no runs". */
export function playbookDescription(active: number, total: number): string {
  if (total === 0) return 'no runs';
  return active > 0 ? `${active} active · ${plural(total, 'run')}` : plural(total, 'run');
}

/** Newest first by start time; the id (date-prefixed) breaks ties and orders unreadable runs. */
export function compareNewestFirst(a: RunSummary, b: RunSummary): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface PlaybookRuns {
  inProgress: RunSummary[];
  finished: RunSummary[];
}

/** Key for runs whose playbook is not in the folder (deleted, renamed) or that cannot be read. */
export const OTHER_RUNS = '';

const grouped = new WeakMap<IndexSnapshot, Map<string, PlaybookRuns>>();
/** The groupings of the last few snapshot versions, so that the next snapshot's delta applies to them. */
const recent = new Map<number, Map<string, PlaybookRuns>>();
const RECENT_VERSIONS = 8;

/**
 * Runs of each playbook, newest first, split by status; computed once per snapshot (the tree asks
 * for it on every expand), and from the previous grouping when the snapshot says which runs changed
 * (one file changed in a repository of 20,000 runs costs a few groups, not a sort of every run).
 */
export function runsByPlaybook(snapshot: IndexSnapshot): Map<string, PlaybookRuns> {
  const cached = grouped.get(snapshot);
  if (cached) return cached;
  const known = new Set(snapshot.playbooks.map((playbook) => playbook.slug));
  const keyOf = (run: RunSummary): string => (run.readable && known.has(run.playbook) ? run.playbook : OTHER_RUNS);
  const delta = snapshot.delta;
  const base = delta ? recent.get(delta.base) : undefined;
  const result = delta && base ? applyDelta(base, delta.removed, delta.added, keyOf) : groupAll(snapshot.runs, keyOf);
  grouped.set(snapshot, result);
  if (snapshot.version !== undefined) {
    recent.set(snapshot.version, result);
    for (const version of recent.keys()) if (recent.size > RECENT_VERSIONS) recent.delete(version);
  }
  return result;
}

function groupAll(runs: readonly RunSummary[], keyOf: (run: RunSummary) => string): Map<string, PlaybookRuns> {
  const result = new Map<string, PlaybookRuns>();
  for (const run of [...runs].sort(compareNewestFirst)) {
    const key = keyOf(run);
    let entry = result.get(key);
    if (!entry) result.set(key, (entry = { inProgress: [], finished: [] }));
    (run.status === 'finished' ? entry.finished : entry.inProgress).push(run);
  }
  return result;
}

/** The base grouping with a few runs taken out and put in; only the groups they touch are copied. */
function applyDelta(base: Map<string, PlaybookRuns>, removed: readonly RunSummary[], added: readonly RunSummary[], keyOf: (run: RunSummary) => string): Map<string, PlaybookRuns> {
  const result = new Map(base);
  const copied = new Set<string>();
  const groupOf = (key: string): PlaybookRuns => {
    const existing = result.get(key);
    if (existing && copied.has(key)) return existing;
    const copy = { inProgress: [...(existing?.inProgress ?? [])], finished: [...(existing?.finished ?? [])] };
    result.set(key, copy);
    copied.add(key);
    return copy;
  };
  const listOf = (group: PlaybookRuns, run: RunSummary): RunSummary[] => (run.status === 'finished' ? group.finished : group.inProgress);
  for (const run of removed) {
    const key = keyOf(run);
    if (!result.has(key)) continue;
    const list = listOf(groupOf(key), run);
    const at = list.indexOf(run);
    if (at >= 0) list.splice(at, 1);
  }
  for (const run of added) {
    const list = listOf(groupOf(keyOf(run)), run);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = list[middle];
      if (other !== undefined && compareNewestFirst(other, run) <= 0) low = middle + 1;
      else high = middle;
    }
    list.splice(low, 0, run);
  }
  for (const key of copied) {
    const group = result.get(key);
    if (group && group.inProgress.length === 0 && group.finished.length === 0) result.delete(key);
  }
  return result;
}

/** "…and 1,234 older runs" when a group shows only its newest {@link GROUP_LIMIT}. */
export function olderRunsNote(total: number, limit = GROUP_LIMIT): string | undefined {
  const hidden = total - limit;
  return hidden > 0 ? `…and ${hidden.toLocaleString('en-US')} older ${hidden === 1 ? 'run' : 'runs'}` : undefined;
}

export const TASK_STATE_ICONS: Readonly<Record<TaskState, string>> = {
  open: 'circle-large-outline',
  in_progress: 'sync',
  closed: 'pass-filled',
  skipped: 'circle-slash',
};

/** Counts for the view's description: "2 in progress · 1 retro due". */
export function viewDescription(runs: readonly RunSummary[]): string | undefined {
  let active = 0;
  let due = 0;
  for (const run of runs) {
    if (!run.readable) continue;
    if (run.status === 'in_progress') active += 1;
    else if (isRetroDue(run)) due += 1;
  }
  const parts = [active > 0 ? `${active} in progress` : '', due > 0 ? `${due} retro due` : ''].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
