import { OperationRefused } from '../core/model/errors';
import { isTaskState, TASK_STATE_LABELS, type TimelineEvent } from '../core/model/types';
import { recordMetric as recordMetricCore } from '../core/retrospectives/retrospectiveOperations';
import {
  addNote as addNoteCore,
  changeOwner as changeOwnerCore,
  changeParticipants as changeParticipantsCore,
  finishRun as finishRunCore,
  postStatusUpdate as postStatusUpdateCore,
  removeNote,
  restoreRun as restoreRunCore,
  withLinkCommit,
  type NoteInput,
} from '../core/runs/runOperations';
import { changeTask as changeTaskCore, type TaskChange } from '../core/runs/taskOperations';
import { startRun as startRunCore } from '../core/runs/startRun';
import type { PlaybooksRepository } from '../core/repository/playbooksRepository';
import type { FolderHost, PublishResult, RunActionTarget, TextQuestion } from './actionTypes';
import { countOpenTasks, openTasksText } from '../core/format/openTasks';

/*
 * Every run and retrospective action, once: its guards, its questions and their wording, the core
 * call (under the run lock) through the host's change(), and what it reports. The palette commands,
 * the run editor and the reminder notification only collect the arguments and call these.
 */

/** Starts a run, recording the commit the playbook file is at (like the CLI). Returns the run id. */
export function startRun(repo: PlaybooksRepository, host: FolderHost, input: { playbook: string; name: string; owner?: string }): Promise<string> {
  return host.change(async (context) => {
    const playbookCommit = repo.playbookExists(input.playbook) ? await host.lastCommitOf(repo.layout.playbookFile(input.playbook)) : undefined;
    const owner = input.owner?.trim();
    return startRunCore(repo, context, {
      playbook: input.playbook,
      name: input.name,
      ...(owner !== undefined && owner !== '' ? { owner } : {}),
      ...(playbookCommit !== undefined ? { playbookCommit } : {}),
    }).runId;
  });
}

export async function postStatusUpdate({ repo, runId, host, prompts }: RunActionTarget, message: string): Promise<TimelineEvent> {
  const event = await host.change((context) => postStatusUpdateCore(repo, context, runId, message));
  prompts.report('$(megaphone) Status update posted');
  return event;
}

export function changeOwner({ repo, runId, host }: RunActionTarget, owner: string): Promise<TimelineEvent> {
  return host.change((context) => changeOwnerCore(repo, context, runId, owner.trim()));
}

export function changeParticipants({ repo, runId, host }: RunActionTarget, add: string[], remove: string[]): Promise<TimelineEvent> {
  return host.change((context) => changeParticipantsCore(repo, context, runId, add, remove));
}

/** A task's state, assignee or both ("" unassigns); `task` is an id, a position ("1.2") or a title. */
export async function changeTask({ repo, runId, host, prompts }: RunActionTarget, task: string, change: TaskChange): Promise<TimelineEvent[]> {
  const events = await host.change((context) => changeTaskCore(repo, context, runId, task, change));
  if (isTaskState(change.state)) prompts.report(`$(check) Task set to ${TASK_STATE_LABELS[change.state].toLowerCase()}`);
  return events;
}

/** Notes may go on finished runs too (the retrospective is written from the timeline). */
export function addNote({ repo, runId, host }: RunActionTarget, note: NoteInput): Promise<TimelineEvent> {
  // Inside the change, after its trust check: a path:line link asks git for the commit checked out.
  return host.change(async (context) => addNoteCore(repo, context, runId, await withLinkCommit(note, () => host.headCommit())));
}

/** Asks before deleting a note; unknown ids and automatic events are refused by the core, unasked. */
export async function deleteNote({ repo, runId, host, prompts }: RunActionTarget, eventId: string): Promise<TimelineEvent | undefined> {
  host.checkWritable();
  const event = repo.requireTimeline(runId).events.find((candidate) => candidate.id === eventId);
  if (event?.type === 'note') {
    const confirmed = await prompts.confirm(`Delete the note "${event.summary}"?`, 'Deleted notes are removed from the timeline; git history keeps them.', 'Delete Note');
    if (!confirmed) return undefined;
  }
  return host.change(() => removeNote(repo, runId, eventId));
}

