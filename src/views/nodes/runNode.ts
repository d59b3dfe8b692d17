import * as vscode from 'vscode';
import { COMMANDS } from '../../shared/commandIds';
import type { RunSummary } from '../../core/index/indexTypes';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { formatLocalTime, isRetroDue, plural, runDescription } from '../treeFormat';
import { icon, openFileCommand, tooltip, TreeNode, type NodeTarget } from '../treeNode';
import { actionCountsText } from '../actionCounts';
import { ChecklistsNode } from './checklistNodes';
import { RetrospectiveNode } from './retrospectiveNode';
import { TimelineNode } from './timelineNodes';

export function folderKey(folder: PlaybookFolder): string {
  return folder.workspaceFolder.uri.toString();
}

/** A run: opens the run editor; its children are read only when it is expanded. */
export class RunNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode | undefined,
    readonly summary: RunSummary,
  ) {
    super(folder, parent);
    this.id = `${folderKey(folder)}#run:${summary.id}`;
  }

  get runId(): string {
    return this.summary.id;
  }

  override target(): NodeTarget {
    return { ...super.target(), run: this.summary.id, ...(this.summary.readable ? { playbook: this.summary.playbook } : {}) };
  }

  getTreeItem(): vscode.TreeItem {
    const run = this.summary;
    if (!run.readable) {
      // Unreadable run.yaml: show where the problem is rather than hide the run.
      const item = this.item(run.id);
      item.iconPath = icon('error', 'errorForeground');
      item.description = runDescription(run);
      item.contextValue = CONTEXT.runInvalid;
      item.tooltip = tooltip(run.id, [['Problems', `${plural(run.errors, 'problem')} in run.yaml (see the Problems panel)`]]);
      item.command = openFileCommand(this.folder.repo.layout.runFile(run.id), 'Open run.yaml');
      return item;
    }
    const item = this.item(run.name, vscode.TreeItemCollapsibleState.Collapsed);
    const actions = run.actions === undefined ? undefined : actionCountsText(this.folder, [run], new Date());
    item.description = actions === undefined ? runDescription(run) : `${runDescription(run)} · ${actions}`;
    const due = isRetroDue(run);
    if (run.status === 'in_progress') {
      item.iconPath = icon('play-circle');
      item.contextValue = CONTEXT.runInProgress;
    } else {
      item.iconPath = due ? icon('bell', 'list.warningForeground') : icon('pass');
      item.contextValue = due ? CONTEXT.runFinishedRetroDue : CONTEXT.runFinished;
    }
    if (run.errors > 0) item.iconPath = icon('warning', 'list.warningForeground');
    item.tooltip = tooltip(run.name, [
      ['Run', run.id],
      ['Playbook', run.playbook],
      ['Status', run.status === 'in_progress' ? 'in progress' : 'finished'],
      ['Owner', run.owner],
      ['Participants', run.participants.join(', ')],
      ['Started', formatLocalTime(run.startedAt)],
      ['Ended', run.endedAt === undefined ? undefined : formatLocalTime(run.endedAt)],
      ['Tasks', `${run.tasksDone} of ${run.tasksTotal} done`],
      ['Retrospective', run.retrospective === 'none' ? undefined : due ? 'due' : run.retrospective],
      ['Actions', actions],
    ]);
    item.command = { command: COMMANDS.openRun, title: 'Open Run', arguments: [this] };
    return item;
  }

  override getChildren(): TreeNode[] {
    // The index keeps summaries only: the run itself is read when it is expanded.
    const run = this.summary.readable ? this.folder.repo.readRun(this.summary.id, 'unchecked').data : undefined;
    if (!run) return [];
    const children: TreeNode[] = [new ChecklistsNode(this.folder, this, run), new TimelineNode(this.folder, this, this.summary)];
    if (this.summary.retrospective !== 'none') children.push(new RetrospectiveNode(this.folder, this, this.summary));
    return children;
  }
}
