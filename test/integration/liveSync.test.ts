import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Layout } from '../../src/core/repository/layout';
import { PlaybooksRepository } from '../../src/core/repository/playbooksRepository';
import { postStatusUpdate } from '../../src/core/runs/runOperations';
import { startRun } from '../../src/core/runs/startRun';
import type { PlaybooksExtensionApi } from '../../src/extension';
import type { PlaybookFolder } from '../../src/platform/workspaceModel';
import { git, openDemo, resetWorkspace, waitFor, workspaceRoot } from './helpers';

/** A remote that refuses connections at once (the discard port): "offline" without waiting for a timeout. */
const UNREACHABLE = 'http://127.0.0.1:9/checkout-service.git';

function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
}

describe('live sync (two clones of one bare remote, in the extension host)', function () {
  this.timeout(90_000);
  let api: PlaybooksExtensionApi;
  let folder: PlaybookFolder;
  let runId: string;
  let scratch: string;
  let remote: string;
  let bob: string;
  let branch: string;
  let originalNotifier: PlaybooksExtensionApi['liveSync']['notifier'] | undefined;
  const shown: string[] = [];
  const warnings: string[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('playbooks');

  /** Bob, in his own clone: a status update through the same core operation, committed and pushed. */
  function bobPosts(message: string): void {
    gitIn(bob, 'pull', '-q', '--no-rebase');
    const repo = new PlaybooksRepository(new Layout(bob));
    postStatusUpdate(repo, { actor: 'bob', now: () => new Date() }, runId, message);
    gitIn(bob, 'add', '--', path.relative(bob, repo.layout.runDir(runId)));
    gitIn(bob, 'commit', '-q', '-m', `${runId}: status update`);
    gitIn(bob, 'push', '-q', 'origin', branch);
  }

  /** The run's timeline as the remote's branch has it. */
  const remoteTimeline = (): string => gitIn(remote, 'show', `${branch}:${path.relative(workspaceRoot(), folder.repo.layout.timelineFile(runId)).split(path.sep).join('/')}`);
  const statusMatching = (pattern: RegExp): string | undefined => {
    const { text } = api.liveSync.statusBarState;
    return pattern.test(text) ? text : undefined;
  };
  const updatesShown = (): string[] => (api.runEditors.stateOf(folder, runId)?.statusUpdates.events ?? []).map((event) => event.details ?? event.summary);

  before(async () => {
    ({ api, folder } = await openDemo());
    const run = folder.snapshot.runs.find((each) => each.status === 'in_progress');
    assert.ok(run, 'the demo has a run in progress');
    runId = run.id;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'live-sync-'));
    remote = path.join(scratch, 'checkout-service.git');
    bob = path.join(scratch, 'bob');
    branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    gitIn(scratch, 'clone', '-q', '--bare', workspaceRoot(), remote);
    git('remote', 'add', 'origin', remote);
    git('fetch', '-q', 'origin');
    git('branch', '-q', `--set-upstream-to=origin/${branch}`);
    gitIn(scratch, 'clone', '-q', remote, bob);
    gitIn(bob, 'config', 'user.name', 'bob');
    gitIn(bob, 'config', 'user.email', 'bob@example.com');
    originalNotifier = api.liveSync.notifier;
    api.liveSync.notifier = {
      info: (message) => (shown.push(message), Promise.resolve(undefined)),
      warn: (message) => (warnings.push(message), Promise.resolve(undefined)),
    };
    await config().update('sync.fetchIntervalSeconds', 5, vscode.ConfigurationTarget.Workspace);
    await config().update('sync.mode', 'auto', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
  });

  after(async () => {
    // Off first, and no sync under way, before the remote goes and the workspace is reset.
    await config().update('sync.mode', 'off', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
    await api.liveSync.whenIdle();
    git('remote', 'remove', 'origin');
    await config().update('sync.mode', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('sync.fetchIntervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
    if (originalNotifier) api.liveSync.notifier = originalNotifier;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetWorkspace(api);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is on (auto) once the branch has an upstream, and says in the status bar when the run last synced', async () => {
    assert.equal(api.liveSync.of(folder)?.effectiveMode, 'auto');
    const text = await waitFor(() => statusMatching(/Run synced/), 20_000, 'a first sync');
    assert.match(text, /^\$\(check\) Run synced (just now|\d+ s ago)$/);
  });

  it("shows another clone's status update in the open run editor without a click, says who in a notification, and counts it as new", async () => {
    api.runEditors.open(folder, runId);
    const text = `Failover to the replica done (${Date.now()})`;
    bobPosts(text);
    const pushedAt = Date.now();
    await waitFor(() => updatesShown().includes(text), 30_000, "bob's update in the run editor");
    const seconds = (Date.now() - pushedAt) / 1000;
    assert.ok(seconds <= 30, `within 30 s (${seconds} s)`);
    assert.ok(fs.readFileSync(folder.repo.layout.timelineFile(runId), 'utf8').includes(text), 'integrated into the work tree');
    // The notice follows the refresh: it waits for who "I" am (git config), so it may come a moment later.
    await waitFor(() => shown.some((message) => message.includes('bob posted a status update: Failover to the replica done')), 5_000, `the notification (shown: ${shown.join(' | ')})`);
    await waitFor(() => statusMatching(/· 1 new$/), 5_000, `"1 new" in the status bar (${api.liveSync.statusBarState.text})`);
    // Bench: from the engine's answer to the tree and the run editors refreshed.
    const refresh = api.liveSync.of(folder)?.lastRefresh;
    assert.ok(refresh && refresh.runs.includes(runId) && refresh.ms <= 1_000, `refreshed in ${refresh?.ms.toFixed(1) ?? '?'} ms (≤ 1 s)`);
  });

  it('pushes a change made here a few seconds after it is made, with no click', async () => {
    await api.runEditors.handleForTest(folder, runId, { kind: 'run.addNote', summary: 'Replica promoted, checking lag' });
    await waitFor(() => remoteTimeline().includes('Replica promoted, checking lag'), 30_000, 'the note on the remote');
    assert.equal(git('status', '--porcelain', '--', folder.repo.layout.runDir(runId)), '', 'committed: nothing of the run left uncommitted');
  });

  it('Sync Now: in manual mode nothing syncs by itself; the command brings the change in at once', async () => {
    await config().update('sync.mode', 'manual', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
    assert.equal(api.liveSync.of(folder)?.effectiveMode, 'manual');
    const text = `Error rate back under 1% (${Date.now()})`;
    bobPosts(text);
    await new Promise((resolve) => setTimeout(resolve, 7_000)); // longer than the fetch interval
    assert.equal(updatesShown().includes(text), false, 'manual: not fetched by itself');
    await vscode.commands.executeCommand('playbooks.syncNow');
    assert.ok(updatesShown().includes(text), 'Sync Now brought it in');
    assert.match(api.liveSync.statusBarState.text, /· 1 new$/, 'the earlier update was seen (Sync Now is a look); this one is new');
    await config().update('sync.mode', 'auto', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
  });

  it('offline: a change waits as a local commit, the status bar says so, and it goes out when the remote answers again', async () => {
    git('remote', 'set-url', 'origin', UNREACHABLE);
    try {
      await api.runEditors.handleForTest(folder, runId, { kind: 'run.addNote', summary: 'Written while the remote is away' });
      await waitFor(() => statusMatching(/^\$\(cloud-offline\) Offline — 1 change waiting$/), 30_000, 'the offline status');
      assert.equal(git('status', '--porcelain', '--', folder.repo.layout.runDir(runId)), '', 'committed locally');
      assert.doesNotMatch(remoteTimeline(), /Written while the remote is away/);
    } finally {
      git('remote', 'set-url', 'origin', remote);
    }
    await vscode.commands.executeCommand('playbooks.syncNow');
    assert.match(remoteTimeline(), /Written while the remote is away/, 'sent once the remote answers');
    assert.match(api.liveSync.statusBarState.text, /^\$\(check\) Run synced/);
  });

  it('waits while a run file has unsaved edits in an editor, so incoming changes never land under them', async () => {
    const document = await vscode.workspace.openTextDocument(folder.repo.layout.runFile(runId));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# being edited by hand\n'));
    try {
      await assert.rejects(api.liveSync.syncNow(), /run\.yaml has unsaved changes: save it, then sync\./);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.equal((await api.liveSync.syncNow()).length, 1, 'saved (here: reverted), it syncs again');
  });

  it('a run bob started under the same id first: ours moves to a free id, its open editor follows, and a notification says so', async () => {
    await config().update('sync.mode', 'manual', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
    const playbook = folder.snapshot.runs.find((each) => each.id === runId)?.playbook;
    assert.ok(playbook);
    gitIn(bob, 'pull', '-q', '--no-rebase');
    const bobRepo = new PlaybooksRepository(new Layout(bob));
    const theirs = startRun(bobRepo, { actor: 'bob', now: () => new Date('2026-12-03T09:00:00Z') }, { playbook, name: 'Cache down' }).runId;
    gitIn(bob, 'add', '--', path.relative(bob, bobRepo.layout.runDir(theirs)));
    gitIn(bob, 'commit', '-q', '-m', `${theirs}: start`);
    gitIn(bob, 'push', '-q', 'origin', branch);
    const ours = startRun(folder.repo, { actor: 'alice', now: () => new Date('2026-12-03T09:00:05Z') }, { playbook, name: 'Cache down', owner: 'alice' }).runId;
    assert.equal(ours, theirs, 'the same name on the same day: the same id');
    folder.refreshNow([folder.repo.layout.runDir(ours)]);
    api.runEditors.open(folder, ours);
    assert.equal(api.runEditors.stateOf(folder, ours)?.owner, 'alice');

    await vscode.commands.executeCommand('playbooks.syncNow');

    const moved = `${ours}-2`;
    assert.equal(api.runEditors.isOpen(folder, ours), false, 'the editor no longer shows the id bob has');
    assert.equal(api.runEditors.stateOf(folder, moved)?.owner, 'alice', "alice's run, under its new id, in the same editor");
    assert.equal(folder.snapshot.runs.find((each) => each.id === theirs)?.owner, 'bob', "bob's run under the id he pushed");
    await waitFor(() => shown.some((message) => message.includes(`bob also started a run "Cache down" the same day and pushed it first as ${theirs}: yours is now ${moved}`)), 5_000, `the notification (shown: ${shown.join(' | ')})`);
    assert.match(gitIn(remote, 'ls-tree', '-r', '--name-only', branch), new RegExp(`/${moved}/run\\.yaml`), 'both runs on the remote');
    await config().update('sync.mode', 'auto', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
  });

  it('turns off when the setting says off: no status bar, and Sync Now says why', async () => {
    await config().update('sync.mode', 'off', vscode.ConfigurationTarget.Workspace);
    await api.liveSync.evaluateAll();
    assert.equal(api.liveSync.of(folder)?.effectiveMode, 'off');
    assert.equal(api.liveSync.statusBarState.visible, false);
    await assert.rejects(api.liveSync.syncNow(), /Sync is off for .* \(setting playbooks\.sync\.mode\)/);
  });
});
