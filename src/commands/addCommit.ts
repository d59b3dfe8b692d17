import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import { toIso } from '../core/runs/operationContext';
import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { gitOf, requireTrust } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import type { GitLogEntry, GitRepository } from '../git/gitRepository';
import { formatLocalTime } from '../views/treeFormat';
import { promptsFor } from './actionPrompts';
import { BACK, pickStep } from './multiStepInput';
import { invocationOf, requiredString, resolveRun } from './targets';

const TITLE = 'Add Commit to Timeline';
/** Enough for any incident's window; the quick pick filters as one types. */
const WINDOW_LIMIT = 500;

async function findCommit(git: GitRepository, sha: string, window: { since: Date; until: Date }): Promise<GitLogEntry> {
  const wanted = sha.trim().toLowerCase();
  if (!/^[0-9a-f]{4,64}$/.test(wanted)) throw new OperationRefused(`"${sha}" is not a commit id.`);
  const matches = (entries: GitLogEntry[]): GitLogEntry | undefined => entries.find((entry) => entry.sha.startsWith(wanted));
  const found = matches(await git.log({ ...window, maxCount: 5000 })) ?? matches(await git.log({ maxCount: 20000 }));
  if (!found) throw new OperationRefused(`No commit ${sha} in this repository's history.`);
  return found;
}

/** A commit of the run's window becomes a note: its subject, linked by sha, at the commit's time. Returns the event id. */
export async function addCommitToTimeline(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: TITLE });
  if (!target) return undefined;
  const { folder, runId } = target;
  requireTrust();
  const git = await gitOf(folder);
  if (!git) throw new OperationRefused(`${folder.workspaceFolder.name} is not a git repository: there are no commits to add.`);
  const run = folder.repo.requireRun(runId);
  const now = new Date();
  const window = { since: new Date(run.startedAt), until: run.endedAt !== undefined ? new Date(run.endedAt) : now };

  let commit: GitLogEntry | undefined;
  if (invocation.kind === 'args') commit = await findCommit(git, requiredString(invocation.args, 'sha'), window);
  else {
    const entries = await git.log({ ...window, maxCount: WINDOW_LIMIT });
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(`No commits between the start and the end of "${run.name}". For an older commit, use Add Note with its id as the link.`);
      return undefined;
    }
    const items = entries.map((entry) => ({ label: entry.subject, description: `${entry.sha.slice(0, 7)} · ${entry.author}`, detail: formatLocalTime(entry.date), entry }));
    const picked = await pickStep({ title: `${TITLE}: ${run.name}`, placeholder: 'Commits made during the run, newest first', items });
    commit = picked === undefined || picked === BACK ? undefined : picked.entry;
  }
  if (!commit) return undefined;
  const chosen = commit;
  // A committer clock ahead of ours must not make the note "in the future".
  const at = toIso(new Date(Math.min(Date.parse(chosen.date), now.getTime())));
  const note = { summary: chosen.subject.trim() || chosen.sha.slice(0, 7), details: `Commit ${chosen.sha} by ${chosen.author}`, link: chosen.sha, at };
  const event = await actions.addNote(runActionTarget(folder, runId, promptsFor(invocation)), note);
  return event.id;
}
