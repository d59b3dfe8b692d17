import type { Run, TimelineEvent } from '../model/types';
import { editYamlFile } from '../files/yamlEdit';
import { countOpenTasks, isTaskOpen, openTasksText } from '../format/openTasks';
import type { YamlTextEditor } from '../files/yamlTextEditor';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { checkLink, linkCommitParagraph, parseLink, recordedCommit } from './links';
import { parseDuration } from '../util/duration';
import { OperationRefused, isoNow, toIso, type OperationContext } from './operationContext';
import { withRunLock } from './runLock';
import { appendEvent, deleteEvent, prepareEvent } from './timelineWriter';
import { fitSummary, inputProblem, requireValidInput } from '../validation/inputRules';

/**
 * Lifecycle operations on a run. Each takes the run lock, re-reads the run, edits run.yaml through
 * the Document API (comments survive) and appends its timeline event.
 */
export function mutate<T>(repo: PlaybooksRepository, context: OperationContext, runId: string, action: (run: Run, edit: (change: (editor: YamlTextEditor) => void) => void) => T): T {
  return withRunLock(repo.layout, runId, () => {
    const run = repo.requireRun(runId);
    return action(run, (change) => editRunFile(repo, context, runId, change));
  });
}

/**
 * Edits run.yaml and stamps `updatedAt`. The stamp is why a change set back to an earlier value
 * still differs from the merge base, so git hands the merge to the driver, which lets the later
 * timeline event win (docs/format.md, "Merging").
 */
export function editRunFile(repo: PlaybooksRepository, context: OperationContext, runId: string, change: (editor: YamlTextEditor) => void): void {
  const file = repo.layout.runFile(runId);
  editYamlFile(file, repo.layout.relative(file), (editor) => {
    change(editor);
    editor.set(['updatedAt'], isoNow(context), { after: editor.has(['endedAt']) ? 'endedAt' : 'startedAt' });
  });
}

export function requireActive(run: Run, runId: string): void {
  if (run.status === 'finished') throw new OperationRefused(`run "${runId}" is finished; restore it first`, { kind: 'action', action: 'restoreRun', runId });
}

/** A name as it is written to run.yaml, refused when run.yaml could not be read back with it. */
function cleanPerson(who: string, field: 'owner' | 'participant'): string {
  const person = who.trim();
  requireValidInput(field, person);
  return person;
}

export function postStatusUpdate(repo: PlaybooksRepository, context: OperationContext, runId: string, message: string): TimelineEvent {
  const text = message.replace(/\s+$/, '');
  if (text.trim() === '') throw new OperationRefused('a status update needs a message', { kind: 'input', input: 'statusMessage' });
  requireValidInput('statusMessage', text);
  return mutate(repo, context, runId, (run) => {
    requireActive(run, runId);
    const summary = fitSummary(text.trim().split('\n')[0] ?? '', 120);
    return appendEvent(repo, runId, context, { type: 'status_updated', summary, details: text });
  });
}

export function changeOwner(repo: PlaybooksRepository, context: OperationContext, runId: string, newOwner: string): TimelineEvent {
  const owner = cleanPerson(newOwner, 'owner');
  return mutate(repo, context, runId, (run, edit) => {
    requireActive(run, runId);
    if (run.owner === owner) throw new OperationRefused(`${owner} already owns "${runId}"`);
    const following = tasksFollowingOwner(run);
    const participants = run.participants.includes(owner) ? undefined : [...run.participants, owner];
    if (participants) requireValidInput('participants', participants);
    const moved = following.length === 0 ? '' : ` (${following.length} ${following.length === 1 ? 'task follows' : 'tasks follow'} the owner)`;
    const pending = prepareEvent(repo, runId, context, {
      type: 'owner_changed',
      summary: `Owner changed from ${run.owner} to ${owner}${moved}`,
      data: { from: run.owner, to: owner, ...(following.length > 0 ? { tasks: following.map(({ id }) => id) } : {}) },
    });
    edit((editor) => {
      editor.set(['owner'], owner);
      if (participants) editor.set(['participants'], participants);
      for (const { path } of following) editor.set([...path, 'assignee'], owner);
    });
    return pending.write();
  });
}