/** Asks first only when tasks are still open (like Mattermost); undefined when the person declines. */
export async function finishRun({ repo, runId, host, prompts }: RunActionTarget): Promise<TimelineEvent | undefined> {
  host.checkWritable();
  const run = repo.requireRun(runId);
  const open = countOpenTasks(run.checklists);
  if (run.status === 'in_progress' && open > 0) {
    const confirmed = await prompts.confirm(`Finish "${run.name}"? ${openTasksText(open)}.`, 'Status updates, owner, participants and tasks cannot change until the run is restored.', 'Finish Run');
    if (!confirmed) return undefined;
  }
  return host.change((context) => finishRunCore(repo, context, runId));
}

export function restoreRun({ repo, runId, host }: RunActionTarget): Promise<TimelineEvent> {
  return host.change((context) => restoreRunCore(repo, context, runId));
}

export async function recordMetric({ repo, runId, host }: RunActionTarget, metric: string, value: string): Promise<void> {
  await host.change((context) => recordMetricCore(repo, context, runId, metric, value));
}

/** The question for a skip's reason, where the surface has no field of its own for it. */
function skipReasonQuestion(runName: string): TextQuestion {
  return {
    title: `Skip Retrospective: ${runName}`,
    prompt: 'Why is there no retrospective?',
    placeholder: 'e.g. False alarm, no user impact',
    validate: (value) => (value.trim() === '' ? 'Say why, for whoever reads the history.' : undefined),
  };
}

/**
 * Skips a retrospective with a reason (asked when not given) and commits that like a publish; it can
 * still be published later. True when skipped, false when the person cancelled.
 */
export async function skipRetrospective({ repo, runId, host, prompts }: RunActionTarget, reason?: string): Promise<boolean> {
  host.checkWritable();
  const name = repo.requireRun(runId).name;
  const given = reason ?? (await prompts.input(skipReasonQuestion(name)));
  if (given === undefined) return false;
  const why = given.trim();
  if (why === '') throw new OperationRefused('Say why the retrospective is skipped.');
  const confirmed = await prompts.confirm(
    `Skip the retrospective of "${name}"?`,
    `Reason: ${why}\n\nReminders stop, and the skip is committed like a publish. It can still be written and published later.`,
    'Skip Retrospective',
  );
  if (!confirmed) return false;
  await host.change((context) => host.commitSkip(why, context));
  // change() refreshed as the commit started; the tree and page must see its end.
  host.refresh();
  return true;
}

/**
 * Publishes through the shared git flow: everything refusable is refused before the confirmation;
 * then exactly the run's files are committed, on the current branch or on retro/<run> pushed for
 * review (the setting playbooks.publish.mode). Undefined when the person declines.
 */
export async function publishRetrospective({ host, prompts }: RunActionTarget): Promise<PublishResult | undefined> {
  host.checkWritable();
  const prepared = await host.preparePublish();
  const confirmed = await prompts.confirm(`Publish the retrospective of "${prepared.runName}"?`, `You will not be able to edit the retrospective after publishing it.\n\n${prepared.how}`, 'Publish');
  if (!confirmed) return undefined;
  let outcome: PublishResult;
  try {
    outcome = await host.change((context) => prepared.publish(context));
  } finally {
    // change() refreshed as the commit started; the tree and page must see its end (or its failure).
    host.refresh();
  }
  const short = outcome.sha.slice(0, 7);
  const where = outcome.branch === undefined ? `: ${outcome.files.length} files committed (${short})` : ` on ${outcome.branch} (${short})${outcome.pushed ? `, pushed to ${prepared.remote}` : ''}`;
  const url = outcome.pullRequestUrl;
  prompts.announce(`Retrospective published${where}.`, url === undefined ? undefined : { title: 'Open Pull Request', url });
  return outcome;
}
