import { countOpenActions, nextDeadline, openActionsText, repositoryDeadlineOf, type OpenActionCounts } from '../core/actions/actionFigures';
import type { RunSummary } from '../core/index/indexTypes';
import type { PlaybookFolder } from '../platform/workspaceModel';

/*
 * Open and overdue follow-up actions as the tree shows them ("3 open actions · 1 overdue"), from the
 * index's summaries: no retrospective is read to draw the tree, whatever the number of runs.
 */

/** Open and overdue actions of these runs of a folder, at `now`. */
function actionCountsOf(folder: PlaybookFolder, runs: Iterable<RunSummary>, now: Date): OpenActionCounts {
  return countOpenActions(actionsOf(runs), repositoryDeadlineOf(folder.repo), now);
}

/** The text for a node's description, or undefined when the runs have no open action. */
export function actionCountsText(folder: PlaybookFolder, runs: Iterable<RunSummary>, now: Date): string | undefined {
  return openActionsText(actionCountsOf(folder, runs, now));
}

/** When the next open action of these folders turns overdue (ms), so the tree can show it then. */
export function nextActionDeadline(folders: readonly PlaybookFolder[], now: Date): number | undefined {
  let next: number | undefined;
  for (const folder of folders) {
    const deadline = nextDeadline(actionsOf(folder.snapshot.runs), repositoryDeadlineOf(folder.repo), now);
    if (deadline !== undefined && (next === undefined || deadline < next)) next = deadline;
  }
  return next;
}

function* actionsOf(runs: Iterable<RunSummary>): Iterable<RunSummary['actions']> {
  for (const run of runs) if (run.actions !== undefined) yield run.actions;
}
