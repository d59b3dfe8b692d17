// Restricted Mode in the real extension host: scripts/e2e.sh starts this tier's code-server without
// --disable-workspace-trust on a folder nobody trusted, with a `git` first on the server's PATH that
// appends every call to $E2E_GIT_LOG. Deliberately no import of ../integration/helpers (it runs git).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import { GitRepository } from '../../src/git/gitRepository';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { changedFiles, listFiles, treeHash } from './treeHash';

const EXTENSION_ID = 'git-playbooks.git-playbooks';

/** Every command that changes files, with plain arguments that would succeed in a trusted workspace. */
function writeCommands(folder: PlaybookFolder, root: string): Array<[string, Record<string, unknown>]> {
  const runs = folder.snapshot.runs;
  const active = runs.find((run) => run.status === 'in_progress');
  const due = runs.find((run) => run.status === 'finished' && run.retrospective === 'draft');
  const finished = runs.find((run) => run.status === 'finished');
  assert.ok(active && due && finished, 'the demo has a run in progress and a finished one with a draft retrospective');
  const note = folder.repo.requireTimeline(active.id).events.find((event) => event.type === 'note');
  const head = fs.readFileSync(path.join(root, '.git/HEAD'), 'utf8').trim();
  const mattermost = path.join(os.tmpdir(), 'untrusted-mattermost.json');
  fs.writeFileSync(mattermost, JSON.stringify({ title: 'Imported', checklists: [] }));
  const run = (id: string): { folder: string; run: string } => ({ folder: root, run: id });
  return [
    ['playbooks.initialize', { folder: root }],
    ['playbooks.newPlaybook', { folder: root, slug: 'untrusted-new', title: 'New' }],
    ['playbooks.importMattermost', { folder: root, file: mattermost, slug: 'imported' }],
    ['playbooks.startRun', { folder: root, playbook: 'incident-response', name: 'Untrusted run', owner: 'mallory' }],
    ['playbooks.postStatusUpdate', { ...run(active.id), message: 'All good' }],
    ['playbooks.changeOwner', { ...run(active.id), owner: 'mallory' }],
    ['playbooks.changeParticipants', { ...run(active.id), add: ['mallory'] }],
    ['playbooks.assignTask', { ...run(active.id), task: '1.1', assignee: 'mallory' }],
    ['playbooks.setTaskState', { ...run(active.id), task: '1.1', state: 'closed' }],
    ['playbooks.addSelectionToTimeline', { ...run(active.id) }],
    ['playbooks.addCommitToTimeline', { ...run(active.id), sha: head.startsWith('ref:') ? 'HEAD' : head }],
    ['playbooks.addNote', { ...run(active.id), summary: 'A note' }],
    ['playbooks.deleteNote', { ...run(active.id), event: note?.id ?? 'e1' }],
    ['playbooks.finishRun', run(active.id)],
    ['playbooks.restoreRun', run(finished.id)],
    ['playbooks.requestStatusUpdate', run(active.id)],
    ['playbooks.disableStatusUpdates', run(active.id)],
    ['playbooks.enableStatusUpdates', run(active.id)],
    ['playbooks.disableRetrospective', run(due.id)],
    ['playbooks.enableRetrospective', run(due.id)],
    ['playbooks.insertTimelineIntoRetrospective', run(due.id)],
    ['playbooks.publishRetrospective', run(due.id)],
    ['playbooks.skipRetrospective', { ...run(due.id), reason: 'No' }],
    ['playbooks.addFollowUpAction', { ...run(due.id), title: 'Alert on replica lag', owner: 'mallory' }],
    ['playbooks.exportRun', { ...run(due.id), format: 'markdown', target: path.join(root, 'export.md') }],
  ];
}

