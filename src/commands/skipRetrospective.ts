import { performRunChange } from '../platform/actions';
import { skipAndCommit } from '../platform/publishing';
import type { ExtensionServices } from '../platform/services';
import { BACK, confirmModal, inputStep } from './multiStepInput';
import { retroDue } from './runFilters';
import { invocationOf, requiredString, resolveRun } from './targets';

/** Skips a retrospective with a reason and commits that like a publish (it can still be published later). Returns the new status. */
export async function skipRetrospective(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Skip Retrospective', filter: retroDue, empty: 'No retrospective is due.' });
  if (!target) return undefined;
  const { folder, runId } = target;
  let reason: string;
  if (invocation.kind === 'args') reason = requiredString(invocation.args, 'reason');
  else {
    const name = folder.repo.requireRun(runId).name;
    const typed = await inputStep({ title: `Skip Retrospective: ${name}`, prompt: 'Why is there no retrospective?', placeholder: 'e.g. False alarm, no user impact', validate: (value) => (value.trim() === '' ? 'Say why, for whoever reads the history.' : undefined) });
    if (typed === undefined || typed === BACK) return undefined;
    reason = typed.trim();
    if (!(await confirmModal(`Skip the retrospective of "${name}"?`, `Reason: ${reason}\n\nReminders stop, and the skip is committed like a publish. It can still be written and published later.`, 'Skip Retrospective'))) return undefined;
  }
  await performRunChange(folder, runId, (context) => skipAndCommit(folder, runId, reason, context));
  return 'skipped';
}
