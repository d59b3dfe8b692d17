import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import { retroDue } from './runFilters';
import { invocationOf, requiredString, resolveRun } from './targets';

/** Skips a retrospective with a reason and commits that like a publish (it can still be published later). Returns the new status. */
export async function skipRetrospective(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Skip Retrospective', filter: retroDue, empty: 'No retrospective is due.' });
  if (!target) return undefined;
  // With arguments the reason is given; otherwise the action asks for it.
  const reason = invocation.kind === 'args' ? requiredString(invocation.args, 'reason') : undefined;
  const skipped = await actions.skipRetrospective(runActionTarget(target.folder, target.runId, promptsFor(invocation)), reason);
  return skipped ? 'skipped' : undefined;
}
