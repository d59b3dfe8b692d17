import { OperationRefused } from '../core/model/errors';
import { checkLink } from '../core/runs/links';
import type { NoteInput } from '../core/runs/runOperations';
import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { sortEvents } from '../core/runs/timelineFile';
import { parseDuration } from '../core/util/duration';
import type { ExtensionServices } from '../platform/services';
import { formatLocalTime } from '../views/treeFormat';
import { promptsFor } from './actionPrompts';
import { BACK, inputStep, pickStep } from './multiStepInput';
import { invocationOf, optionalString, requiredString, resolveRun, type Invocation, type RunTarget } from './targets';

const TITLE = 'Add Note';

/** Mirrors the core's rule for `at`: "15m ago" or an ISO 8601 date and time. */
export function checkNoteTime(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const ago = /^(.+?)\s+ago$/i.exec(value);
  if (ago?.[1] !== undefined) return parseDuration(ago[1]) === undefined ? 'Write a duration like "15m ago" or "1h30m ago".' : undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(Date.parse(value))) return 'Use "15m ago" or an ISO date and time (2026-11-24T14:05:00Z).';
  return undefined;
}

/** Three short steps: what happened, an optional link, an optional time (for backdating). */
async function askNote(run: string): Promise<NoteInput | undefined> {
  const title = `${TITLE}: ${run}`;
  const note: NoteInput = { summary: '' };
  for (let step = 1; step <= 3; ) {
    const answer =
      step === 1
        ? await inputStep({ title, step, totalSteps: 3, prompt: 'What happened?', value: note.summary, validate: (value) => (value.trim() === '' ? 'Write one line about what happened.' : undefined) })
        : step === 2
          ? await inputStep({ title, step, totalSteps: 3, canGoBack: true, prompt: 'Link (optional): a URL, a commit id or path:line', value: note.link ?? '', validate: (value) => (value.trim() === '' ? undefined : checkLink(value)) })
          : await inputStep({ title, step, totalSteps: 3, canGoBack: true, prompt: 'When (optional): empty for now, "15m ago" or an ISO date and time', value: note.at ?? '', validate: checkNoteTime });
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      step -= 1;
      continue;
    }
    const value = answer.trim();
    if (step === 1) note.summary = value;
    else if (step === 2) note.link = value === '' ? undefined : value;
    else note.at = value === '' ? undefined : value;
    step += 1;
  }
  return { summary: note.summary, ...(note.link !== undefined ? { link: note.link } : {}), ...(note.at !== undefined ? { at: note.at } : {}) };
}

/** Notes may go on finished runs too (the retrospective is written from the timeline). Returns the event id. */
export async function addNote(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: TITLE });
  if (!target) return undefined;
  const { folder, runId } = target;
  let note: NoteInput | undefined;
  if (invocation.kind === 'args') {
    const { args } = invocation;
    const details = optionalString(args, 'details');
    const link = optionalString(args, 'link');
    const at = optionalString(args, 'at');
    note = { summary: requiredString(args, 'summary'), ...(details !== undefined ? { details } : {}), ...(link !== undefined ? { link } : {}), ...(at !== undefined ? { at } : {}) };
  } else note = await askNote(folder.repo.requireRun(runId).name);
  if (!note) return undefined;
  const event = await actions.addNote(runActionTarget(folder, runId, promptsFor(invocation)), note);
  return event.id;
}

async function resolveNote(services: ExtensionServices, invocation: Invocation): Promise<(RunTarget & { event: string }) | undefined> {
  const target = await resolveRun(services, invocation, { title: 'Delete Note' });
  if (!target) return undefined;
  if (invocation.kind === 'args') return { ...target, event: requiredString(invocation.args, 'event') };
  const fromNode = invocation.kind === 'node' ? invocation.node.target().event : undefined;
  if (fromNode !== undefined) return { ...target, event: fromNode };
  const notes = sortEvents(target.folder.repo.requireTimeline(target.runId).events.filter((event) => event.type === 'note')).reverse();
  if (notes.length === 0) throw new OperationRefused('This run has no notes; only notes can be deleted.');
  const picked = await pickStep({ title: 'Delete Note', placeholder: 'Which note?', items: notes.map((event) => ({ label: event.summary, description: `${formatLocalTime(event.at)} · ${event.actor}`, event })) });
  return picked === undefined || picked === BACK ? undefined : { ...target, event: picked.event.id };
}

/** Deletes a note (git history keeps it); asks first unless called with arguments. Returns the event id. */
export async function deleteNote(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveNote(services, invocation);
  if (!target) return undefined;
  const removed = await actions.deleteNote(runActionTarget(target.folder, target.runId, promptsFor(invocation)), target.event);
  return removed?.id;
}