/**
 * Unfinished tasks the playbook assigned to `owner` that still are with the owner. Done and skipped
 * ones keep the person who did them; ones assigned by hand lost followsOwner then.
 */
function tasksFollowingOwner(run: Run): Array<{ id: string; path: Array<string | number> }> {
  return run.checklists.flatMap((checklist, c) =>
    checklist.items.flatMap((item, i) =>
      item.followsOwner === true && item.assignee === run.owner && isTaskOpen(item.state)
        ? [{ id: item.id, path: ['checklists', c, 'items', i] }]
        : [],
    ),
  );
}

export function changeParticipants(repo: PlaybooksRepository, context: OperationContext, runId: string, add: string[], remove: string[]): TimelineEvent {
  const adding = [...new Set(add.map((who) => cleanPerson(who, 'participant')))];
  const removing = [...new Set(remove.map((who) => who.trim()))];
  if (adding.length === 0 && removing.length === 0) throw new OperationRefused('name people to add or remove', { kind: 'input', input: 'people' });
  return mutate(repo, context, runId, (run, edit) => {
    requireActive(run, runId);
    if (removing.includes(run.owner)) throw new OperationRefused(`${run.owner} owns the run; change the owner before removing them`);
    const added = adding.filter((person) => !run.participants.includes(person));
    const removed = removing.filter((person) => run.participants.includes(person));
    if (added.length === 0 && removed.length === 0) throw new OperationRefused('nothing to change: they are already (or not) participants');
    const participants = [...run.participants.filter((person) => !removed.includes(person)), ...added];
    requireValidInput('participants', participants);
    const parts = [added.length > 0 ? `added ${added.join(', ')}` : '', removed.length > 0 ? `removed ${removed.join(', ')}` : ''];
    const summary = `Participants ${parts.filter(Boolean).join('; ')}`;
    const pending = prepareEvent(repo, runId, context, { type: 'participants_changed', summary, data: { added, removed } });
    edit((editor) => editor.set(['participants'], participants));
    return pending.write();
  });
}

export function finishRun(repo: PlaybooksRepository, context: OperationContext, runId: string): TimelineEvent {
  return mutate(repo, context, runId, (run, edit) => {
    if (run.status === 'finished') throw new OperationRefused(`run "${runId}" is already finished`);
    const endedAt = isoNow(context);
    const open = countOpenTasks(run.checklists);
    const note = open > 0 ? ` with ${openTasksText(open)}` : '';
    const pending = prepareEvent(repo, runId, context, { type: 'run_finished', summary: `Run finished by ${context.actor}${note}`, at: endedAt });
    edit((editor) => editor.set(['status'], 'finished').set(['endedAt'], endedAt, { after: 'startedAt' }));
    return pending.write();
  });
}

export function restoreRun(repo: PlaybooksRepository, context: OperationContext, runId: string): TimelineEvent {
  return mutate(repo, context, runId, (run, edit) => {
    if (run.status === 'in_progress') throw new OperationRefused(`run "${runId}" is in progress; only finished runs can be restored`);
    const pending = prepareEvent(repo, runId, context, { type: 'run_restored', summary: `Run restored by ${context.actor}` });
    edit((editor) => editor.set(['status'], 'in_progress').delete(['endedAt']));
    return pending.write();
  });
}

export interface NoteInput {
  summary: string;
  details?: string;
  /** Backdated time (ISO 8601); defaults to now. */
  at?: string;
  link?: string;
  /** The commit checked out: recorded in the details for a `path:line` link, so it keeps pointing at that code. */
  commit?: string;
}

