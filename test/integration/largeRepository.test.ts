import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadPersistedIndex } from '../../src/core/index/persistedIndex';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import type { TreeNode } from '../../src/views/treeNode';
import { activateExtension, resetWorkspace, waitFor, workspaceRoot } from './helpers';
import { runFoldersIn } from '../helpers/runPaths';

const FOLDER = 'big-playbooks';
const RUNS = 1_500;

/** What the model and the tree showed at one change event. */
interface Seen {
  loaded: boolean;
  runs: number;
  previewRuns: number | undefined;
  tree: string[];
}

describe('A large repository (in the extension host)', () => {
  let api: PlaybooksExtensionApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('playbooks');
  const describeNode = (node: TreeNode): string => {
    const item = api.tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return `${label} — ${String(item.description ?? '')}`;
  };

  /** Switches the playbooks folder setting and records every model change until the folder is loaded. */
  async function openFolder(name: string): Promise<{ folder: PlaybookFolder; seen: Seen[] }> {
    const seen: Seen[] = [];
    const listener = api.model.onDidChange(() => {
      const folder = api.model.folders[0];
      if (folder?.repo.layout.folder !== name) return;
      const top = api.tree.getChildren();
      seen.push({
        loaded: folder.isLoaded,
        runs: folder.snapshot.runs.length,
        previewRuns: folder.firstLevel ? [...folder.firstLevel.runCounts.values()].reduce((sum, counts) => sum + counts.total, 0) : undefined,
        // A playbook's children too: while loading, a placeholder.
        tree: [...top.map(describeNode), ...(top[0] ? api.tree.getChildren(top[0]).map(describeNode) : [])],
      });
    });
    try {
      await config().update('folder', name, vscode.ConfigurationTarget.Workspace);
      const folder = await waitFor(() => (api.model.folders[0]?.repo.layout.folder === name ? api.model.folders[0] : undefined), 10_000, `the model on ${name}`);
      await folder.ready;
      return { folder, seen };
    } finally {
      listener.dispose();
    }
  }

  before(async () => {
    api = await activateExtension();
    // The demo's playbooks, and one of its runs copied into many run folders.
    const root = workspaceRoot();
    const source = path.join(root, 'playbooks');
    const target = path.join(root, FOLDER);
    fs.mkdirSync(path.join(target, 'runs'), { recursive: true });
    for (const name of fs.readdirSync(source)) if (name.endsWith('.yaml')) fs.copyFileSync(path.join(source, name), path.join(target, name));
    const sample = [...runFoldersIn(path.join(source, 'runs')).values()].find((dir) => fs.existsSync(path.join(dir, 'run.yaml')) && fs.readFileSync(path.join(dir, 'run.yaml'), 'utf8').includes('playbook: incident-response')) ?? '';
    for (let i = 0; i < RUNS; i += 1) fs.cpSync(sample, path.join(target, 'runs', '2025', '01', `2025-01-01-copy-${String(i).padStart(4, '0')}`), { recursive: true });
  });

  after(async () => {
    await config().update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.model.folders[0]?.repo.layout.folder === 'playbooks', 10_000, 'the model back on the demo');
    await resetWorkspace(api);
  });

  it('shows the playbooks with run counts first, the runs when loaded, and starts warm from the persisted index next time', async function () {
    this.timeout(120_000);
    const cold = await openFolder(FOLDER);
    const preview = cold.seen.find((each) => !each.loaded && each.previewRuns !== undefined);
    assert.ok(preview, `a preview before the load: ${JSON.stringify(cold.seen.map(({ loaded, runs, previewRuns }) => ({ loaded, runs, previewRuns })))}`);
    assert.equal(preview.previewRuns, RUNS);
    const counted = new RegExp(`^Incident response — (${RUNS.toLocaleString('en-US')} active · )?${RUNS.toLocaleString('en-US')} runs$`);
    assert.ok(preview.tree.some((line) => counted.test(line)), `the playbook with its run count: ${preview.tree.join(' | ')}`);
    assert.ok(preview.tree.includes('Loading runs… — '), `an expanded playbook says its runs are loading: ${preview.tree.join(' | ')}`);
    assert.equal(cold.folder.snapshot.runs.length, RUNS);
    const incident = api.tree.getChildren().find((node) => describeNode(node).startsWith('Incident response'));
    assert.ok(incident && api.tree.getChildren(incident).length > 0, 'the runs once loaded');

    // Leaving the folder writes its index (the setting change disposes the folder's model).
    const indexFile = cold.folder.indexFile;
    assert.ok(indexFile, 'the extension has workspace storage');
    await config().update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => fs.existsSync(indexFile), 10_000, 'the persisted index');
    assert.equal(loadPersistedIndex(indexFile, cold.folder.repo.layout)?.runs.length, RUNS);

    // Next time: the whole snapshot from the persisted index, with no preview step.
    const warm = await openFolder(FOLDER);
    const first = warm.seen.find((each) => each.loaded);
    assert.ok(first, 'loaded');
    assert.equal(first.runs, RUNS, 'every run at once');
    assert.ok(!warm.seen.some((each) => each.previewRuns !== undefined), 'no preview needed');
  });
});
