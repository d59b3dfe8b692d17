import * as vscode from 'vscode';
import type { ActionPrompts } from './actionTypes';

/** VS Code's modal dialogs, input box and status bar: the palette commands and the reminder notification. */
export const windowActionPrompts: ActionPrompts = {
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
  input: (question) => Promise.resolve(vscode.window.showInputBox({ title: question.title, prompt: question.prompt, placeHolder: question.placeholder, ignoreFocusOut: true, validateInput: question.validate })),
  report: (message) => {
    vscode.window.setStatusBarMessage(message, 4000);
  },
  announce: (message, link) => announceInWindow(message, link, (text, button) => vscode.window.showInformationMessage(text, ...(button ? [button] : []))),
};

/** Shows a result with its link's button (through `show`, the surface's notification); the button opens the link. */
export function announceInWindow(message: string, link: { title: string; url: string } | undefined, show: (message: string, button?: string) => Thenable<string | undefined>): void {
  void Promise.resolve(show(message, link?.title)).then((choice) => {
    if (link && choice === link.title) void vscode.env.openExternal(vscode.Uri.parse(link.url));
  });
}

/** Calls with plain arguments (tests, other extensions) ask nothing: every confirmation is a yes. */
export const unattendedPrompts: ActionPrompts = {
  confirm: () => Promise.resolve(true),
  input: () => Promise.resolve(undefined),
  report: () => undefined,
  announce: () => undefined,
};
