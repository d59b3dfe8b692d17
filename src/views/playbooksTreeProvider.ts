import * as vscode from 'vscode';
import { VIEW_ID } from '../shared/commandIds';
import { Disposable } from '../platform/disposable';
import type { ExtensionServices } from '../platform/services';
import type { PlaybookFolder } from '../platform/workspaceModel';
import { folderChildren, WorkspaceFolderNode } from './nodes/folderNode';
import { PlaybookNode, RunGroupNode } from './nodes/playbookNode';
import { RunNode } from './nodes/runNode';
import { viewDescription } from './treeFormat';
import { nextActionDeadline } from './actionCounts';
import type { TreeNode } from './treeNode';

/** setTimeout's longest wait; a deadline further away is looked at again after it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The Playbooks view over the workspace model: it re-renders when the model says the files
 * changed (the model coalesces bursts of file events), and once more when an open follow-up action
 * turns overdue (the only thing that changes with the clock alone).
 */
export class PlaybooksTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** How many times the tree re-rendered; tests compare it with the model's refreshes. */
  refreshCount = 0;
  private deadlineTimer: NodeJS.Timeout | undefined;

  constructor(private readonly services: ExtensionServices) {
    super();
    this.treeView = this.register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this.register(services.model.onDidChange(() => this.refresh()));
    this.register({ dispose: () => clearTimeout(this.deadlineTimer) });
    this.updateHeader();
    this.scheduleDeadlineRefresh();
  }

  refresh(): void {
    this.refreshCount += 1;
    this.updateHeader();
    this.changed.fire(undefined);
    this.scheduleDeadlineRefresh();
  }

  /** Re-renders just after the next open action's deadline, so "overdue" shows without a file change. */
  private scheduleDeadlineRefresh(): void {
    clearTimeout(this.deadlineTimer);
    const now = new Date();
    const next = nextActionDeadline(this.services.model.folders.filter((folder) => folder.exists), now);
    if (next === undefined || this.isDisposed) return;
    this.deadlineTimer = setTimeout(() => this.refresh(), Math.min(MAX_TIMER_MS, next - now.getTime() + 1000));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (node) return node.getChildren();
    const folders = this.services.model.folders;
    // An empty tree lets the welcome view (Initialize Playbooks) show.
    if (!folders.some((folder) => folder.exists)) return [];
    if (folders.length > 1) return folders.map((folder) => new WorkspaceFolderNode(folder));
    const folder = folders[0];
    return folder ? folderChildren(folder, undefined) : [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The node of a run as the tree shows it (undefined when it is beyond a group's limit). */
  findRunNode(folder: PlaybookFolder, runId: string): RunNode | undefined {
    const summary = folder.snapshot.runs.find((run) => run.id === runId);
    if (!summary) return undefined;
    const top = this.getChildren();
    const level = this.services.model.folders.length > 1 ? (top.find((node) => node.folder === folder)?.getChildren() ?? []) : top;
    const groups = level.flatMap((node) => (node instanceof RunGroupNode ? [node] : node instanceof PlaybookNode && node.summary.slug === summary.playbook ? node.getChildren() : []));
    for (const group of groups) {
      const found = group.getChildren().find((child): child is RunNode => child instanceof RunNode && child.runId === runId);
      if (found) return found;
    }
    return undefined;
  }

  /** Selects a run in the tree (after Start Run, for instance) without taking focus. */
  async revealRun(folder: PlaybookFolder, runId: string): Promise<void> {
    const node = this.findRunNode(folder, runId);
    if (node && this.treeView.visible) await this.treeView.reveal(node, { select: true, focus: false, expand: false });
  }

  private updateHeader(): void {
    const folders = this.services.model.folders.filter((folder) => folder.exists);
    this.treeView.description = viewDescription(folders.flatMap((folder) => folder.snapshot.runs));
    const loading = folders.some((folder) => !folder.isLoaded && !folder.firstLevel);
    const empty = folders.length > 0 && folders.every((folder) => folder.isLoaded && folder.snapshot.playbooks.length === 0 && folder.snapshot.runs.length === 0);
    this.treeView.message = loading ? 'Loading playbooks…' : empty ? 'No playbooks yet. Create one with New Playbook in the view toolbar.' : undefined;
  }
}
