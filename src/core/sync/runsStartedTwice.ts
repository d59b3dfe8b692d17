import { uniqueSlug } from '../util/slug';
import { readRunFacts, type RunFacts, type RunTexts } from './runTexts';

/**
 * Two clones that start a run of the same name on the same day give it the same id, so the same
 * folder: merged, they would become one run with two starts, two owners' worth of changes and
 * one start time. Mattermost gives every run its own id; so does sync: the run that has not been
 * pushed yet (ours) moves to the next free id before the merge, and the one already on the remote
 * keeps the name everyone else has seen. Pure: the git adapter lists and reads both sides.
 */

/** A run folder that both sides added since they parted, with its files on each side. */
export interface RunAddedOnBothSides {
  runId: string;
  ours: RunTexts;
  theirs: RunTexts;
}

export interface RunRename {
  from: string;
  to: string;
  /** The run's name (both runs have it). */
  name: string;
  /** Who started the other run, the one that keeps the id. */
  startedBy: string | undefined;
}

/** The event that started the run: its id tells one run from another that happens to share a folder. */
function startOf(facts: RunFacts): { id: string; actor: string } | undefined {
  return facts.events.find((event) => event.type === 'run_started');
}

/**
 * Which of the runs added on both sides are two different runs (their starts differ), and the id
 * ours moves to: the first `<id>-N` that neither side nor the work tree has (`taken`).
 */
export function runsToRename(candidates: readonly RunAddedOnBothSides[], taken: (runId: string) => boolean): RunRename[] {
  const renames: RunRename[] = [];
  const chosen = new Set<string>();
  for (const candidate of candidates) {
    const ours = readRunFacts(candidate.ours);
    const theirs = readRunFacts(candidate.theirs);
    const ourStart = startOf(ours);
    const theirStart = startOf(theirs);
    // The same start on both sides is the same run (a cherry-pick, a commit pushed twice): merge it.
    if (ourStart !== undefined && ourStart.id === theirStart?.id) continue;
    if (ourStart === undefined && candidate.ours.run === candidate.theirs.run && candidate.ours.timeline === candidate.theirs.timeline) continue;
    const to = uniqueSlug(candidate.runId, (id) => id === candidate.runId || chosen.has(id) || taken(id));
    chosen.add(to);
    renames.push({ from: candidate.runId, to, name: ours.name ?? theirs.name ?? candidate.runId, startedBy: theirStart?.actor });
  }
  return renames;
}

/**
 * Where our runs ended up after a sync's moves (in order; a later move may move a run again): each
 * final id with the id the run had before the sync, and the ids the moves left to other runs.
 */
export function movedRunOrigins(renames: readonly RunRename[]): { origin: Map<string, string>; vacated: Set<string> } {
  const origin = new Map<string, string>();
  const vacated = new Set<string>();
  for (const rename of renames) {
    const first = origin.get(rename.from) ?? rename.from;
    origin.delete(rename.from);
    origin.set(rename.to, first);
    vacated.add(rename.from);
  }
  for (const id of origin.keys()) vacated.delete(id);
  return { origin, vacated };
}

/** The line sync prints (and the output channel logs) about a run it moved. */
export function renameSummary(rename: RunRename): string {
  const who = rename.startedBy ?? 'someone else';
  return `${rename.from}: ${who} also started a run "${rename.name}" under this id; yours is now ${rename.to}`;
}

/** The notification of the person whose run moved. */
export function renameNotice(rename: RunRename): string {
  const who = rename.startedBy ?? 'Someone else';
  return `${who} also started a run "${rename.name}" the same day and pushed it first as ${rename.from}: yours is now ${rename.to}. If it is the same incident, finish one of them.`;
}

/** The message of the commit that moves our runs. */
export function renameCommitMessage(renames: readonly RunRename[]): string {
  const lines = renames.map((rename) => `- ${rename.from} -> ${rename.to}${rename.startedBy !== undefined ? ` (${rename.startedBy} started ${rename.from})` : ''}`);
  const subject = renames.length === 1 ? `Move run ${renames[0]?.from ?? ''} to ${renames[0]?.to ?? ''}` : `Move ${renames.length} runs to free ids`;
  return `${subject}\n\nThe remote has a different run under the same id.\n\n${lines.join('\n')}\n`;
}
