import * as vscode from 'vscode';
import * as actions from '../actions/runActions';
import { runActionTarget } from '../actions/runHost';
import { windowActionPrompts } from '../actions/windowPrompts';
import type { RunArgs } from '../shared/commandArgs';
import { COMMANDS } from '../shared/commandIds';
import { describeItem, notificationMessage, type DueItem } from '../core/runs/reminders';
import type { ReminderStore } from './reminderStore';
import type { PlaybookFolder } from '../platform/workspaceModel';

/** A reminding item with the folder it belongs to and the store that records it. */
export interface DueEntry {
  folder: PlaybookFolder;
  store: ReminderStore;
  item: DueItem;
}

/** Shows a notification; tests replace it (the host's notification UI cannot be read back). */
export interface ReminderNotifier {
  show(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowNotifier: ReminderNotifier = {
  show: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};

export const ACTIONS = {
  fill: 'Fill Out Retrospective',
  skip: 'Skip',
  post: 'Post Status Update',
  mute: "Don't Remind Me for This Run",
  show: 'Show',
  open: 'Open Run',
} as const;

/** The actions a single item's notification offers; writes need a trusted workspace. */
export function actionsFor(item: DueItem, trusted: boolean): string[] {
  if (item.kind === 'retrospective') return [ACTIONS.fill, ...(trusted ? [ACTIONS.skip] : []), ACTIONS.mute];
  if (item.kind === 'action') return [ACTIONS.open, ACTIONS.mute];
  return [...(trusted ? [ACTIONS.post] : []), ACTIONS.mute];
}

/** One notification for everything just claimed: the item itself, or a count with "Show". */
export async function notifyDue(entries: readonly DueEntry[], notifier: ReminderNotifier, changed: () => void): Promise<void> {
  const [only] = entries;
  if (entries.length === 1 && only) {
    const choice = await notifier.show(notificationMessage([only.item]), ...actionsFor(only.item, vscode.workspace.isTrusted));
    await act(only, choice, changed);
    return;
  }
  const choice = await notifier.show(notificationMessage(entries.map((entry) => entry.item)), ACTIONS.show);
  if (choice === ACTIONS.show) await pickDue(entries, changed);
}

async function act(entry: DueEntry, choice: string | undefined, changed: () => void): Promise<void> {
  if (choice === ACTIONS.fill || choice === ACTIONS.post || choice === ACTIONS.open) await openEntry(entry);
  else if (choice === ACTIONS.skip) await skipEntry(entry);
  else if (choice === ACTIONS.mute) await muteEntry(entry, changed);
}

const MUTE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('bell-slash'), tooltip: ACTIONS.mute };

interface DuePick extends vscode.QuickPickItem {
  entry: DueEntry;
}

/** The due items in a quick pick; choosing one opens it with the command that deals with it. */
export async function pickDue(entries: readonly DueEntry[], changed: () => void): Promise<void> {
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No retrospective or status update is due.');
    return;
  }
  const pick = vscode.window.createQuickPick<DuePick>();
  pick.title = 'Due reminders';
  pick.placeholder = 'Choose a run to deal with it';
  pick.matchOnDescription = true;
  pick.items = entries.map((entry) => ({
    label: `$(${{ retrospective: 'book', status_update: 'megaphone', action: 'checklist' }[entry.item.kind]}) ${entry.item.runName}`,
    description: entry.item.action ? `Action "${entry.item.action.title}" is overdue` : describeItem(entry.item).replace(`"${entry.item.runName}" `, ''),
    detail: `${entry.item.playbook} · owner ${entry.item.owner} · since ${new Date(entry.item.since).toLocaleString()}`,
    buttons: [MUTE_BUTTON],
    entry,
  }));
  const chosen = await new Promise<DuePick | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.onDidTriggerItemButton((event) => {
      void muteEntry(event.item.entry, changed);
      pick.items = pick.items.filter((item) => item !== event.item);
      if (pick.items.length === 0) pick.hide();
    });
    pick.show();
  });
  pick.dispose();
  if (chosen) await openEntry(chosen.entry);
}

function runArgs(entry: DueEntry): RunArgs {
  return { folder: entry.folder.workspaceFolder.uri.fsPath, run: entry.item.run };
}

/**
 * Opens the run where the reminder is dealt with. Commands called with arguments ask nothing, so a
 * status update (which needs its text) is written in the run editor rather than through postStatusUpdate;
 * an overdue action is dealt with in the run editor's Retrospective tab.
 */
async function openEntry(entry: DueEntry): Promise<void> {
  const command = entry.item.kind === 'retrospective' ? COMMANDS.fillOutRetrospective : COMMANDS.openRun;
  await runCommand(command, runArgs(entry));
}

/** The same skip as the palette's: it asks why, then confirms. */
async function skipEntry(entry: DueEntry): Promise<void> {
  await showingErrors(() => actions.skipRetrospective(runActionTarget(entry.folder, entry.item.run, windowActionPrompts)));
}

async function muteEntry(entry: DueEntry, changed: () => void): Promise<void> {
  try {
    await entry.store.mute(entry.item.run, new Date());
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not record "${ACTIONS.mute}": ${error instanceof Error ? error.message : String(error)}`);
  }
  changed();
}

async function runCommand(command: string, args: object): Promise<void> {
  await showingErrors(() => vscode.commands.executeCommand(command, args));
}

async function showingErrors(action: () => Thenable<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
  }
}
