import { MattermostImportError } from '../import/mattermostImport';
import { InvalidFileError } from '../repository/playbooksRepository';
import { InvalidNameError } from '../util/slug';
import { OperationRefused } from './errors';

/**
 * Core's errors a person can act on (a refusal, a bad file or name, an export that is not one).
 * Each surface adds the errors of the adapters it uses (the CLI and the extension add git's
 * `GitRefusal`) and treats anything else as a bug.
 */
export function isExpectedCoreError(error: unknown): error is Error {
  return error instanceof OperationRefused || error instanceof InvalidFileError || error instanceof InvalidNameError || error instanceof MattermostImportError;
}
