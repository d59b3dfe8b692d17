import * as vscode from 'vscode';
import type { RunSummary } from '../../core/index/indexTypes';
import type { TimelineEvent } from '../../core/model/types';
import { sortEvents } from '../../core/runs/timelineFile';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { eventTypeIcon, eventTypeLabel } from '../../core/format/eventTypes';
import { formatSinceStartAt } from '../../core/format/sinceStart';
import { formatLocalTime, plural } from '../treeFormat';
import { icon, openFileCommand, tooltip, TreeNode, type NodeTarget } from '../treeNode';

/** "Timeline" under a run: timeline.yaml is read only when this node is expanded. */
export class TimelineNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    private readonly run: RunSummary,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#timeline`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Timeline', vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = icon('history');
    item.contextValue = CONTEXT.timeline;
    item.tooltip = 'Events of the run, newest first; times are counted from the start of the run.';
    return item;
  }

  override getChildren(): TreeNode[] {
    const result = this.folder.repo.readTimeline(this.run.id);
    const errors = result.problems.filter((problem) => problem.severity === 'error');
    if (!result.data) {
      const file = this.folder.repo.layout.timelineFile(this.run.id);
      return [new MessageNode(this.folder, this, 'timeline.yaml cannot be read', plural(Math.max(errors.length, 1), 'problem'), openFileCommand(file))];
    }
    return sortEvents(result.data.events)
      .reverse()
      .map((event) => new TimelineEventNode(this.folder, this, event, this.run.startedAt));
  }
}

export class TimelineEventNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    readonly event: TimelineEvent,
    private readonly startedAt: string,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#ev:${event.id}`;
  }

  override target(): NodeTarget {
    return { ...super.target(), event: this.event.id };
  }

  getTreeItem(): vscode.TreeItem {
    const event = this.event;
    const item = this.item(event.summary);
    item.iconPath = icon(eventTypeIcon(event.type));
    item.description = formatSinceStartAt(this.startedAt, event.at);
    item.contextValue = event.type === 'note' ? CONTEXT.timelineNote : CONTEXT.timelineEvent;
    item.tooltip = tooltip(
      event.summary,
      [
        ['When', formatLocalTime(event.at)],
        ['Who', event.actor],
        ['Type', eventTypeLabel(event.type)],
        ['Link', event.link],
      ],
      event.details,
    );
    return item;
  }
}

/** A row that explains why there is nothing to show (never a button). */
export class MessageNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    private readonly label: string,
    private readonly description: string,
    private readonly command?: vscode.Command,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#message`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.label);
    item.iconPath = icon('error', 'errorForeground');
    item.description = this.description;
    if (this.command) item.command = this.command;
    return item;
  }
}