/** Notes are allowed on finished runs too: the timeline is what a retrospective is written from. */
export function addNote(repo: PlaybooksRepository, context: OperationContext, runId: string, note: NoteInput): TimelineEvent {
  const summary = note.summary.trim();
  if (summary === '') throw new OperationRefused('a note needs a summary', { kind: 'input', input: 'noteSummary' });
  const summaryProblem = inputProblem('summary', summary);
  if (summaryProblem !== undefined) throw new OperationRefused(`${summaryProblem}; put the rest in the details`, { kind: 'input', input: 'noteDetails' });
  const written = note.details !== undefined && note.details.trim() !== '' ? note.details : undefined;
  if (written !== undefined) requireValidInput('details', written);
  const at = note.at === undefined ? undefined : noteTime(note.at, context.now());
  const link = note.link?.trim();
  if (link !== undefined) {
    requireValidInput('link', link);
    const problem = checkLink(link);
    if (problem) throw new OperationRefused(problem);
  }
  // With a path link the commit checked out is added to the details: check the whole again.
  const details = withCommitParagraph(written, link, note.commit);
  if (details !== undefined && details !== written) requireValidInput('details', details);
  return mutate(repo, context, runId, () =>
    appendEvent(repo, runId, context, {
      type: 'note',
      summary,
      ...(details !== undefined ? { details } : {}),
      ...(at !== undefined ? { at } : {}),
      ...(link !== undefined ? { link } : {}),
    }),
  );
}

/**
 * The note with the commit checked out when its link is a `path:line`, so the CLI, the Add Note
 * command and the run editor record the same. `headCommit` runs only for such a link (it starts git);
 * where it gives nothing (no commit yet, or an untrusted workspace) the note is written without one.
 */
export async function withLinkCommit(note: NoteInput, headCommit: () => Promise<string | undefined>): Promise<NoteInput> {
  if (note.commit !== undefined || note.link === undefined || note.link.trim() === '' || parseLink(note.link).kind !== 'file') return note;
  const commit = await headCommit();
  return commit === undefined ? note : { ...note, commit };
}

/** The details with "From path:line at commit …" after them, for a path link whose commit is known. */
function withCommitParagraph(written: string | undefined, link: string | undefined, commit: string | undefined): string | undefined {
  if (link === undefined || commit === undefined || parseLink(link).kind !== 'file' || !/^[0-9a-f]{7,64}$/.test(commit)) return written;
  // Add Selection to Timeline writes the paragraph itself (after the selected text).
  if (recordedCommit(written, link) === commit) return written;
  const paragraph = linkCommitParagraph(link, commit);
  return written === undefined ? paragraph : `${written.trimEnd()}

${paragraph}`;
}

export function removeNote(repo: PlaybooksRepository, runId: string, eventId: string): TimelineEvent {
  return withRunLock(repo.layout, runId, () => deleteEvent(repo, runId, eventId));
}

/** `--at` takes ISO 8601, or "15m ago" / "1h30m ago" for quick backdating during an incident. */
function noteTime(text: string, now: Date): string {
  const shown = JSON.stringify(text);
  const ago = /^(.+?)\s+ago$/i.exec(text.trim());
  const offset = ago?.[1] !== undefined ? parseDuration(ago[1]) : undefined;
  const time = offset !== undefined ? now.getTime() - offset : Date.parse(text);
  if (offset === undefined) {
    if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
      throw new OperationRefused(`${shown} is not a date and time; use ISO 8601 (2026-11-24T14:05:00Z) or "15m ago"`);
    }
    // Date.parse rolls 2026-02-30 over to March 2; the schema's date check (what validate uses) does not.
    if (inputProblem('eventTime', `${text.slice(0, 10)}T00:00:00Z`) !== undefined) {
      throw new OperationRefused(`${shown}: there is no ${text.slice(0, 10)} in the calendar`);
    }
  }
  if (time > now.getTime() + 60_000) throw new OperationRefused(`${shown} is in the future; notes record what happened`);
  const date = new Date(time);
  if (Number.isNaN(date.getTime()) || inputProblem('eventTime', toIso(date)) !== undefined) {
    throw new OperationRefused(`${shown} is too long ago to be written as an ISO 8601 date and time`);
  }
  return toIso(date);
}
