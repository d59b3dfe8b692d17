import { buildCommitMessage } from '../publishing/commitMessage';
import type { RunStatus, TimelineEvent } from '../model/types';
import { newEvents, readRunFacts, type RunFacts, type RunTexts } from './runTexts';

/**
 * The words of a sync, from the texts of each run's run.yaml and timeline.yaml before and after:
 * the message of the commit made of local changes, and what came in from the remote. Pure: the
 * git adapter reads the texts (from commits and the work tree) and passes them in.
 */

/** One run's files on both sides of a change. */
export interface RunChangeTexts {
  runId: string;
  before: RunTexts;
  after: RunTexts;
}

export interface IncomingRunChange {
  runId: string;
  runName: string;
  /** Timeline events that came in from the remote (not created here), oldest first. */
  events: TimelineEvent[];
  /** Set when the owner changed through the incoming changes. */
  ownerNow?: string;
  /** Set when the run's status changed through the incoming changes. */
  statusNow?: RunStatus;
  /** The run was started elsewhere: this clone did not have it. */
  newRun?: boolean;
  /** The run's folder was removed elsewhere. */
  removed?: boolean;
}

/** Files that came in besides runs: under the playbooks folder (listed) and elsewhere (counted). */
export interface IncomingOtherFiles {
  folder: string;
  inFolder: readonly string[];
  outsideCount: number;
}

const MAX_EVENT_LINES = 20;
const MAX_LISTED_FILES = 5;

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

function listed(items: readonly string[], max = MAX_LISTED_FILES): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function facts(change: RunChangeTexts): { before: RunFacts; after: RunFacts; name: string } {
  const before = readRunFacts(change.before);
  const after = readRunFacts(change.after);
  return { before, after, name: after.name ?? before.name ?? change.runId };
}

/** "alice" / "alice and bob" / "alice, bob and carol": who added the events, in order of appearance. */
function actorsOf(events: readonly TimelineEvent[]): string {
  const actors = [...new Set(events.map((event) => event.actor))];
  if (actors.length <= 1) return actors[0] ?? '';
  return `${actors.slice(0, -1).join(', ')} and ${actors[actors.length - 1] ?? ''}`;
}

/**
 * The message of the commit of local changes: a subject that says what the new events are, a
 * body line per new event (grouped by run), and one `Playbook-Run:` trailer per run committed.
 */
export function localCommitMessage(runs: readonly RunChangeTexts[], otherFiles: readonly string[], actor: string): string {
  const described = runs.map((change) => {
    const { before, after, name } = facts(change);
    return { runId: change.runId, name, events: newEvents(before, after) };
  });
  const withEvents = described.filter((run) => run.events.length > 0);
  const eventCount = withEvents.reduce((sum, run) => sum + run.events.length, 0);
  const only = described.length === 1 ? described[0] : undefined;

  let subject: string;
  if (only !== undefined && only.events.length === 1) subject = `${only.name}: ${only.events[0]?.summary ?? ''}`;
  else if (only !== undefined && only.events.length > 1) subject = `${only.name}: ${plural(only.events.length, 'event')} by ${actorsOf(only.events)}`;
  else if (only !== undefined) subject = `${only.name}: update the run`;
  else if (eventCount > 0) subject = `Playbooks: ${plural(eventCount, 'event')} in ${plural(described.length, 'run')}`;
  else if (described.length > 0) subject = `Playbooks: update ${plural(described.length, 'run')}`;
  else subject = `Playbooks: update ${otherFiles.length === 1 ? (otherFiles[0] ?? '') : plural(otherFiles.length, 'file')}`;

  const body: string[] = [];
  for (const run of described) {
    if (run.events.length === 0) {
      body.push(`${run.runId}: run files changed`);
      continue;
    }
    body.push(`${run.runId} (${run.name}):`);
    for (const event of run.events.slice(0, MAX_EVENT_LINES)) body.push(`- ${event.at} ${event.actor}: ${event.summary}`);
    if (run.events.length > MAX_EVENT_LINES) body.push(`- and ${run.events.length - MAX_EVENT_LINES} more`);
  }
  if (otherFiles.length > 0) body.push(`Also: ${listed(otherFiles, 10)}`);
  body.push('', `Synced by ${actor} with git-playbooks.`);
  const trailers = described.map((run): [string, string] => ['Playbook-Run', run.runId]);
  return buildCommitMessage(subject, body.join('\n'), trailers);
}

/** The merge commit's message: which branch came in, and a trailer per run it changed. */
export function mergeCommitMessage(theirs: string, ours: string, runIds: readonly string[]): string {
  return buildCommitMessage(`Merge ${theirs} into ${ours}`, 'Merged by git-playbooks sync.', runIds.map((runId): [string, string] => ['Playbook-Run', runId]));
}

/** What the remote changed in each run: events by others, the owner and status now. */
export function incomingRunChanges(runs: readonly RunChangeTexts[]): IncomingRunChange[] {
  const changes: IncomingRunChange[] = [];
  for (const change of runs) {
    const { before, after, name } = facts(change);
    const incoming: IncomingRunChange = { runId: change.runId, runName: name, events: newEvents(before, after) };
    if (!before.exists && after.exists) incoming.newRun = true;
    if (before.exists && !after.exists) incoming.removed = true;
    if (before.exists && after.exists) {
      if (after.owner !== undefined && after.owner !== before.owner) incoming.ownerNow = after.owner;
      if (after.status !== undefined && after.status !== before.status) incoming.statusNow = after.status;
    }
    changes.push(incoming);
  }
  return changes;
}

/** "2 events from bob, 1 from carol" */
function eventsByActor(events: readonly TimelineEvent[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.actor, (counts.get(event.actor) ?? 0) + 1);
  return [...counts]
    .map(([actor, count], index) => `${index === 0 ? plural(count, 'event') : count} from ${actor}`)
    .join(', ');
}

/** Printable lines, one per run that changed, then one for other files: "<run>: 2 events from bob; owner is now carol". */
export function incomingSummary(changes: readonly IncomingRunChange[], other?: IncomingOtherFiles): string[] {
  const lines = changes.map((change) => {
    if (change.removed === true) return `${change.runId}: removed`;
    const parts: string[] = [];
    if (change.newRun === true) parts.push(`new run "${change.runName}"`);
    if (change.events.length > 0) parts.push(eventsByActor(change.events));
    if (change.ownerNow !== undefined) parts.push(`owner is now ${change.ownerNow}`);
    if (change.statusNow === 'finished') parts.push('finished');
    if (change.statusNow === 'in_progress') parts.push('restored (in progress again)');
    if (parts.length === 0) parts.push('updated');
    return `${change.runId}: ${parts.join('; ')}`;
  });
  if (other !== undefined && (other.inFolder.length > 0 || other.outsideCount > 0)) {
    const parts: string[] = [];
    if (other.inFolder.length > 0) parts.push(`${listed(other.inFolder)} changed`);
    if (other.outsideCount > 0) parts.push(`${plural(other.outsideCount, 'file')} outside ${other.folder}/`);
    lines.push(`also: ${parts.join('; ')}`);
  }
  return lines;
}
