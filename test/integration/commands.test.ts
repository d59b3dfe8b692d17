import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { TimelineEvent } from '../../src/core/model/types';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import type { TreeNode } from '../../src/views/treeNode';
import { openDemo, EXTENSION_ID, git, resetWorkspace, waitFor, workspaceRoot } from './helpers';

/** Every command driven with plain arguments (no pickers, no dialogs), checked on the files. */
describe('commands (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;

  const run = <T>(command: string, args?: unknown): Thenable<T> => vscode.commands.executeCommand<T>(command, args);
  const events = (): TimelineEvent[] => folder.repo.requireTimeline(runId).events;
  const eventById = (id: string | undefined): TimelineEvent => {
    const found = events().find((event) => event.id === id);
    assert.ok(found, `event ${String(id)} in the timeline`);
    return found;
  };
  const retroFile = (): string => folder.repo.layout.retrospectiveFile(runId);

  before(async () => {
    ({ api, folder } = await openDemo());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetWorkspace(api);
  });

  it('starts a run, recording the playbook commit, and returns its id', async () => {
    const id = await run<string>('playbooks.startRun', { playbook: 'incident-response', name: 'Commands suite', owner: 'zoe' });
    assert.ok(id, 'a run id');
    runId = id;
    const started = folder.repo.requireRun(runId);
    assert.equal(started.owner, 'zoe');
    assert.equal(started.status, 'in_progress');
    assert.equal(started.playbookCommit, git('log', '-1', '--format=%H', '--', 'playbooks/incident-response.yaml'));
    assert.ok(folder.snapshot.runs.some((each) => each.id === runId), 'the model was refreshed');
  });

  it('refuses an unknown playbook with a message and writes nothing', async () => {
    const before = fs.readdirSync(folder.repo.layout.runsDir).length;
    assert.equal(await run('playbooks.startRun', { playbook: 'no-such-playbook', name: 'x' }), undefined);
    assert.equal(fs.readdirSync(folder.repo.layout.runsDir).length, before);
  });

  it('posts a status update, changes owner and participants', async () => {
    const update = await run<string>('playbooks.postStatusUpdate', { run: runId, message: 'Investigating checkout errors' });
    assert.equal(eventById(update).type, 'status_updated');
    assert.match(eventById(update).details ?? eventById(update).summary, /Investigating checkout errors/);
    await run('playbooks.changeOwner', { run: runId, owner: 'bob' });
    assert.equal(folder.repo.requireRun(runId).owner, 'bob');
    await run('playbooks.changeParticipants', { run: runId, add: ['carol', 'dave'], remove: ['zoe'] });
    const participants = folder.repo.requireRun(runId).participants;
    assert.ok(participants.includes('carol') && participants.includes('dave') && !participants.includes('zoe'), participants.join(','));
  });

  it('turns status updates off and on, requests an update and turns the retrospective off and on, with plain arguments', async () => {
    const off = await run<string>('playbooks.disableStatusUpdates', { run: runId });
    assert.equal(eventById(off).type, 'status_updates_disabled');
    assert.equal(folder.repo.requireRun(runId).statusUpdates.enabled, false);
    assert.equal(await run('playbooks.requestStatusUpdate', { run: runId }), undefined, 'refused while status updates are off');
    await run('playbooks.enableStatusUpdates', { run: runId });
    const request = await run<string>('playbooks.requestStatusUpdate', { run: runId });
    assert.equal(eventById(request).type, 'status_update_requested');
    assert.equal(eventById(await run<string>('playbooks.disableRetrospective', { run: runId })).type, 'retrospective_disabled');
    assert.equal(folder.repo.requireRun(runId).retrospective.enabled, false);
    assert.equal(eventById(await run<string>('playbooks.enableRetrospective', { run: runId })).type, 'retrospective_enabled');
    assert.equal(folder.repo.requireRun(runId).retrospective.enabled, true);
  });

  it('assigns a task and sets its state (by position)', async () => {
    await run('playbooks.assignTask', { run: runId, task: '1.1', assignee: 'carol' });
    await run('playbooks.setTaskState', { run: runId, task: '1.1', state: 'closed' });
    const task = folder.repo.requireRun(runId).checklists[0]?.items[0];
    assert.equal(task?.assignee, 'carol');
    assert.equal(task?.state, 'closed');
  });

  it('refuses to change a run whose file has unsaved edits', async () => {
    const document = await vscode.workspace.openTextDocument(folder.repo.layout.runFile(runId));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# unsaved\n'));
    const count = events().length;
    assert.equal(await run('playbooks.postStatusUpdate', { run: runId, message: 'must not be written' }), undefined);
    assert.equal(events().length, count);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('adds the selection of an open file as a note linked to path:line, with the commit', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'src/checkout.ts'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 2, 0); // lines 1-2, ending at the start of line 3
    const id = await run<string>('playbooks.addSelectionToTimeline', { run: runId });
    const note = eventById(id);
    assert.equal(note.type, 'note');
    assert.equal(note.summary, 'export function total(prices: number[]): number {');
    assert.equal(note.link, 'src/checkout.ts:1-2');
    assert.ok(note.details?.includes('return prices.reduce'), note.details);
    assert.ok(note.details?.includes(git('rev-parse', 'HEAD')), 'the commit checked out is recorded');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('adds a commit as a note: subject, sha link, backdated to the commit', async () => {
    const sha = git('rev-parse', 'HEAD~3');
    const id = await run<string>('playbooks.addCommitToTimeline', { run: runId, sha: sha.slice(0, 10) });
    const note = eventById(id);
    assert.equal(note.link, sha);
    assert.equal(note.summary, git('log', '-1', '--format=%s', sha));
    assert.equal(Date.parse(note.at), Date.parse(git('log', '-1', '--format=%cI', sha)));
  });

  it('adds a backdated note and deletes it', async () => {
    const id = await run<string>('playbooks.addNote', { run: runId, summary: 'Customer reported slowness', link: 'https://support.example.com/1', at: '15m ago' });
    const note = eventById(id);
    assert.ok(Math.abs(Date.now() - 15 * 60_000 - Date.parse(note.at)) < 120_000, note.at);
    assert.equal(note.link, 'https://support.example.com/1');
    await run('playbooks.deleteNote', { run: runId, event: id });
    assert.equal(events().some((event) => event.id === id), false);
  });

  it('adds a note linked to path:line with the commit checked out, as the CLI does', async () => {
    const id = await run<string>('playbooks.addNote', { run: runId, summary: 'Rounding in total()', link: 'src/checkout.ts:2' });
    const note = eventById(id);
    assert.equal(note.link, 'src/checkout.ts:2');
    assert.equal(note.details, `From src/checkout.ts:2 at commit ${git('rev-parse', 'HEAD')}`);
  });

  it('finishes (even with open tasks, when asked without UI) and restores from a tree node', async () => {
    await run('playbooks.finishRun', { run: runId });
    assert.equal(folder.repo.requireRun(runId).status, 'finished');
    const node = api.tree.findRunNode(folder, runId) as TreeNode | undefined;
    assert.ok(node, 'the run is in the tree');
    await run('playbooks.restoreRun', node);
    assert.equal(folder.repo.requireRun(runId).status, 'in_progress');
    await run('playbooks.finishRun', { run: runId });
  });

  it('inserts the timeline into retrospective.md: appended when closed, at the cursor (undoable) when open', async () => {
    assert.equal(await run('playbooks.insertTimelineIntoRetrospective', { run: runId }), 'file');
    const text = fs.readFileSync(retroFile(), 'utf8');
    assert.match(text, /\n## Timeline\n\n\| Time \| Since start \| Type \| Actor \| Summary \| Link \|\n/);
    assert.match(text, /Customer reported|Commands suite|Run started/);

    const document = await vscode.workspace.openTextDocument(retroFile());
    const editor = await vscode.window.showTextDocument(document);
    const end = document.positionAt(document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    assert.equal(await run('playbooks.insertTimelineIntoRetrospective', { run: runId }), 'editor');
    assert.equal(document.getText().split('| Time | Since start |').length - 1, 2);
    assert.ok(document.isDirty, 'an editor change, not a file write');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports the run to a file', async () => {
    const target = path.join(os.tmpdir(), `gp-export-${process.pid}.md`);
    assert.equal(await run('playbooks.exportRun', { run: runId, format: 'md', target }), target);
    assert.match(fs.readFileSync(target, 'utf8'), /Commands suite/);
    fs.rmSync(target, { force: true });
  });

  it('adds a follow-up action with plain arguments and returns its id', async () => {
    const id = await run<string>('playbooks.addFollowUpAction', { run: runId, title: 'Alert on replica lag', owner: 'zoe', due: '8w', priority: 'P2' });
    assert.match(id, /^a-[a-z0-9]{6}$/);
    const text = fs.readFileSync(retroFile(), 'utf8');
    assert.match(text, new RegExp(`- id: ${id}\\n\\s+title: Alert on replica lag\\n\\s+owner: zoe\\n\\s+due: 8w\\n\\s+priority: P2\\n\\s+status: open`));
  });

  it('skips the retrospective with a reason', async () => {
    assert.equal(await run('playbooks.skipRetrospective', { run: runId, reason: 'Test run, no impact' }), 'skipped');
    assert.match(fs.readFileSync(retroFile(), 'utf8'), /status: skipped/);
    assert.match(fs.readFileSync(retroFile(), 'utf8'), /skipReason: .*Test run, no impact/);
  });

  it('creates a playbook from a template', async () => {
    const file = await run<string>('playbooks.newPlaybook', { slug: 'suite-release', template: 'product-release', title: 'Suite release' });
    assert.equal(file, folder.repo.layout.playbookFile('suite-release'));
    assert.match(fs.readFileSync(file, 'utf8'), /title: Suite release/);
    assert.ok(folder.snapshot.playbooks.some((playbook) => playbook.slug === 'suite-release'));
  });

  it('imports a Mattermost playbook and lists the fields it did not keep', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const source = path.join(extension.extensionPath, 'test/fixtures/mattermost/customer-outage.json');
    const outcome = await run<{ slug: string; file: string; warnings: unknown[] }>('playbooks.importMattermost', { file: source, slug: 'suite-import' });
    assert.equal(outcome.slug, 'suite-import');
    assert.ok(fs.existsSync(folder.repo.layout.playbookFile('suite-import')));
    assert.ok(Array.isArray(outcome.warnings));
  });

  it('validates every playbook and run', async () => {
    const summary = await run<{ errors: number; warnings: number }>('playbooks.validate', {});
    assert.equal(summary.errors, 0);
  });

  it('opens a playbook in the playbook form', async () => {
    await run('playbooks.openPlaybook', { playbook: 'incident-response' });
    await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.viewType === 'playbooks.playbookEditor';
    }, 5_000, 'the playbook form');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('initializes a playbooks folder where there is none', async () => {
    const config = vscode.workspace.getConfiguration('playbooks');
    await config.update('folder', 'ops-playbooks', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.model.folders[0]?.repo.layout.folder === 'ops-playbooks', 5_000, 'the model to follow the setting');
      const fresh = api.model.folders[0];
      assert.ok(fresh && !fresh.exists);
      const result = await run<{ written: string[] }>('playbooks.initialize', {});
      assert.ok(result.written.includes('ops-playbooks/README.md'), result.written.join(', '));
      assert.ok(fs.existsSync(path.join(workspaceRoot(), 'ops-playbooks/runs')));
      assert.equal(fresh.exists, true);
      assert.match(fs.readFileSync(path.join(workspaceRoot(), '.gitattributes'), 'utf8'), /ops-playbooks\/runs\/\*\*\/timeline\.yaml merge=union/);
    } finally {
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => api.model.folders[0]?.repo.layout.folder === 'playbooks', 5_000, 'the model to follow the setting back');
      folder = api.model.folders[0] as PlaybookFolder;
    }
  });
});
