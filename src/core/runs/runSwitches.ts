import * as fs from 'node:fs';
import type { Run, TimelineEvent } from '../model/types';
import { writeFileAtomic } from '../files/atomicWrite';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import { renderNewRetrospective } from '../retrospectives/retrospectiveFile';
import { OperationRefused, type OperationContext } from './operationContext';
import { mutate, requireActive } from './runOperations';
import { findTask } from './taskOperations';
import { prepareEvent } from './timelineWriter';

/*
 * What Mattermost lets a run switch on and off, or ask for, besides its lifecycle: the retrospective
 * and status updates per run (ToggleRetrospectiveEnabled, ToggleStatusUpdates), a request for a
 * status update (RequestUpdate) and a task's command run (RunChecklistItemSlashCommand). Each writes
 * one plain scalar of run.yaml at most, so a field-by-field merge of run.yaml keeps both sides.
 */

const onOff = (enabled: boolean): string => (enabled ? 'on' : 'off');

/**
 * Turns the retrospective of a run on or off; allowed on finished runs too (Mattermost exempts the
 * retrospective from its finished-run check). Turning it on creates retrospective.md from the
 * playbook's template when the run has none; a draft already there is kept either way. On a
 * finished run the reminder counts from this event (src/core/runs/reminders.ts), as Mattermost
 * reminds at once and then every interval.
 */
export function setRetrospectiveEnabled(repo: PlaybooksRepository, context: OperationContext, runId: string, enabled: boolean): TimelineEvent {
  return mutate(repo, context, runId, (run, edit) => {
    if (run.retrospective.enabled === enabled) throw new OperationRefused(`the retrospective of "${runId}" is already ${onOff(enabled)}`);
    const file = repo.layout.retrospectiveFile(runId);
    const playbook = enabled && !fs.existsSync(file) && repo.playbookExists(run.playbook) ? repo.requirePlaybook(run.playbook) : undefined;
    const newRetro = playbook ? renderNewRetrospective(playbook, repo.retrospectiveTemplate(playbook), run.name) : undefined;
    const pending = prepareEvent(repo, runId, context, {
      type: enabled ? 'retrospective_enabled' : 'retrospective_disabled',
      summary: `Retrospective turned ${onOff(enabled)} by ${context.actor}`,
    });
    if (newRetro !== undefined) {
      repo.layout.assertWritable(file);
      writeFileAtomic(file, newRetro);
    }
    edit((editor) => editor.set(['retrospective', 'enabled'], enabled));
    return pending.write();
  });
}

/**
 * Turns status updates of a run in progress on or off. Off, the owner is no longer reminded (updates
 * can still be posted); on again, the reminder counts from this event, not from the last update.
 */
export function setStatusUpdatesEnabled(repo: PlaybooksRepository, context: OperationContext, runId: string, enabled: boolean): TimelineEvent {
  return mutate(repo, context, runId, (run, edit) => {
    requireActive(run, runId);
    if (run.statusUpdates.enabled === enabled) throw new OperationRefused(`status updates of "${runId}" are already ${onOff(enabled)}`);
    const pending = prepareEvent(repo, runId, context, {
      type: enabled ? 'status_updates_enabled' : 'status_updates_disabled',
      summary: `Status updates turned ${onOff(enabled)} by ${context.actor}`,
    });
    edit((editor) => editor.set(['statusUpdates', 'enabled'], enabled));
    return pending.write();
  });
}

/** Asks the owner for a status update: their status-update reminder is due from this event on. */
export function requestStatusUpdate(repo: PlaybooksRepository, context: OperationContext, runId: string): TimelineEvent {
  return mutate(repo, context, runId, (run) => {
    requireActive(run, runId);
    if (!run.statusUpdates.enabled) throw new OperationRefused(`status updates of "${runId}" are off; turn them on before requesting one`);
    const pending = prepareEvent(repo, runId, context, {
      type: 'status_update_requested',
      summary: `${context.actor} requested a status update from ${run.owner}`,
      data: { owner: run.owner },
    });
    return pending.write();
  });
}

/** A task's command as run.yaml has it now, refused when the run is finished or the task has none. */
export function taskCommand(run: Run, runId: string, task: string): { taskId: string; title: string; command: string } {
  requireActive(run, runId);
  const found = findTask(run, task).task;
  const command = found.command?.trim() ?? '';
  if (command === '') throw new OperationRefused(`task "${found.title}" has no command to run`);
  return { taskId: found.id, title: found.title, command };
}

/**
 * Records that a task's command was run (Mattermost's ran_slash_command). `command` is the text the
 * person confirmed: when run.yaml changed it since, nothing is recorded and the caller must not run it.
 */
export function recordCommandRan(repo: PlaybooksRepository, context: OperationContext, runId: string, task: string, command: string): TimelineEvent {
  return mutate(repo, context, runId, (run) => {
    const current = taskCommand(run, runId, task);
    if (current.command !== command.trim()) throw new OperationRefused(`the command of task "${current.title}" changed since you confirmed it; look at it again before running it`);
    const pending = prepareEvent(repo, runId, context, {
      type: 'command_ran',
      summary: `Ran the command of "${current.title}": ${current.command}`,
      data: { task: current.taskId, command: current.command },
    });
    return pending.write();
  });
}
