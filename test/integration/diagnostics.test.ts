import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { activateExtension, resetWorkspace, waitFor, workspaceRoot } from './helpers';
import { runPath } from '../helpers/runPaths';

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'playbooks');
const describe_ = (diagnostics: vscode.Diagnostic[]): string =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n') || 'none';

/** Replaces the first match of `from` in an open document through a WorkspaceEdit (not saved). */
async function replaceInDocument(document: vscode.TextDocument, from: RegExp, to: string): Promise<vscode.Range> {
  const text = document.getText();
  const match = from.exec(text);
  assert.ok(match, `${path.basename(document.uri.fsPath)} has ${from}`);
  const range = new vscode.Range(document.positionAt(match.index), document.positionAt(match.index + match[0].length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, to);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return range;
}

describe('diagnostics in the Problems panel', () => {
  let api: PlaybooksExtensionApi;
  const file = (relative: string): string => path.join(workspaceRoot(), relative);

  before(async () => {
    api = await activateExtension();
    // VS Code in the browser saves after a delay by default; these tests are about unsaved text.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    await resetWorkspace(api);
  });

  it('marks an invalid value typed into a playbook at its line, before it is saved, and clears it when fixed', async () => {
    const uri = vscode.Uri.file(file('playbooks/incident-response.yaml'));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.deepEqual(ours(uri), [], 'the demo playbook is valid');
    const edited = await replaceInDocument(document, /(?<=\n {2}enabled: )true(?=\n)/, '"yes please"');
    const diagnostic = await waitFor(() => ours(uri)[0], 5_000, 'a diagnostic for the typed value');
    assert.ok(document.isDirty, 'nothing was saved');
    assert.equal(diagnostic.range.start.line, edited.start.line, describe_(ours(uri)));
    assert.equal(diagnostic.range.start.character, edited.start.character);
    assert.equal(diagnostic.range.end.character, edited.start.character + '"yes please"'.length);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /"enabled" must be a boolean/);

    await replaceInDocument(document, /"yes please"/, 'true');
    await waitFor(() => ours(uri).length === 0, 5_000, 'the diagnostic to go away');
    await document.save();
  });

  it('checks a retrospective being typed against its playbook\'s metrics', async () => {
    const runs = api.model.folders[0]?.snapshot.runs ?? [];
    const retro = runs.map((run) => file(`${runPath(run.id)}/retrospective.md`)).find((candidate) => fs.existsSync(candidate) && /\nmetrics:\n {2}\S/.test(fs.readFileSync(candidate, 'utf8')));
    assert.ok(retro, 'the demo has a retrospective with metrics');
    const uri = vscode.Uri.file(retro);
    const document = await vscode.workspace.openTextDocument(uri);
    const edited = await replaceInDocument(document, /\nmetrics:\n/, '\nmetrics:\n  uptime-percent: 3\n');
    const diagnostics = await waitFor(() => (ours(uri).length > 0 ? ours(uri) : undefined), 5_000, 'a diagnostic for the unknown metric');
    assert.ok(document.isDirty, 'nothing was saved');
    assert.match(diagnostics[0]?.message ?? '', /unknown metric "uptime-percent" \(the playbook's metrics: .*time-to-detect/);
    assert.equal(diagnostics[0]?.range.start.line, edited.start.line + 2, describe_(diagnostics));

    // Reverted and closed unsaved: back to the file on disk (the revert itself updates the text).
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => ours(uri).length === 0, 5_000, 'the disk content (valid) to be shown again');
  });

  it('shows the review\'s checks on a retrospective being written: blame phrasing at its words, with the neutral wording', async () => {
    const runs = api.model.folders[0]?.snapshot.runs ?? [];
    const retro = runs.map((run) => file(`${runPath(run.id)}/retrospective.md`)).find((candidate) => fs.existsSync(candidate) && /\n## /.test(fs.readFileSync(candidate, 'utf8')));
    assert.ok(retro, 'the demo has a retrospective with sections');
    const uri = vscode.Uri.file(retro);
    const review = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'playbooks review');
    const document = await vscode.workspace.openTextDocument(uri);
    const headingMatch = /\n(## [^\n]*)\n/.exec(document.getText());
    assert.ok(headingMatch);
    await replaceInDocument(document, /\n## [^\n]*\n/, `\n${headingMatch[1] ?? ''}\nThe certificate expired because Bob forgot to renew it.\n`);
    const line = document.getText().split('\n').findIndex((text) => text.includes('Bob forgot to renew it'));
    const blame = await waitFor(() => review().find((diagnostic) => diagnostic.code === 'blameless/forgot-to'), 10_000, 'the blame phrase marked');
    assert.ok(document.isDirty, 'nothing was saved');
    assert.equal(blame.range.start.line, line);
    assert.equal(document.getText(blame.range).toLowerCase(), 'forgot to');
    assert.equal(blame.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(blame.message, /Suggestion: /);
    assert.deepEqual(ours(uri), [], 'validation has nothing to say about it');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => !review().some((diagnostic) => diagnostic.code === 'blameless/forgot-to'), 5_000, 'the reverted text\'s review, without the phrase');
  });

  it('reports a file broken on disk (not open) once the watcher fires, and forgets it when deleted', async () => {
    const broken = file('playbooks/zz-broken.yaml');
    fs.writeFileSync(broken, 'apiVersion: git-playbooks/v1\nkind: Playbook\ntitle: Broken\nchecklists: 3\n');
    const uri = vscode.Uri.file(broken);
    const diagnostic = await waitFor(() => ours(uri)[0], 10_000, 'a diagnostic for the broken file');
    assert.equal(diagnostic.range.start.line, 3, describe_(ours(uri)));
    assert.match(diagnostic.message, /checklists/);

    fs.rmSync(broken);
    await waitFor(() => ours(uri).length === 0, 10_000, 'the diagnostic of the deleted file to go');
  });

  it('re-checks a closed run file changed on disk', async () => {
    const run = api.model.folders[0]?.snapshot.runs.find((summary) => summary.status === 'finished');
    assert.ok(run, 'a finished run in the demo');
    const runFile = file(`${runPath(run.id)}/run.yaml`);
    const original = fs.readFileSync(runFile, 'utf8');
    const uri = vscode.Uri.file(runFile);
    try {
      fs.writeFileSync(runFile, original.replace(/\nstatus: finished\n/, '\nstatus: done\n'));
      const diagnostics = await waitFor(() => (ours(uri).length > 0 ? ours(uri) : undefined), 10_000, 'a diagnostic for the changed run');
      assert.match(describe_(diagnostics), /status/);
    } finally {
      fs.writeFileSync(runFile, original);
    }
    await waitFor(() => ours(uri).length === 0, 10_000, 'the diagnostic to go when the file is fixed');
  });

  it('finds problems of files nobody touched with the sweep over a folder (here: after the folder setting changes), with the folder\'s one watcher', async () => {
    const config = vscode.workspace.getConfiguration('playbooks');
    const other = 'ops/other-playbooks';
    const broken = file(`${other}/runs/2026-01-01-old/timeline.yaml`);
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, 'apiVersion: git-playbooks/v1\nkind: Timeline\nevents:\n  - {id: a, at: "not a time", type: note, actor: x, summary: y}\n');
    const uri = vscode.Uri.file(broken);
    // The extension shares this host's vscode API object: count the watchers the rebuilt folders create.
    const workspace = vscode.workspace as { createFileSystemWatcher: typeof vscode.workspace.createFileSystemWatcher };
    const create = workspace.createFileSystemWatcher;
    const watched: string[] = [];
    const before = new Set(api.model.folders);
    const built = new Set<PlaybookFolder>();
    const listener = api.model.onDidChange(() => api.model.folders.filter((folder) => !before.has(folder)).forEach((folder) => built.add(folder)));
    workspace.createFileSystemWatcher = (...args: Parameters<typeof create>) => {
      const pattern = args[0];
      watched.push(typeof pattern === 'string' ? pattern : pattern.pattern);
      return create.apply(vscode.workspace, args);
    };
    try {
      await config.update('folder', other, vscode.ConfigurationTarget.Workspace);
      const diagnostics = await waitFor(() => (ours(uri).length > 0 ? ours(uri) : undefined), 15_000, 'the sweep to report the broken timeline');
      assert.equal(diagnostics[0]?.range.start.line, 3, describe_(diagnostics));
      // One watcher per folder the model built (however often it rebuilt), feeding the tree and the diagnostics alike.
      assert.ok(built.size > 0, 'the model rebuilt its folders');
      assert.deepEqual(watched, [...built].map(() => `${other}/**`));
    } finally {
      listener.dispose();
      workspace.createFileSystemWatcher = create;
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => ours(uri).length === 0, 10_000, 'diagnostics of the old folder to be dropped');
  });
});
