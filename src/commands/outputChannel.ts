import * as vscode from 'vscode';

let channel: vscode.OutputChannel | undefined;

/** The "Playbooks" output channel, created on first use (most sessions never need it). */
export function playbooksOutput(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Playbooks');
  return channel;
}

export function disposePlaybooksOutput(): void {
  channel?.dispose();
  channel = undefined;
}
