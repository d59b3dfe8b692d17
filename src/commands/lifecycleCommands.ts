import { countOpenTasks, openTasksText } from '../core/format/openTasks';
import { finishRun as finishRunCore, restoreRun as restoreRunCore } from '../core/runs/runOperations';
import { performRunChange } from '../platform/actions';
import type { ExtensionServices } from '../platform/services';
import { confirmModal } from './multiStepInput';
import { finished, inProgress, NO_RUN_IN_PROGRESS } from './runFilters';
import { invocationOf, resolveRun } from './targets';

/** Asks first only when tasks are still open (like Mattermost). Returns the run_finished event id. */
export async function finishRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Finish Run', filter: inProgress, empty: NO_RUN_IN_PROGRESS });
  if (!target) return undefined;
  const { folder, runId } = target;
  if (invocation.kind !== 'args') {
    const run = folder.repo.requireRun(runId);
    const open = countOpenTasks(run.checklists);
    if (open > 0) {
      const ok = await confirmModal(`"${run.name}" has ${openTasksText(open)}. Finish anyway?`, 'Open tasks stay as they are; the retrospective becomes due.', 'Finish Run');
      if (!ok) return undefined;
    }
  }
  const event = await performRunChange(folder, runId, (context) => finishRunCore(folder.repo, context, runId));
  return event.id;
}

/** Returns the run_restored event id. */
export async function restoreRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const target = await resolveRun(services, invocationOf(arg), { title: 'Restore Run', filter: finished, empty: 'No run is finished.' });
  if (!target) return undefined;
  const { folder, runId } = target;
  const event = await performRunChange(folder, runId, (context) => restoreRunCore(folder.repo, context, runId));
  return event.id;
}
