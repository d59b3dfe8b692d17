import * as vscode from 'vscode';
import type { PlaybookRunCounts, PlaybookSummary, RunSummary } from '../../core/index/indexTypes';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { GROUP_LIMIT, olderRunsNote, playbookDescription, plural, runsByPlaybook, type PlaybookRuns } from '../treeFormat';
import { icon, openFileCommand, tooltip, TreeNode, type NodeTarget } from '../treeNode';
import { actionCountsText } from '../actionCounts';
import { folderKey, RunNode } from './runNode';

const NO_RUNS: PlaybookRuns = { inProgress: [], finished: [] };

/** A playbook; a click opens its file (the playbook form is that file's default editor). */
export class PlaybookNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode | undefined,
    readonly summary: PlaybookSummary,
    /** Counts read fast while the runs themselves are still loading. */
    private readonly preview?: PlaybookRunCounts,
  ) {
    super(folder, parent);
    this.id = `${folderKey(folder)}#pb:${summary.slug}`;
  }

  private get runs(): PlaybookRuns {
    return runsByPlaybook(this.folder.snapshot).get(this.summary.slug) ?? NO_RUNS;
  }

  override target(): NodeTarget {
    return { playbook: this.summary.slug };
  }

  getTreeItem(): vscode.TreeItem {
    const { inProgress, total } = this.counts();
    // Collapsed while loading: expanding waits for the runs (the tree shows its progress bar).
    const state = total === 0 ? vscode.TreeItemCollapsibleState.None : inProgress > 0 && !this.preview ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = this.item(this.summary.title, state);
    const invalid = this.summary.errors > 0 || !this.summary.playbook;
    item.iconPath = invalid ? icon('error', 'errorForeground') : icon('notebook');
    // While loading there are no summaries yet: the counts come with the runs.
    const runs = this.runs;
    const actions = this.preview ? undefined : actionCountsText(this.folder, [...runs.inProgress, ...runs.finished], new Date());
    const description = invalid ? plural(Math.max(this.summary.errors, 1), 'problem') : playbookDescription(inProgress, total);
    item.description = actions === undefined ? description : `${description} · ${actions}`;
    item.contextValue = invalid ? CONTEXT.playbookInvalid : CONTEXT.playbook;
    item.tooltip = tooltip(
      this.summary.title,
      [
        ['File', this.summary.file],
        ['Runs', `${inProgress} in progress, ${total - inProgress} finished${this.preview ? ' (loading)' : ''}`],
        ['Problems', invalid ? `${plural(Math.max(this.summary.errors, 1), 'problem')} (see the Problems panel)` : undefined],
        ['Actions', actions],
      ],
      this.summary.playbook?.description,
    );
    item.resourceUri = vscode.Uri.file(this.folder.repo.layout.playbookFile(this.summary.slug));
    item.command = openFileCommand(this.folder.repo.layout.playbookFile(this.summary.slug), 'Open Playbook');
    return item;
  }

  private counts(): PlaybookRunCounts {
    if (this.preview) return this.preview;
    const { inProgress, finished } = this.runs;
    return { inProgress: inProgress.length, total: inProgress.length + finished.length };
  }

  override getChildren(): TreeNode[] {
    // Expanded while the runs are still loading: a placeholder, replaced when the load is done.
    if (this.preview) return [new LoadingNode(this.folder, this, `${this.id}#loading`)];
    return runGroups(this.folder, this, this.runs, this.id);
  }
}

export type RunGroupKind = 'inProgress' | 'finished';

/** "In progress (N)" / "Finished (N)": only the newest runs are rendered; Open Run reaches the rest. */
export class RunGroupNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode | undefined,
    readonly kind: RunGroupKind,
    private readonly runs: readonly RunSummary[],
    parentId: string,
    private readonly title?: string,
  ) {
    super(folder, parent);
    this.id = `${parentId}#group:${kind}`;
  }

  getTreeItem(): vscode.TreeItem {
    const label = this.title ?? (this.kind === 'inProgress' ? 'In progress' : 'Finished');
    const expanded = this.kind === 'inProgress' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = this.item(`${label} (${this.runs.length.toLocaleString('en-US')})`, expanded);
    const older = olderRunsNote(this.runs.length);
    if (older) {
      item.description = older;
      item.tooltip = `The newest ${GROUP_LIMIT} are listed here; use Playbooks: Open Run to find older runs.`;
    }
    item.contextValue = CONTEXT.runGroup;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.runs.slice(0, GROUP_LIMIT).map((run) => new RunNode(this.folder, this, run));
  }
}

export function runGroups(folder: PlaybookFolder, parent: TreeNode | undefined, runs: PlaybookRuns, parentId: string, titles: Partial<Record<RunGroupKind, string>> = {}): RunGroupNode[] {
  const groups: RunGroupNode[] = [];
  if (runs.inProgress.length > 0) groups.push(new RunGroupNode(folder, parent, 'inProgress', runs.inProgress, parentId, titles.inProgress));
  if (runs.finished.length > 0) groups.push(new RunGroupNode(folder, parent, 'finished', runs.finished, parentId, titles.finished));
  return groups;
}

/** "Loading runs…" under a playbook expanded before the first load of a large repository is done. */
export class LoadingNode extends TreeNode {
  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    readonly id: string,
  ) {
    super(folder, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Loading runs…');
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    return item;
  }
}
