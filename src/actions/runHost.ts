import * as vscode from 'vscode';
import { checkRunWritable, gitOf, headCommitOf, operationContextFor, performFolderChange, performRunChange } from '../platform/actions';
import { preparePublish, skipAndCommit } from '../platform/publishing';
import type { PlaybookFolder } from '../platform/workspaceModel';
import type { ActionPrompts, FolderHost, RunActionTarget, RunHost } from './actionTypes';

/** The host of a run in a workspace folder: trust, unsaved edits, who acts and refreshes (src/platform). */
function runHostFor(folder: PlaybookFolder, runId: string): RunHost {
  return {
    checkWritable: () => checkRunWritable(folder, runId),
    change: (operation) => performRunChange(folder, runId, operation),
    headCommit: () => headCommitOf(folder),
    commitSkip: (reason, context) => skipAndCommit(folder, runId, reason, context),
    preparePublish: (checks) => preparePublish(folder, runId, checks),
    runInTerminal: (command, name) => {
      const terminal = vscode.window.createTerminal({ name, cwd: folder.repo.layout.root });
      terminal.show();
      terminal.sendText(command);
    },
    refresh: () => folder.refreshNow(),
  };
}

/** A change that is not to one run yet (starting one): trust first, then a refresh of the whole folder. */
export function folderHostFor(folder: PlaybookFolder): FolderHost {
  return {
    change: (operation) => performFolderChange(folder, async () => operation(await operationContextFor(folder))),
    lastCommitOf: async (file) => (await gitOf(folder))?.lastCommitOf(file),
  };
}

export function runActionTarget(folder: PlaybookFolder, runId: string, prompts: ActionPrompts): RunActionTarget {
  return { repo: folder.repo, runId, host: runHostFor(folder, runId), prompts };
}
