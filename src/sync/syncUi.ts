import * as vscode from 'vscode';
import type { SyncNotice } from '../core/sync/liveSyncWording';

/** Shows notifications; tests replace it (the host's notification UI cannot be read back). */
export interface SyncNotifier {
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string): Thenable<unknown>;
}

export const windowSyncNotifier: SyncNotifier = {
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message) => vscode.window.showWarningMessage(message),
};

export const OPEN_RUN = 'Open Run';
/** More runs than this in one sync: one notification for all of them. */
const SEPARATE_NOTICES = 3;

/** One notification per run (a few at most), each with Open Run; more runs say so in one line. */
export async function showNotices(notifier: SyncNotifier, notices: readonly SyncNotice[], open: (runId: string) => void): Promise<void> {
  if (notices.length > SEPARATE_NOTICES) {
    const first = notices[0];
    const choice = await notifier.info(`${notices.length} runs changed: ${notices.map((notice) => notice.message).join(' · ')}`, ...(first ? [OPEN_RUN] : []));
    if (choice === OPEN_RUN && first) open(first.runId);
    return;
  }
  await Promise.all(
    notices.map(async (notice) => {
      if ((await notifier.info(notice.message, OPEN_RUN)) === OPEN_RUN) open(notice.runId);
    }),
  );
}
