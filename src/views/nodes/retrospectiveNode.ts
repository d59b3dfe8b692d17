import type * as vscode from 'vscode';
import type { RunSummary } from '../../core/index/indexTypes';
import type { PlaybookFolder } from '../../platform/workspaceModel';
import { CONTEXT } from '../../shared/contextValues';
import { retroLabel } from '../treeFormat';
import { icon, openFileCommand, TreeNode } from '../treeNode';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'retro due': 'due',
  published: 'published',
  skipped: 'skipped',
  'retro unreadable': 'cannot be read',
};

/** The run's retrospective; a click opens retrospective.md. */
export class RetrospectiveNode extends TreeNode {
  readonly id: string;

  constructor(
    folder: PlaybookFolder,
    parent: TreeNode,
    private readonly run: RunSummary,
  ) {
    super(folder, parent);
    this.id = `${parent.id}#retro`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item('Retrospective');
    const label = retroLabel(this.run);
    item.description = label === undefined ? 'draft' : (DESCRIPTIONS[label] ?? label);
    item.iconPath = label === 'retro unreadable' ? icon('error', 'errorForeground') : label === 'retro due' ? icon('bell', 'list.warningForeground') : icon('book');
    item.contextValue = CONTEXT.retrospective;
    item.tooltip = 'retrospective.md: the report and its metric values';
    item.command = openFileCommand(this.folder.repo.layout.retrospectiveFile(this.run.id), 'Open Retrospective');
    return item;
  }
}
