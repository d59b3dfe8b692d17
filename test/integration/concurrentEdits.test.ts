import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import { activateExtension, resetWorkspace, waitFor, workspaceRoot } from './helpers';

/**
 * A form edit while the file changed on disk, or while the same document holds unsaved edits from
 * a text editor: neither side may be silently discarded (issue "Hardening", concurrent edits).
 */
describe('playbook form edits racing other changes (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let uri: vscode.Uri;
  let file: string;
  const text = async (): Promise<string> => (await vscode.workspace.openTextDocument(uri)).getText();

  before(async () => {
    api = await activateExtension();
    await resetWorkspace(api);
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    file = path.join(workspaceRoot(), 'playbooks', 'product-release.yaml');
    uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'playbooks.playbookEditor');
    await waitFor(() => api.playbookEditor.sessionCount(uri) > 0, 10_000, 'the form session');
  });

  after(async () => {
    // Revert this very document (not whatever editor is active), so closing editors asks nothing.
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(() => !document.isDirty, 10_000, 'the document reverted');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await resetWorkspace(api);
  });

  it('applies a form edit on top of a change made on disk while the form was open', async () => {
    const onDisk = fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Renamed on disk');
    fs.writeFileSync(file, onDisk);
    await waitFor(async () => (await text()).includes('title: Renamed on disk'), 10_000, 'the document to pick up the disk change');
    await api.playbookEditor.applyEdits(uri, [{ op: 'set', path: ['description'], value: 'Edited in the form' }]);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.getText().includes('title: Renamed on disk'), 'the disk change is kept');
    assert.ok(document.getText().includes('Edited in the form'), 'the form edit is applied');
    assert.equal(await document.save(), true);
    const saved = fs.readFileSync(file, 'utf8');
    assert.ok(saved.includes('title: Renamed on disk') && saved.includes('Edited in the form'), saved);
  });

  it('composes a form edit with unsaved edits of a text editor, writing nothing to disk', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const typed = new vscode.WorkspaceEdit();
    typed.insert(uri, new vscode.Position(0, 0), '# typed in the text editor, not saved\n');
    assert.equal(await vscode.workspace.applyEdit(typed), true);
    await api.playbookEditor.applyEdits(uri, [{ op: 'set', path: ['statusUpdates', 'reminder'], value: '4h' }]);
    const current = await text();
    assert.ok(current.startsWith('# typed in the text editor, not saved\n'), 'the unsaved text-editor edit is kept');
    assert.match(current, /reminder: 4h/);
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'nothing was written behind the person\'s back');
  });

  it('does not overwrite a change made on disk while the document has unsaved edits', async () => {
    const external = `${fs.readFileSync(file, 'utf8')}# added on disk by someone else\n`;
    fs.writeFileSync(file, external);
    await api.playbookEditor.applyEdits(uri, [{ op: 'set', path: ['description'], value: 'Second form edit' }]);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.ok(document.isDirty);
    assert.ok(document.getText().includes('# typed in the text editor, not saved') && document.getText().includes('Second form edit'));
    await document.save().then(
      () => undefined,
      () => undefined,
    );
    const onDisk = fs.readFileSync(file, 'utf8');
    const keptDisk = onDisk.includes('# added on disk by someone else');
    const keptEditor = (await text()).includes('Second form edit');
    assert.ok(keptDisk && keptEditor, `either side lost: disk kept=${keptDisk}, editor kept=${keptEditor}`);
  });
});
