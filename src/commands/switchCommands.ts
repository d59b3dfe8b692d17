import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import type { RunSummary } from '../core/index/indexTypes';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import { inProgress, NO_RUN_IN_PROGRESS } from './runFilters';
import type { RunPickOptions } from './pickers';
import { invocationOf, resolveRun } from './targets';

/*
 * Mattermost's per-run switches and the update request, from the palette, a run's context menu or
 * plain arguments ({folder?, run}). Each returns the id of the timeline event it added.
 */

async function onRun(services: ExtensionServices, arg: unknown, pick: RunPickOptions, act: (target: ReturnType<typeof runActionTarget>) => Promise<{ id: string }>): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, pick);
  if (!target) return undefined;
  return (await act(runActionTarget(target.folder, target.runId, promptsFor(invocation)))).id;
}

const retroOff = (run: RunSummary): boolean => !run.retrospectiveEnabled;

export function enableRetrospective(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  return onRun(services, arg, { title: 'Turn Retrospective On', filter: retroOff, empty: 'Every run has its retrospective on.' }, (target) => actions.setRetrospectiveEnabled(target, true));
}

export function disableRetrospective(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  return onRun(services, arg, { title: 'Turn Retrospective Off', filter: (run) => run.retrospectiveEnabled, empty: 'No run has its retrospective on.' }, (target) => actions.setRetrospectiveEnabled(target, false));
}

export function enableStatusUpdates(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  return onRun(services, arg, { title: 'Turn Status Updates On', filter: (run) => inProgress(run) && !run.statusUpdatesEnabled, empty: 'No run in progress has status updates off.' }, (target) => actions.setStatusUpdatesEnabled(target, true));
}

export function disableStatusUpdates(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  return onRun(services, arg, { title: 'Turn Status Updates Off', filter: (run) => inProgress(run) && run.statusUpdatesEnabled, empty: 'No run in progress has status updates on.' }, (target) => actions.setStatusUpdatesEnabled(target, false));
}

export function requestStatusUpdate(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  return onRun(services, arg, { title: 'Request Status Update', filter: (run) => inProgress(run) && run.statusUpdatesEnabled, empty: NO_RUN_IN_PROGRESS }, (target) => actions.requestStatusUpdate(target));
}
