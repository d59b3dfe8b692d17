import type { RunActionsSummary } from '../actions/actionFigures';
import type { Playbook, RetrospectiveStatus, RunStatus } from '../model/types';

export interface PlaybookSummary {
  slug: string;
  title: string;
  /** Repository-relative path. */
  file: string;
  errors: number;
  /** The parsed playbook when it is usable (200 of them at most: small enough to keep). */
  playbook?: Playbook;
}

/**
 * What the tree, pickers, reminders and reports need of a run, and nothing more: 20,000 of these
 * are held in memory (and in the persisted index), so the parsed run itself is not kept.
 */
export interface RunSummary {
  id: string;
  name: string;
  playbook: string;
  status: RunStatus;
  owner: string;
  participants: string[];
  startedAt: string;
  endedAt?: string;
  tasksDone: number;
  tasksTotal: number;
  /** `none` when the run has no retrospective file. */
  retrospective: RetrospectiveStatus | 'none' | 'invalid';
  /** The retrospective's open follow-up actions (what their deadlines need), when it has any. */
  actions?: RunActionsSummary;
  errors: number;
  /** The run file could be parsed (it may still have problems): its checklists can be shown, it can be picked. */
  readable: boolean;
  retrospectiveEnabled: boolean;
  statusUpdatesEnabled: boolean;
  /** Set when status updates are on and have a reminder cadence (reminders look only at these). */
  statusUpdateReminder?: string;
}

export interface IndexSnapshot {
  playbooks: PlaybookSummary[];
  /** Ordered by id. */
  runs: RunSummary[];
  /** Unique among the snapshots of this process (a delta names its base by it). */
  version?: number;
  /**
   * Set when this snapshot differs from an earlier one by the runs listed (the playbooks are the
   * same): views update what they derived from the base instead of going over 20,000 runs again.
   */
  delta?: SnapshotDelta;
}

export interface SnapshotDelta {
  base: number;
  /** Summaries that left (a changed run is in both lists: its old and its new summary). */
  removed: RunSummary[];
  added: RunSummary[];
}

/** Run counts of one playbook, for the tree's first level before the runs themselves are loaded. */
export interface PlaybookRunCounts {
  total: number;
  inProgress: number;
}

/** The first tree level, read fast (a few hundred bytes of each run file): playbooks and run counts. */
export interface FirstLevel {
  playbooks: PlaybookSummary[];
  /** By playbook slug; runs whose playbook line could not be read are under ''. */
  runCounts: Map<string, PlaybookRunCounts>;
}
