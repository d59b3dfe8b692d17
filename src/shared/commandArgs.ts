import type { ExportFormat } from '../core/export/exportRun';
import type { TaskState } from '../core/model/types';

/**
 * Plain arguments of each command, for programmatic use (tests, other extensions, keybindings):
 * `executeCommand('playbooks.startRun', {playbook: 'db-outage', name: 'Primary down'})`.
 * Called this way a command asks nothing (no pickers, no confirmations) and returns its result;
 * refusals are shown as error messages and the command returns undefined.
 * `folder` is a workspace folder's path; it may be left out in a single-folder workspace or when
 * the run names the folder unambiguously.
 */
export interface FolderArgs {
  folder?: string;
}

export interface RunArgs extends FolderArgs {
  run: string;
}

export interface PlaybookArgs extends FolderArgs {
  playbook: string;
}

/** Returns what `initRepository` wrote and kept. */
export type InitializeArgs = FolderArgs;

/** Returns the new playbook's absolute path. */
export interface NewPlaybookArgs extends FolderArgs {
  slug: string;
  /** A built-in template name; default `incident-response`. */
  template?: string;
  title?: string;
}

/** Returns `{slug, file, warnings}`. */
export interface ImportMattermostArgs extends FolderArgs {
  /** Path of the Mattermost export (JSON). */
  file: string;
  slug?: string;
}

/** Returns the new run's id. */
export interface StartRunArgs extends PlaybookArgs {
  name: string;
  owner?: string;
}

/** Each run-changing command returns the id of the timeline event it added. */
export interface PostStatusUpdateArgs extends RunArgs {
  message: string;
}

export interface ChangeOwnerArgs extends RunArgs {
  owner: string;
}

export interface ChangeParticipantsArgs extends RunArgs {
  add?: string[];
  remove?: string[];
}

/** `task`: id, position `1.2` or exact title. Returns the event ids (one per change). */
export interface AssignTaskArgs extends RunArgs {
  task: string;
  /** A person, or '' to unassign. */
  assignee: string;
}

export interface SetTaskStateArgs extends RunArgs {
  task: string;
  state: TaskState;
}

/** Uses the active editor's selection; `run` may be left out when exactly one run is in progress. */
export interface AddSelectionArgs extends FolderArgs {
  run?: string;
}

export interface AddCommitArgs extends RunArgs {
  /** Full or abbreviated sha of a commit in the run's repository. */
  sha: string;
}

export interface AddNoteArgs extends RunArgs {
  summary: string;
  details?: string;
  link?: string;
  /** ISO 8601 or "15m ago". */
  at?: string;
}

export interface DeleteNoteArgs extends RunArgs {
  event: string;
}

/** Returns where the timeline went: `editor` (inserted at the cursor) or `file` (appended). */
export type InsertTimelineArgs = RunArgs;

/** Returns `{sha, files, branch?, pushed, pullRequestUrl?}`. */
export type PublishArgs = RunArgs;

export interface SkipRetrospectiveArgs extends RunArgs {
  reason: string;
}

/** Returns the new action's id. Owner, due (a date, a date-time or a duration after publishing) and priority are optional. */
export interface AddFollowUpActionArgs extends RunArgs {
  title: string;
  owner?: string;
  due?: string;
  priority?: string;
}

/** Returns the path written. */
export interface ExportRunArgs extends RunArgs {
  format: ExportFormat;
  /** Absolute path of the file to write. */
  target: string;
}

/** Returns `{errors, warnings}` over the folders. */
export type ValidateArgs = FolderArgs;
