import type { RefusalHint } from '../core/model/errors';

const INPUT_FLAGS: Record<Extract<RefusalHint, { kind: 'input' }>['input'], string> = {
  runName: ' (--name "…")',
  statusMessage: ' (--message "…")',
  noteSummary: ' (--summary "…")',
  noteDetails: ' (--details "…")',
  skipReason: ' (--reason "…")',
  people: ' (--add WHO, --remove WHO)',
  taskChange: ' (--state and/or --assign)',
  publishInProgress: ' (or publish it now with --in-progress)',
};

/** The command line's words for what to do after a refusal: the flag to give or the command to run. */
export function cliHint(hint: RefusalHint | undefined): string {
  if (hint === undefined) return '';
  if (hint.kind === 'input') return INPUT_FLAGS[hint.input];
  const run = hint.runId ?? '<run>';
  switch (hint.action) {
    case 'restoreRun':
      return ` (git-playbooks run restore ${run})`;
    case 'listRuns':
      return '; list runs with: git-playbooks run list';
    case 'newPlaybook':
      return ' (git-playbooks playbook new creates one)';
    case 'listTasks':
      return ' (git-playbooks run show lists them)';
    case 'listEventIds':
      return `; the ID column of git-playbooks timeline ${run} shows them`;
  }
}
