import { addFollowUpAction as addAction } from '../actions/followUpActions';
import { runActionTarget } from '../actions/runHost';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import { hasRetrospective } from './runFilters';
import { invocationOf, optionalString, requiredString, resolveRun } from './targets';

/**
 * Adds a follow-up action to a run's retrospective: from the palette or the tree it asks for the
 * title (owner, due and priority are set in the run editor); with arguments nothing is asked.
 * Returns the new action's id.
 */
export async function addFollowUpAction(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Add Follow-up Action', filter: hasRetrospective, empty: 'No run has a retrospective.' });
  if (!target) return undefined;
  const args = invocation.kind === 'args' ? invocation.args : undefined;
  const input = args
    ? { title: requiredString(args, 'title'), owner: optionalString(args, 'owner'), due: optionalString(args, 'due'), priority: optionalString(args, 'priority') }
    : {};
  const added = await addAction(runActionTarget(target.folder, target.runId, promptsFor(invocation)), input);
  return added?.id;
}
