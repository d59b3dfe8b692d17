import type { Run } from '../model/types';

export interface PublishPlan {
  /** Branch to create first, when publishing for review. */
  branch?: string;
  trailers: Record<string, string>;
  subject: string;
  body: string;
}

/** What publishing a retrospective commits, decided without touching git (the adapter carries it out). */
export function planPublish(runId: string, run: Pick<Run, 'name' | 'playbook'>, metricLines: string[], options: { branch: boolean }): PublishPlan {
  const subject = `Publish retrospective: ${run.name}`;
  const body = [`Retrospective of run ${runId} (playbook ${run.playbook}).`, ...(metricLines.length > 0 ? ['', ...metricLines.map((line) => `- ${line}`)] : [])].join('\n');
  const trailers = { 'Playbook-Run': runId };
  return {
    ...(options.branch ? { branch: retroBranchName(runId) } : {}),
    subject,
    body,
    trailers,
  };
}

/** Skipping is recorded like publishing: one commit of the run's folder saying why, same branch rules. */
export function planSkip(runId: string, run: Pick<Run, 'name' | 'playbook'>, reason: string, options: { branch: boolean }): PublishPlan {
  return {
    ...(options.branch ? { branch: skipBranchName(runId) } : {}),
    subject: `Skip retrospective: ${run.name}`,
    body: [`No retrospective for run ${runId} (playbook ${run.playbook}).`, '', `Reason: ${reason.trim()}`].join('\n'),
    trailers: { 'Playbook-Run': runId },
  };
}

export function retroBranchName(runId: string): string {
  return `retro/${runId}`;
}

/** Not retro/<run>: a skipped retrospective can still be published later, on that branch. */
export function skipBranchName(runId: string): string {
  return `retro/${runId}-skipped`;
}

/** Only files of the run's own folder are ever committed by publishing, never its lock or temporary files. */
export const NOT_PUBLISHED = /(^|\/)\.lock$|\.tmp$/;

