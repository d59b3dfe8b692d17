import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookEdit } from '../../src/shared/protocol';
import { PLAYBOOK_EDITOR_VIEW_TYPE, type PlaybookEditorProvider } from '../../src/webviews/playbookEditorProvider';
import { activateExtension, resetWorkspace, waitFor, workspaceRoot } from './helpers';

/** A comment of the demo's incident-response playbook, written for people editing the file by hand. */
const HAND_COMMENT = "  # Copied into each run's retrospective.md.\n";

describe('playbook form editor (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let uri: vscode.Uri;
  let file: string;
  let original: string;
  /** The extension's own provider when its API offers it; else one of ours on the same code path. */
  let editor: PlaybookEditorProvider;

  const documentText = async (): Promise<string> => (await vscode.workspace.openTextDocument(uri)).getText();
  const formTab = (): vscode.Tab | undefined =>
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === PLAYBOOK_EDITOR_VIEW_TYPE && tab.input.uri.toString() === uri.toString());

  before(async () => {
    api = await activateExtension();
    await resetWorkspace(api);
    // VS Code in the browser auto-saves after a second by default; this suite checks the unsaved state.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    file = path.join(workspaceRoot(), 'playbooks', 'incident-response.yaml');
    uri = vscode.Uri.file(file);
    original = fs.readFileSync(file, 'utf8');
    assert.ok(original.includes(HAND_COMMENT), 'the demo playbook has the hand-written comment this suite checks');
    editor = api.playbookEditor;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await resetWorkspace(api);
  });

  it('opens a playbook in the form by default', async () => {
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor(formTab, 10_000, 'a Playbook Form tab for incident-response.yaml');
    await waitFor(() => editor.sessionCount(uri) > 0, 10_000, 'the form session');
  });

  it('hands playbooks/review.yaml, which its file pattern also matches, to the text editor', async () => {
    const config = path.join(workspaceRoot(), 'playbooks', 'review.yaml');
    fs.writeFileSync(config, 'apiVersion: git-playbooks/v1\nkind: ReviewConfig\n');
    const configUri = vscode.Uri.file(config);
    const tabsOf = (kind: 'text' | 'form'): vscode.Tab[] =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
        kind === 'text'
          ? tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === configUri.toString()
          : tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === configUri.toString());
    try {
      await vscode.commands.executeCommand('vscode.open', configUri);
      await waitFor(() => tabsOf('text').length === 1, 10_000, 'a text editor tab for review.yaml');
      await waitFor(() => tabsOf('form').length === 0, 10_000, 'no Playbook Form tab left for review.yaml');
      assert.equal(editor.sessionCount(configUri), 0, 'no form session');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), configUri.toString(), 'the text editor is the active one');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(config, { force: true });
    }
  });

  it('applies form edits as unsaved document changes that keep hand-written comments', async () => {
    const edits: PlaybookEdit[][] = [
      [{ op: 'set', path: ['retrospective', 'reminder'], value: '4h' }],
      [{ op: 'insert', path: ['metrics'], index: 4, value: { title: 'Time to resolve', type: 'duration', target: '4h' } }],
      [{ op: 'move', path: ['checklists'], from: 0, to: 1 }],
    ];
    for (const request of edits) await editor.applyEdits(uri, request);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.isDirty, true, 'the document is dirty');
    assert.equal(fs.readFileSync(file, 'utf8'), original, 'nothing was written to disk');
    const text = document.getText();
    assert.ok(text.includes(HAND_COMMENT), 'the hand-written comment survived');
    assert.match(text, /\nretrospective:\n {2}enabled: true\n {2}reminder: 4h\n/);
    assert.match(text, /\n {2}- title: Time to resolve\n {4}type: duration\n {4}target: 4h\n/);
    assert.ok(text.indexOf('  - title: Communicate') < text.indexOf('  - title: Stabilise'), 'the checklists were reordered');
    const state = await editor.stateOf(uri);
    assert.ok(state.playbook, 'the form state reads the edited document');
    assert.equal(state.readOnly, false);
    assert.deepEqual(state.problems, []);
  });

  it('refuses edits outside the playbook form, changing nothing', async () => {
    const before = await documentText();
    await assert.rejects(editor.applyEdits(uri, [{ op: 'set', path: ['apiVersion'], value: 'x' }]), /may only change/);
    await assert.rejects(editor.applyEdits(uri, [{ op: 'set', path: ['metrics', 0, 'type'], value: 'weeks' }]), /invalid/);
    assert.equal(await documentText(), before);
  });

  it('applies edits sent together in the order they were sent', async () => {
    const before = await documentText();
    await Promise.all([
      editor.applyEdits(uri, [{ op: 'set', path: ['title'], value: 'Incident response (first)' }]),
      editor.applyEdits(uri, [{ op: 'set', path: ['title'], value: 'Incident response (second)' }]),
    ]);
    assert.match(await documentText(), /\ntitle: Incident response \(second\)\n/);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await waitFor(async () => (await documentText()) === before, 5_000, 'two undo steps to take both titles back');
  });

  it('undoes each form edit as one step, redoes them, and saves with VS Code', async () => {
    const edited = await documentText();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    for (let step = 0; step < 3; step += 1) await vscode.commands.executeCommand('undo');
    await waitFor(async () => (await documentText()) === original, 5_000, 'three undo steps back to the file as it was');
    for (let step = 0; step < 3; step += 1) await vscode.commands.executeCommand('redo');
    await waitFor(async () => (await documentText()) === edited, 5_000, 'three redo steps to the edited text');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(await document.save(), true);
    assert.equal(fs.readFileSync(file, 'utf8'), edited, 'saved as shown');
    assert.ok(fs.readFileSync(file, 'utf8').includes(HAND_COMMENT));
  });

  it('shows problems instead of a form when the YAML cannot be read, and refuses edits then', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const broken = new vscode.WorkspaceEdit();
    broken.insert(uri, new vscode.Position(4, 0), 'title: [unclosed\n');
    assert.equal(await vscode.workspace.applyEdit(broken), true);
    const state = await editor.stateOf(uri);
    assert.equal(state.playbook, undefined);
    assert.ok(state.problems.length > 0 && state.problems.every((problem) => problem.line >= 1), JSON.stringify(state.problems));
    await assert.rejects(editor.applyEdits(uri, [{ op: 'set', path: ['title'], value: 'x' }]), /cannot be read/);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => !document.isDirty, 5_000, 'the document back to its saved text');
  });

  it('is read-only, and refuses edits, for a file matched by files.readonlyInclude', async () => {
    const other = vscode.Uri.file(path.join(workspaceRoot(), 'playbooks', 'security-incident.yaml'));
    const files = vscode.workspace.getConfiguration('files');
    await files.update('readonlyInclude', { '**/playbooks/security-incident.yaml': true }, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal((await editor.stateOf(other)).readOnly, true);
      await assert.rejects(editor.applyEdits(other, [{ op: 'set', path: ['title'], value: 'x' }]), /read-only/);
      assert.equal((await vscode.workspace.openTextDocument(other)).isDirty, false);
    } finally {
      await files.update('readonlyInclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
