import * as vscode from 'vscode';
import type { PlaybookFolder } from '../platform/workspaceModel';

/**
 * The questions the run editor asks a person. Kept behind an interface so that integration tests can
 * answer them (a modal dialog would wait forever in a test), while the handler itself stays the same.
 */
export interface RunEditorPrompts {
  /** A modal confirmation; true when the person chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A notification with optional actions; resolves with the chosen one. */
  inform(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowPrompts: RunEditorPrompts = {
  async confirm(message, detail, action) {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
  },
  inform: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};

/** The run a request is about, and who answers its questions. */
export interface RunRequestTarget {
  folder: PlaybookFolder;
  runId: string;
  prompts: RunEditorPrompts;
}
