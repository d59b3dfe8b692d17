import type { Layout } from '../core/repository/layout';
import { syncPlaybooks, type SyncOptions, type SyncOutcome } from '../git/syncPlaybooks';

export type { IncomingRunChange, SyncOptions, SyncOutcome } from '../git/syncPlaybooks';

export type SyncFunction = (root: string, layout: Layout, options: SyncOptions) => Promise<SyncOutcome>;

/**
 * The one place the editor calls the sync engine (src/git/syncPlaybooks.ts): commits the named
 * runs' pending changes, fetches, integrates and pushes; offline (`offline: 'queue'`), keeps them
 * as local commits and says so instead of throwing.
 */
export const syncFolder: SyncFunction = (root, layout, options) => syncPlaybooks(root, layout, options);
