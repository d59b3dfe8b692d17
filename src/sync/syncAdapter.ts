import type { Layout } from '../core/repository/layout';
import { OperationRefused } from '../core/model/errors';
import type { RunStatus, TimelineEvent } from '../core/model/types';

/**
 * The one place the editor calls the sync engine (syncPlaybooks of src/git/syncPlaybooks.ts, its
 * interface as agreed). PENDING MERGE: the engine is not on this branch yet; until it is, these are
 * the contract's types and the call refuses. Wiring it is this file alone.
 */

export interface SyncOptions {
  remote?: string;
  runs?: readonly string[];
  actor: string;
  now: Date;
  maxAttempts?: number;
  offline?: 'queue';
}

export interface IncomingRunChange {
  runId: string;
  runName: string;
  events: TimelineEvent[];
  ownerNow?: string;
  statusNow?: RunStatus;
}

export interface SyncOutcome {
  committed: string | undefined;
  pushed: boolean;
  offline: boolean;
  attempts: number;
  incoming: IncomingRunChange[];
  summary: string[];
  conflicts: string[];
}

export type SyncFunction = (root: string, layout: Layout, options: SyncOptions) => Promise<SyncOutcome>;

/** Commits the folder's pending run changes, fetches, integrates and pushes; offline, keeps them queued. */
export const syncFolder: SyncFunction = (_root, _layout, _options) =>
  Promise.reject(new OperationRefused('Syncing runs is not available in this build yet (the sync engine is not wired).'));
