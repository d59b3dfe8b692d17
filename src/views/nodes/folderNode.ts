import * as vscode from 'vscode';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { OTHER_RUNS, plural, runsByPlaybook } from '../treeFormat';
import { icon, TreeNode } from '../treeNode';
import { PlaybookNode, runGroups } from './playbookNode';
import { folderKey } from './runNode';

/**
 * The top level of one folder: its playbooks, then runs whose playbook is gone or that cannot be
 * read (as groups, so they stay visible and fixable).
 */
export function folderChildren(folder: PlaybookFolder, parent: TreeNode | undefined): TreeNode[] {
  // A large repository loading for the first time: playbooks with their run counts, runs to follow.
  const preview = folder.firstLevel;
  if (preview) return preview.playbooks.map((summary) => new PlaybookNode(folder, parent, summary, preview.runCounts.get(summary.slug) ?? { total: 0, inProgress: 0 }));
  const snapshot = folder.snapshot;
  const nodes: TreeNode[] = snapshot.playbooks.map((summary) => new PlaybookNode(folder, parent, summary));
  const others = runsByPlaybook(snapshot).get(OTHER_RUNS);
  if (others) {
    nodes.push(...runGroups(folder, parent, others, `${folderKey(folder)}#other`, { inProgress: 'Other runs in progress', finished: 'Other finished runs' }));
  }
  return nodes;
}

/** Shown only in a multi-root workspace. */
export class WorkspaceFolderNode extends TreeNode {
  readonly id: string;

  constructor(folder: PlaybookFolder) {
    super(folder, undefined);
    this.id = `${folderKey(folder)}#folder`;
  }

  getTreeItem(): vscode.TreeItem {
    const exists = this.folder.exists;
    const item = this.item(this.folder.workspaceFolder.name, exists ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.iconPath = icon('root-folder');
    item.description = exists ? plural((this.folder.firstLevel ?? this.folder.snapshot).playbooks.length, 'playbook') : 'no playbooks folder';
    item.tooltip = exists ? this.folder.repo.layout.playbooksDir : 'Run Playbooks: Initialize Playbooks Folder to create one here.';
    item.contextValue = CONTEXT.workspaceFolder;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.folder.exists ? folderChildren(this.folder, this) : [];
  }
}
