import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import { finished, inProgress, NO_RUN_IN_PROGRESS } from './runFilters';
import { invocationOf, resolveRun } from './targets';

/** Asks first only when tasks are still open (unless called with arguments). Returns the run_finished event id. */
export async function finishRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Finish Run', filter: inProgress, empty: NO_RUN_IN_PROGRESS });
  if (!target) return undefined;
  const event = await actions.finishRun(runActionTarget(target.folder, target.runId, promptsFor(invocation)));
  return event?.id;
}

/** Returns the run_restored event id. */
export async function restoreRun(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Restore Run', filter: finished, empty: 'No run is finished.' });
  if (!target) return undefined;
  const event = await actions.restoreRun(runActionTarget(target.folder, target.runId, promptsFor(invocation)));
  return event.id;
}
