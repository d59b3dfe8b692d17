import * as vscode from 'vscode';

/** Where a step sits in a multi-step input ("Start Run (2/3)"); absent for a single question. */
export interface StepPosition {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Shows a Back button that resolves to {@link BACK}. */
  canGoBack?: boolean;
}

export const BACK = Symbol('back');
export type Back = typeof BACK;

function place(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, position: StepPosition): void {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  input.ignoreFocusOut = true;
  if (position.canGoBack) input.buttons = [vscode.QuickInputButtons.Back];
}

export interface PickStepOptions<T extends vscode.QuickPickItem> extends StepPosition {
  placeholder: string;
  items: readonly T[];
  active?: T;
  matchOnDescription?: boolean;
}

/** One quick pick; undefined when dismissed, {@link BACK} when the Back button is pressed. */
export function pickStep<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  place(pick, options);
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  if (options.active) pick.activeItems = [options.active];
  return settle(pick, (resolve) => [
    pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0])),
    pick.onDidTriggerButton(() => resolve(BACK)),
  ]);
}

export interface InputStepOptions extends StepPosition {
  prompt: string;
  placeholder?: string;
  value?: string;
  /** A problem sentence, or undefined when the text is acceptable. */
  validate?: (value: string) => string | undefined;
}

/** One input box; undefined when dismissed, {@link BACK} when the Back button is pressed. */
export function inputStep(options: InputStepOptions): Promise<string | Back | undefined> {
  const input = vscode.window.createInputBox();
  place(input, options);
  input.prompt = options.prompt;
  input.placeholder = options.placeholder;
  input.value = options.value ?? '';
  const check = (): string | undefined => {
    const problem = options.validate?.(input.value);
    input.validationMessage = problem;
    return problem;
  };
  return settle(input, (resolve) => [
    input.onDidChangeValue(() => check()),
    input.onDidAccept(() => {
      if (check() === undefined) resolve(input.value);
    }),
    input.onDidTriggerButton(() => resolve(BACK)),
  ]);
}

/** Shows an input and resolves once: on accept, Back, or hide (dismissed); then disposes it. */
export function settle<R>(input: vscode.QuickInput, wire: (resolve: (value: R | undefined) => void) => vscode.Disposable[]): Promise<R | undefined> {
  return new Promise<R | undefined>((resolve) => {
    let done = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (value: R | undefined): void => {
      if (done) return;
      done = true;
      for (const disposable of disposables) disposable.dispose();
      input.dispose();
      resolve(value);
    };
    disposables.push(...wire(finish), input.onDidHide(() => finish(undefined)));
    input.show();
  });
}

/** A yes/no question as a modal dialog (the UX guide's choice for an immediate single decision). */
export async function confirmModal(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}
