import { MattermostImportError } from '../core/import/mattermostImport';
import { OperationRefused } from '../core/model/errors';
import { InvalidFileError } from '../core/repository/playbooksRepository';
import { InvalidNameError } from '../core/util/slug';
import { GitRefusal } from '../git/gitErrors';

/**
 * Errors a person can act on (a refusal, a bad file or name, git saying no, an export that is not
 * one): the CLI prints them as one message, the extension shows them; anything else is a bug.
 */
export function isExpectedError(error: unknown): error is Error {
  return (
    error instanceof OperationRefused ||
    error instanceof InvalidFileError ||
    error instanceof InvalidNameError ||
    error instanceof GitRefusal ||
    error instanceof MattermostImportError
  );
}
