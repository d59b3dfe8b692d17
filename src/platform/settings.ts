import * as vscode from 'vscode';
import { parseSyncMode, timingsFor, type LiveSyncTimings, type SyncModeSetting } from '../core/sync/liveSyncPlan';

export type PublishMode = 'commit' | 'branchAndPush';

/** Settings of one workspace folder, read fresh each time (they can change while running). */
export interface PlaybooksSettings {
  folder: string;
  publishMode: PublishMode;
  remote: string;
  remindersEnabled: boolean;
  /** playbooks.sync.mode (what it means where: effectiveSyncMode). */
  syncMode: SyncModeSetting;
  /** From playbooks.sync.fetchIntervalSeconds. */
  syncTimings: LiveSyncTimings;
}

export function readSettings(scope?: vscode.Uri): PlaybooksSettings {
  const config = vscode.workspace.getConfiguration('playbooks', scope);
  return {
    folder: config.get<string>('folder', 'playbooks') || 'playbooks',
    publishMode: config.get<PublishMode>('publish.mode', 'commit') === 'branchAndPush' ? 'branchAndPush' : 'commit',
    remote: config.get<string>('publish.remote', 'origin') || 'origin',
    remindersEnabled: config.get<boolean>('reminders.enabled', true),
    syncMode: parseSyncMode(config.get<unknown>('sync.mode')),
    syncTimings: timingsFor(config.get<unknown>('sync.fetchIntervalSeconds')),
  };
}
