import * as vscode from 'vscode';
import { OperationRefused } from '../core/model/errors';
import { initRepository, type InitResult } from '../core/playbooks/initRepository';
import type { ExtensionServices } from '../platform/services';
import { performFolderChange } from '../platform/actions';
import { newPlaybookIn } from './newPlaybook';
import { pickFolder } from './pickers';
import { folderOfArgs, invocationOf } from './targets';

/** Scaffolds the playbooks folder (idempotent), then offers the obvious next step. */
export async function initialize(services: ExtensionServices, arg: unknown): Promise<InitResult | undefined> {
  const invocation = invocationOf(arg);
  if (invocation.kind === 'args') {
    const folder = folderOfArgs(services, invocation.args);
    return performFolderChange(folder, () => initRepository(folder.repo));
  }
  const folder = invocation.kind === 'node' ? invocation.node.folder : await pickFolder(services, { title: 'Initialize Playbooks Folder', existing: false });
  if (!folder) return undefined;
  if (folder.exists) throw new OperationRefused(`${folder.workspaceFolder.name} already has a ${folder.repo.layout.folder}/ folder.`);
  const result = await performFolderChange(folder, () => initRepository(folder.repo));
  const next = 'New Playbook';
  const choice = await vscode.window.showInformationMessage(`Created ${folder.repo.layout.folder}/ in ${folder.workspaceFolder.name}. Next, create a playbook from a template.`, next);
  if (choice === next) await newPlaybookIn(folder);
  return result;
}
