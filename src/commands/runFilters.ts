import type { RunSummary } from '../core/index/indexTypes';
import { isRetroDue } from '../views/treeFormat';

export const inProgress = (run: RunSummary): boolean => run.status === 'in_progress';
export const finished = (run: RunSummary): boolean => run.status === 'finished';
export const retroDue = (run: RunSummary): boolean => isRetroDue(run);
export const hasRetrospective = (run: RunSummary): boolean => run.retrospective !== 'none' && run.retrospective !== 'invalid';

export const NO_RUN_IN_PROGRESS = 'No run is in progress. Start one with "Playbooks: Start Run".';
