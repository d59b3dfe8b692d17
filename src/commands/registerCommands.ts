import * as vscode from 'vscode';
import { showRefusals } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { addCommitToTimeline } from './addCommit';
import { addSelectionToTimeline } from './addSelection';
import { COMMANDS, type CommandId } from '../shared/commandIds';
import { exportRun } from './exportRun';
import { importMattermost } from './importMattermost';
import { initialize } from './initialize';
import { insertTimelineIntoRetrospective } from './insertTimeline';
import { finishRun, restoreRun } from './lifecycleCommands';
import { newPlaybook } from './newPlaybook';
import { addNote, deleteNote } from './noteCommands';
import { fillOutRetrospective, openPlaybook, openRun, refresh, showDocs, showMetricsReport } from './openCommands';
import { disposePlaybooksOutput } from './outputChannel';
import { changeOwner, changeParticipants } from './peopleCommands';
import { publishRetrospective } from './publish';
import { skipRetrospective } from './skipRetrospective';
import { addFollowUpAction } from './addFollowUpAction';
import { startRun } from './startRun';
import { disableRetrospective, disableStatusUpdates, enableRetrospective, enableStatusUpdates, requestStatusUpdate } from './switchCommands';
import { postStatusUpdate } from './statusUpdate';
import { assignTask, setTaskState } from './taskCommands';
import { validate } from './validate';

/**
 * A command gets its first argument as is: a tree node (menus), a Uri (editor menus), plain
 * arguments (see commandArgs.ts) or nothing (palette). It returns its result for callers.
 */
type Handler = (services: ExtensionServices, arg: unknown) => Promise<unknown>;

/** Registered by the feature that owns them (reminders own their status-bar command, live sync Sync Now). */
type RegisteredElsewhere = typeof COMMANDS.showDueReminders | typeof COMMANDS.syncNow;

/** Typed by CommandId, so a new command without a handler (here or elsewhere) does not compile. */
const HANDLERS: Readonly<Record<Exclude<CommandId, RegisteredElsewhere>, Handler>> = {
  [COMMANDS.initialize]: initialize,
  [COMMANDS.refresh]: refresh,
  [COMMANDS.newPlaybook]: newPlaybook,
  [COMMANDS.importMattermost]: importMattermost,
  [COMMANDS.openPlaybook]: openPlaybook,
  [COMMANDS.startRun]: startRun,
  [COMMANDS.openRun]: openRun,
  [COMMANDS.postStatusUpdate]: postStatusUpdate,
  [COMMANDS.changeOwner]: changeOwner,
  [COMMANDS.changeParticipants]: changeParticipants,
  [COMMANDS.assignTask]: assignTask,
  [COMMANDS.setTaskState]: setTaskState,
  [COMMANDS.addSelectionToTimeline]: addSelectionToTimeline,
  [COMMANDS.addCommitToTimeline]: addCommitToTimeline,
  [COMMANDS.addNote]: addNote,
  [COMMANDS.deleteNote]: deleteNote,
  [COMMANDS.finishRun]: finishRun,
  [COMMANDS.restoreRun]: restoreRun,
  [COMMANDS.requestStatusUpdate]: requestStatusUpdate,
  [COMMANDS.enableStatusUpdates]: enableStatusUpdates,
  [COMMANDS.disableStatusUpdates]: disableStatusUpdates,
  [COMMANDS.enableRetrospective]: enableRetrospective,
  [COMMANDS.disableRetrospective]: disableRetrospective,
  [COMMANDS.fillOutRetrospective]: fillOutRetrospective,
  [COMMANDS.insertTimelineIntoRetrospective]: insertTimelineIntoRetrospective,
  [COMMANDS.publishRetrospective]: publishRetrospective,
  [COMMANDS.skipRetrospective]: skipRetrospective,
  [COMMANDS.addFollowUpAction]: addFollowUpAction,
  [COMMANDS.showMetricsReport]: showMetricsReport,
  [COMMANDS.exportRun]: exportRun,
  [COMMANDS.validate]: validate,
  [COMMANDS.showDocs]: showDocs,
};

/** Registers every command; refusals (untrusted, dirty file, invalid input…) become error messages. */
export function registerCommands(services: ExtensionServices): vscode.Disposable[] {
  const registrations = (Object.entries(HANDLERS) as Array<[CommandId, Handler]>).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (arg: unknown) => showRefusals(() => handler(services, arg))),
  );
  return [...registrations, { dispose: disposePlaybooksOutput }];
}
