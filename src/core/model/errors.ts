/**
 * What a person could do after a refusal, named in the domain's terms: the input that was missing, or
 * the action that would help. Each surface words it its own way: the CLI as a flag or a command, the
 * extension as a button.
 */
export type RefusalHint =
  | { kind: 'input'; input: 'runName' | 'statusMessage' | 'noteSummary' | 'noteDetails' | 'skipReason' | 'people' | 'taskChange' | 'publishInProgress' }
  | { kind: 'action'; action: 'restoreRun' | 'listRuns' | 'newPlaybook' | 'listTasks' | 'listEventIds'; runId?: string };

/** A refusal a person can act on: the message says what is wrong (in the domain's words, no surface's). */
export class OperationRefused extends Error {
  override readonly name = 'OperationRefused';

  constructor(
    message: string,
    readonly hint?: RefusalHint,
  ) {
    super(message);
  }
}
