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
import {
  recordCommandRan,
  requestStatusUpdate as requestStatusUpdateCore,
  setRetrospectiveEnabled as setRetrospectiveEnabledCore,
  setStatusUpdatesEnabled as setStatusUpdatesEnabledCore,
  taskCommand,
} from '../core/runs/runSwitches';
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
 * review (the setting playbooks.publish.mode). A run still in progress may be published, as in
 * Mattermost, and the confirmation says so. Undefined when the person declines.
 */
export async function publishRetrospective({ host, prompts }: RunActionTarget): Promise<PublishResult | undefined> {
  host.checkWritable();
  const prepared = await host.preparePublish({ whileInProgress: true });
  const question = prepared.runInProgress
    ? `"${prepared.runName}" is still in progress. Publish its retrospective now?`
    : `Publish the retrospective of "${prepared.runName}"?`;
  const locked = prepared.runInProgress
    ? 'Whatever happens in the run from now on will not be in it, and you will not be able to edit the retrospective after publishing it.'
    : 'You will not be able to edit the retrospective after publishing it.';
  const confirmed = await prompts.confirm(question, `${locked}\n\n${prepared.how}`, 'Publish');
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

/**
 * Turns the retrospective of a run on or off (finished runs too). Off stops its reminders and keeps
 * the draft; on again after the finish, the reminder falls at once and then every interval.
 */
export async function setRetrospectiveEnabled({ repo, runId, host, prompts }: RunActionTarget, enabled: boolean): Promise<TimelineEvent> {
  const event = await host.change((context) => setRetrospectiveEnabledCore(repo, context, runId, enabled));
  prompts.report(enabled ? '$(eye) Retrospective turned on' : '$(eye-closed) Retrospective turned off');
  return event;
}

/** Turns status updates of a run in progress on or off (off: the owner is no longer reminded). */
export async function setStatusUpdatesEnabled({ repo, runId, host, prompts }: RunActionTarget, enabled: boolean): Promise<TimelineEvent> {
  const event = await host.change((context) => setStatusUpdatesEnabledCore(repo, context, runId, enabled));
  prompts.report(enabled ? '$(bell) Status updates turned on' : '$(bell-slash) Status updates turned off');
  return event;
}

/** Asks the owner for a status update: their reminder falls now (src/core/runs/reminders.ts). */
export async function requestStatusUpdate({ repo, runId, host, prompts }: RunActionTarget): Promise<TimelineEvent> {
  const event = await host.change((context) => requestStatusUpdateCore(repo, context, runId));
  prompts.report(`$(comment-discussion) Status update requested from ${repo.requireRun(runId).owner}`);
  return event;
}

/**
 * Runs a task's command in a terminal at the repository root, after a confirmation that shows the
 * command (it is text from a file anyone with push access can change), and records `command_ran`.
 * The record is written first, with the command as confirmed: if run.yaml changed it meanwhile,
 * nothing runs. Undefined when the person declines.
 */
export async function runTaskCommand({ repo, runId, host, prompts }: RunActionTarget, task: string): Promise<TimelineEvent | undefined> {
  host.checkWritable();
  const { taskId, title, command } = taskCommand(repo.requireRun(runId), runId, task);
  const confirmed = await prompts.confirm(
    `Run the command of "${title}" in a terminal?`,
    `${command}\n\nThis text comes from the run's run.yaml, which anyone who can push to the repository can change: run it only if you trust it. It runs in a new terminal at the repository root.`,
    'Run Command',
  );
  if (!confirmed) return undefined;
  const event = await host.change((context) => recordCommandRan(repo, context, runId, taskId, command));
  host.runInTerminal(command, `Playbooks: ${title}`);
  return event;
}
