import type { PublishResult } from '../actions/actionTypes';
import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import type { ExtensionServices } from '../platform/services';
import { promptsFor } from './actionPrompts';
import type { RunSummary } from '../core/index/indexTypes';
import { retroDue } from './runFilters';
import { invocationOf, resolveRun } from './targets';

/** Due ones, and drafts of runs still in progress: Mattermost publishes those too (the action asks first). */
const publishable = (run: RunSummary): boolean => retroDue(run) || (run.status === 'in_progress' && run.retrospectiveEnabled && run.retrospective === 'draft');

/** Publish Retrospective from the palette or a menu: the run's pick, then the one publish action. */
export async function publishRetrospective(services: ExtensionServices, arg: unknown): Promise<PublishResult | undefined> {
  const invocation = invocationOf(arg);
  const target = await resolveRun(services, invocation, { title: 'Publish Retrospective', filter: publishable, empty: 'No retrospective is waiting to be published.' });
  if (!target) return undefined;
  return actions.publishRetrospective(runActionTarget(target.folder, target.runId, promptsFor(invocation)));
}
