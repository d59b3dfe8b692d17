import * as vscode from 'vscode';

export type PublishMode = 'commit' | 'branchAndPush';

/** Settings of one workspace folder, read fresh each time (they can change while running). */
export interface PlaybooksSettings {
  folder: string;
  publishMode: PublishMode;
  remote: string;
  remindersEnabled: boolean;
}

export function readSettings(scope?: vscode.Uri): PlaybooksSettings {
  const config = vscode.workspace.getConfiguration('playbooks', scope);
  return {
    folder: config.get<string>('folder', 'playbooks') || 'playbooks',
    publishMode: config.get<PublishMode>('publish.mode', 'commit') === 'branchAndPush' ? 'branchAndPush' : 'commit',
    remote: config.get<string>('publish.remote', 'origin') || 'origin',
    remindersEnabled: config.get<boolean>('reminders.enabled', true),
  };
}
