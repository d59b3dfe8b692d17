import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlaybooksExtensionApi } from '../../src/extension';
import { activateExtension, contributes, EXTENSION_ID, resetWorkspace, waitFor, workspaceRoot } from './helpers';
import { runFoldersIn } from '../helpers/runPaths';

const DEMO_PLAYBOOKS = ['Customer-Facing Outage', 'Incident response', 'Product release', 'Security incident'];

const topLevelLabels = (api: PlaybooksExtensionApi): string[] =>
  api.tree.getChildren().map((node) => {
    const label = api.tree.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  });

describe('activation in the real extension host', () => {
  let api: PlaybooksExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await resetWorkspace(api);
  });

  it('activates on a workspace with playbooks and returns its API', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    // scripts/e2e.sh also installs the .vsix (for the UI journeys): the suites must exercise this checkout.
    const checkout = process.env.E2E_EXTENSION_PATH;
    if (checkout) assert.equal(extension?.extensionPath, checkout, 'the development extension, not the installed copy');
    for (const key of ['model', 'tree', 'runEditors', 'reports'] as const) assert.ok(api[key], `API has ${key}`);
  });

  it('sees the demo repository: its playbooks folder, four playbooks and every run', () => {
    const [folder] = api.model.folders;
    assert.ok(folder, 'one workspace folder in the model');
    assert.equal(folder.workspaceFolder.uri.fsPath, workspaceRoot());
    assert.equal(folder.exists, true, 'playbooks:hasFolder is true for the demo repository');
    assert.deepEqual(folder.snapshot.playbooks.map((playbook) => playbook.title).sort(), DEMO_PLAYBOOKS);
    const onDisk = [...runFoldersIn(path.join(workspaceRoot(), 'playbooks/runs')).keys()];
    assert.deepEqual(folder.snapshot.runs.map((run) => run.id).sort(), onDisk.sort());
    assert.ok(folder.snapshot.runs.some((run) => run.status === 'in_progress'), 'some runs are in progress');
    assert.ok(folder.snapshot.runs.some((run) => run.retrospective === 'published'), 'some retrospectives are published');
    assert.ok(folder.snapshot.runs.every((run) => run.errors === 0), 'the demo repository is valid');
  });

  it('shows the playbooks at the top of the tree', () => {
    assert.deepEqual([...topLevelLabels(api)].sort(), DEMO_PLAYBOOKS);
  });

  it('notices when the playbooks folder goes away and comes back (welcome view vs tree)', async () => {
    const [folder] = api.model.folders;
    assert.ok(folder);
    const playbooksDir = path.join(workspaceRoot(), 'playbooks');
    fs.renameSync(playbooksDir, `${playbooksDir}.moved`);
    await waitFor(() => !folder.exists && api.tree.getChildren().length === 0, 10_000, 'the model to see no playbooks folder');
    fs.renameSync(`${playbooksDir}.moved`, playbooksDir);
    await waitFor(() => folder.exists && topLevelLabels(api).length === DEMO_PLAYBOOKS.length, 10_000, 'the playbooks to come back');
  });

  it('registers every command that package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = contributes().commands.map((command) => command.command);
    assert.ok(declared.length > 20, 'package.json declares the commands');
    assert.deepEqual(declared.filter((id) => !registered.has(id)), [], 'commands declared but not registered');
  });
});
