import { requireTrust } from '../platform/actions';
import type { PlaybookFolder } from '../platform/workspaceModel';

/**
 * A change that is not to one run (new playbook, import, initialize, start run): trust first,
 * then the operation, then an immediate refresh so the tree shows the result.
 */
export async function performFolderChange<T>(folder: PlaybookFolder, operation: () => T | Promise<T>): Promise<T> {
  requireTrust();
  try {
    return await operation();
  } finally {
    folder.refreshNow();
  }
}