describe('untrusted workspace (Restricted Mode, in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let root: string;
  let hashBefore: string;
  let filesBefore: Map<string, string>;
  const gitLog = process.env['E2E_GIT_LOG'] ?? '';
  const gitCalls = (): string[] => fs.readFileSync(gitLog, 'utf8').split('\n').filter(Boolean);

  before(async () => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'a folder is open');
    root = first.uri.fsPath;
    hashBefore = treeHash(root);
    filesBefore = listFiles(root);
    const extension = vscode.extensions.getExtension<PlaybooksExtensionApi>(EXTENSION_ID);
    assert.ok(extension);
    api = extension.isActive ? extension.exports : await extension.activate();
    const model = api.model.folders[0];
    assert.ok(model);
    folder = model;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('really is untrusted, and the git spy is in place', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'vscode.workspace.isTrusted');
    assert.ok(gitLog !== '' && fs.existsSync(gitLog), `E2E_GIT_LOG names the spy's log (${gitLog})`);
    assert.ok(fs.existsSync(path.join(root, '.git')), 'the workspace is a git repository, so git would have work to do');
  });

  it('shows the playbooks and runs read-only: model, tree and metrics report', async () => {
    assert.equal(folder.snapshot.playbooks.length, 4, 'the demo has four playbooks');
    assert.ok(folder.snapshot.runs.length >= 8, 'and its runs');
    const labels = api.tree.getChildren(undefined).map((node) => api.tree.getTreeItem(node).label);
    assert.ok(labels.includes('Incident response'), `tree roots: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('playbooks.showMetricsReport', { folder: root, playbook: 'incident-response' });
    assert.ok((api.reports.stateForTest(folder, 'incident-response')?.report.runs.total ?? 0) > 0, 'the report counts runs');
  });

  it('refuses every write command called with plain arguments, and writes nothing', async () => {
    for (const [command, args] of writeCommands(folder, root)) {
      const result: unknown = await vscode.commands.executeCommand(command, args);
      assert.equal(result, undefined, `${command} refused (returned ${JSON.stringify(result)})`);
    }
    assert.deepEqual(changedFiles(filesBefore, listFiles(root)), [], 'no file changed');
    assert.equal(treeHash(root), hashBefore, 'the whole tree (.git included) is byte for byte the same');
  });

  it('shows the run editor and the playbook form read-only, and they refuse edits', async () => {
    const run = folder.snapshot.runs.find((each) => each.status === 'in_progress');
    assert.ok(run);
    api.runEditors.open(folder, run.id);
    assert.equal(api.runEditors.stateOf(folder, run.id)?.readOnly, true, 'run editor readOnly');
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'run.postUpdate', message: 'x' }), /not trusted/);
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'run.finish' }), /not trusted/);
    const withCommand = api.runEditors.stateOf(folder, run.id)?.checklists.flatMap((checklist) => checklist.items).find((item) => item.command !== undefined);
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'run.runCommand', taskId: withCommand?.id ?? '1.1' }), /not trusted/);
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'retro.setEnabled', enabled: false }), /not trusted/);
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'retro.addAction', title: 'Alert on replica lag', owner: 'bob' }), /not trusted/);
    await assert.rejects(api.runEditors.handleForTest(folder, run.id, { kind: 'retro.setAction', actionId: 'a-abc123', status: 'done' }), /not trusted/);
    assert.equal(vscode.window.terminals.filter((terminal) => terminal.name.startsWith('Playbooks: ')).length, 0, 'no terminal was opened');

    const uri = vscode.Uri.file(folder.repo.layout.playbookFile('incident-response'));
    await vscode.commands.executeCommand('vscode.open', uri);
    assert.equal((await api.playbookEditor.stateOf(uri)).readOnly, true, 'playbook form readOnly');
    await assert.rejects(api.playbookEditor.applyEdits(uri, [{ op: 'set', path: ['title'], value: 'Hacked' }]), /not trusted/);
    assert.equal((await vscode.workspace.openTextDocument(uri)).isDirty, false, 'the document is untouched');
    assert.equal(treeHash(root), hashBefore, 'nothing written');
  });

  it('keeps live sync off even where the branch has an upstream: no status bar, Sync Now refuses, no git', async () => {
    // An upstream written into .git/config by hand (running git would be logged by the spy).
    const config = path.join(root, '.git', 'config');
    const original = fs.readFileSync(config, 'utf8');
    const branch = fs.readFileSync(path.join(root, '.git', 'HEAD'), 'utf8').trim().replace(/^ref: refs\/heads\//, '');
    fs.writeFileSync(config, `${original}[remote "origin"]\n\turl = ${root}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "${branch}"]\n\tremote = origin\n\tmerge = refs/heads/${branch}\n`);
    try {
      await api.liveSync.evaluateAll();
      assert.equal(api.liveSync.of(folder)?.effectiveMode, 'off');
      assert.equal(api.liveSync.statusBarState.visible, false, 'no sync status bar item');
      await assert.rejects(api.liveSync.syncNow(), /not trusted/);
      await vscode.commands.executeCommand('playbooks.syncNow'); // the palette's way: shows the refusal
    } finally {
      fs.writeFileSync(config, original);
    }
    assert.deepEqual(gitCalls(), [], 'no git process for live sync');
  });

  it('started no git process in this window (the spy logged nothing)', () => {
    assert.deepEqual(gitCalls(), []);
  });

  it('sanity: the spy does log a git process the extension starts (so the check above can fail)', async () => {
    await GitRepository.open(root);
    assert.ok(gitCalls().some((line) => line.includes('rev-parse')), `the extension’s own git path (simple-git) went through the spy (PATH=${process.env['PATH'] ?? ''})`);
  });
});
