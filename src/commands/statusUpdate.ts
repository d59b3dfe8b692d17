import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { sortEvents } from '../core/runs/timelineFile';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { promptsFor } from './actionPrompts';
import { inputStep, BACK } from './multiStepInput';
import { inProgress, NO_RUN_IN_PROGRESS } from './runFilters';
import { invocationOf, requiredString, resolveRun } from './targets';

/** The last update (people usually edit it) or the playbook's template; an input box holds one line. */
function startingText(folder: PlaybookFolder, runId: string): string {
  const events = folder.repo.readTimeline(runId).data?.events ?? [];
  const last = sortEvents(events.filter((event) => event.type === 'status_updated')).pop();
  const text = last !== undefined ? (last.details ?? last.summary) : (folder.repo.requireRun(runId).statusUpdates.template ?? '');
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Returns the id of the status_updated event. */
export async function postStatusUpdate(services: ExtensionServices, arg: unknown): Promise<string | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Post Status Update', filter: inProgress, empty: NO_RUN_IN_PROGRESS });
  if (!target) return undefined;
  const { folder, runId } = target;
  let message: string;
  if (invocation.kind === 'args') message = requiredString(invocation.args, 'message');
  else {
    const typed = await inputStep({
      title: `Post Status Update: ${folder.repo.requireRun(runId).name}`,
      prompt: 'One line here; for a longer update in Markdown, use the run editor (Playbooks: Open Run).',
      value: startingText(folder, runId),
      validate: (value) => (value.trim() === '' ? 'Write what is happening, who is affected and what comes next.' : undefined),
    });
    if (typed === undefined || typed === BACK) return undefined;
    message = typed;
  }
  const event = await actions.postStatusUpdate(runActionTarget(folder, runId, promptsFor(invocation)), message);
  return event.id;
}
