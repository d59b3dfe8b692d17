import * as vscode from 'vscode';
import type { PlaybookFolder } from '../platform/workspaceModel';

/** What a node stands for; commands invoked from a node's menu read their target from it. */
export interface NodeTarget {
  playbook?: string;
  run?: string;
  task?: string;
  event?: string;
}

/**
 * Base of every node: a parent (so `reveal` works), a stable id (so expansion survives refreshes)
 * and its folder. Nodes are cheap and rebuilt on each refresh; they hold no listeners.
 */
export abstract class TreeNode {
  constructor(
    readonly folder: PlaybookFolder,
    readonly parent: TreeNode | undefined,
  ) {}

  /** Unique in the whole tree; derived from the parent's id. */
  abstract readonly id: string;

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): TreeNode[] {
    return [];
  }

  target(): NodeTarget {
    return this.parent?.target() ?? {};
  }

  protected item(label: string, collapsible = vscode.TreeItemCollapsibleState.None): vscode.TreeItem {
    const item = new vscode.TreeItem(label, collapsible);
    item.id = this.id;
    return item;
  }
}

/** A tooltip of user-written values: every value is escaped, nothing is trusted. */
export function tooltip(title: string, rows: ReadonlyArray<readonly [string, string | undefined]>, body?: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown('**').appendText(title).appendMarkdown('**\n\n');
  for (const [label, value] of rows) {
    if (value === undefined || value === '') continue;
    markdown.appendMarkdown(`${label}: `).appendText(value).appendMarkdown('  \n');
  }
  if (body !== undefined && body.trim() !== '') markdown.appendMarkdown('\n---\n\n').appendText(body.trim());
  return markdown;
}

export function icon(name: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(name, color === undefined ? undefined : new vscode.ThemeColor(color));
}

export function openFileCommand(file: string, title = 'Open'): vscode.Command {
  return { command: 'vscode.open', title, arguments: [vscode.Uri.file(file)] };
}
