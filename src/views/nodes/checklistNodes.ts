import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/commandIds';
import type { Run, RunChecklist, RunItem } from '../../core/model/types';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { TASK_STATE_LABELS } from '../../core/model/types';
import { formatLocalTime, TASK_STATE_ICONS } from '../treeFormat';
import { icon, tooltip, TreeNode, type NodeTarget } from '../treeNode';

const isDone = (item: RunItem): boolean => item.state === 'closed' || item.state === 'skipped';

function doneOf(items: readonly RunItem[]): string {
  return `${items.filter(isDone).length}/${items.length}`;
}

/** "Checklists" under a run; the data comes with the snapshot, nothing is read here. */
export class ChecklistsNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    private readonly run: Run,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#checklists`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Checklists', vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = icon('checklist');
    item.description = doneOf(this.run.checklists.flatMap((checklist) => checklist.items));
    item.contextValue = CONTEXT.checklists;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.run.checklists.map((checklist, index) => new ChecklistNode(this.folder, this, checklist, index));
  }
}

export class ChecklistNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    private readonly checklist: RunChecklist,
    index: number,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#cl:${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.checklist.title, vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = icon('list-unordered');
    item.description = doneOf(this.checklist.items);
    item.contextValue = CONTEXT.checklist;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.checklist.items.map((task) => new TaskNode(this.folder, this, task));
  }
}

/** A task: its menu sets the state or the assignee; a click only opens the run editor. */
export class TaskNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    readonly task: RunItem,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#task:${task.id}`;
  }

  override target(): NodeTarget {
    return { ...super.target(), task: this.task.id };
  }

  getTreeItem(): vscode.TreeItem {
    const task = this.task;
    const item = this.item(task.title);
    item.iconPath = icon(TASK_STATE_ICONS[task.state]);
    const parts = [task.assignee ?? '', task.due !== undefined && !isDone(task) ? `due ${formatLocalTime(task.due)}` : ''].filter((part) => part !== '');
    item.description = parts.join(' · ');
    item.contextValue = CONTEXT.task;
    item.tooltip = tooltip(
      task.title,
      [
        ['State', TASK_STATE_LABELS[task.state]],
        ['Assignee', task.assignee],
        ['Due', task.due === undefined ? undefined : formatLocalTime(task.due)],
        ['Command', task.command],
        ['Link', task.link],
      ],
      task.description,
    );
    item.accessibilityInformation = { label: `${task.title}, ${TASK_STATE_LABELS[task.state]}${task.assignee ? `, assigned to ${task.assignee}` : ''}` };
    item.command = { command: COMMANDS.openRun, title: 'Open Run', arguments: [this] };
    return item;
  }
}
