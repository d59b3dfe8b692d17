/**
 * Open tasks of a run, counted and worded once for the finish prompts (palette and run page), the run
 * page's hint and the run_finished event's summary. Pure (the run page's bundle imports it).
 */
import type { TaskState } from '../model/types';

/** Open or in progress; closed and skipped tasks are done (as Mattermost counts them). */
export function isTaskOpen(state: TaskState): boolean {
  return state === 'open' || state === 'in_progress';
}

/** Structural, so the run page's view of the checklists counts the same way as the run file. */
export function countOpenTasks(checklists: readonly { readonly items: readonly { readonly state: TaskState }[] }[]): number {
  let open = 0;
  for (const checklist of checklists) for (const item of checklist.items) if (isTaskOpen(item.state)) open += 1;
  return open;
}

/** `1 task still open`, `3 tasks still open`: the wording timelines already carry in their summaries. */
export function openTasksText(count: number): string {
  return `${count} ${count === 1 ? 'task' : 'tasks'} still open`;
}
