import { repositoryDeadlineOf } from '../actions/actionFigures';
import { listActions } from '../actions/actionList';
import type { IndexSnapshot, RunSummary } from '../index/indexTypes';
import type { PlaybooksRepository } from '../repository/playbooksRepository';
import type { DueItem } from './reminders';

/*
 * Overdue follow-up actions as reminders of their owner (the extension's reminders; the CLI's `due`
 * lists them itself). The index says which runs have an open action past its deadline: only those
 * retrospectives are read.
 */

/** Runs with an open action whose deadline has passed at `now`, from the index (no file read). */
export function overdueActionCandidates(repo: PlaybooksRepository, snapshot: IndexSnapshot, now: Date): RunSummary[] {
  const withActions = snapshot.runs.filter((summary) => summary.actions !== undefined);
  if (withActions.length === 0) return [];
  const deadlineOf = repositoryDeadlineOf(repo);
  const nowMs = now.getTime();
  return withActions.filter((summary) =>
    (summary.actions?.open ?? []).some((action) => {
      const deadline = deadlineOf(action, summary.actions?.publishedAt);
      return action.owner !== undefined && deadline !== undefined && deadline < nowMs;
    }),
  );
}

/** One reminder per overdue action that has an owner: it falls once, at its deadline. */
export function overdueActionItems(repo: PlaybooksRepository, snapshot: IndexSnapshot, now: Date): DueItem[] {
  return overdueActionCandidates(repo, snapshot, now).flatMap((summary) =>
    listActions(repo, now, { runId: summary.id, overdue: true }).flatMap((action): DueItem[] =>
      action.owner === undefined || action.dueAt === undefined
        ? []
        : [
            {
              kind: 'action',
              run: summary.id,
              runName: action.runName,
              playbook: action.playbook,
              owner: action.owner,
              since: action.createdAt,
              dueAt: action.dueAt,
              lastReminderAt: action.dueAt,
              nextReminderAt: null,
              overdue: true,
              action: { id: action.id, title: action.title },
            },
          ],
    ),
  );
}
