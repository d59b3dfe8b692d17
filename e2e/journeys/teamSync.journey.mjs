// Team sync: two VS Code windows on two clones of one bare remote — alice's (the demo copy, window A)
// and bob's (window B), both with the run in progress open in its run editor. Bob starts typing a
// status update of his own; alice posts hers. Within 30 s, without a click in window B, alice's update
// shows in bob's open run editor, bob's half-typed text is still there and takes further keystrokes,
// a notification says who posted, and the status bar counts it as new. Then both start a run of the
// same name the same day: bob's reaches the remote first, alice's moves to the next free id, her open
// run editor follows it and a notification says so. Screenshots of both windows.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  answerQuickInput, git, journey, openWorkbench, pickQuickItem, readWorkspaceFile, runCommand, runEditor, runIds, runPath, screenshot, waitForActiveEditor, waitForNotification, waitUntil,
} from '../lib/index.mjs';

const RUN_NAME = 'Primary database failover';
const UPDATE = 'Failover to the replica is done; error rate is back under 1%. Next: watch replication lag for 30 minutes.';
const DRAFT = 'Bob here: replica lag is';
const MORE = ' 2 s and falling';
const SAME_NAME = 'Cache cluster down';
const CLI = path.resolve(import.meta.dirname, '../../bin/git-playbooks.js');

/** Bob's clone, beside alice's (the demo copy); the bare remote beside both. */
const bobOf = (alice) => path.join(path.dirname(alice), 'bob', 'checkout-service');
const remoteOf = (alice) => path.join(path.dirname(alice), 'checkout-service.git');

/** One bare remote and two clones of it: alice's (the demo copy, given an upstream) and bob's. */
function twoClones(alice) {
  const remote = remoteOf(alice);
  const bob = bobOf(alice);
  fs.rmSync(remote, { recursive: true, force: true });
  fs.rmSync(path.dirname(bob), { recursive: true, force: true });
  const branch = git(alice, 'rev-parse', '--abbrev-ref', 'HEAD');
  execFileSync('git', ['clone', '-q', '--bare', alice, remote]);
  git(alice, 'remote', 'add', 'origin', remote);
  git(alice, 'fetch', '-q', 'origin');
  git(alice, 'branch', '-q', `--set-upstream-to=origin/${branch}`);
  fs.mkdirSync(path.dirname(bob), { recursive: true });
  execFileSync('git', ['clone', '-q', remote, bob]);
  git(bob, 'config', 'user.name', 'bob');
  git(bob, 'config', 'user.email', 'bob@example.com');
  return alice;
}

/**
 * Opens the run in progress in a window's run editor, on its Overview tab.
 * @param {import('playwright-core').Page} page
 */
async function openRun(page) {
  await runCommand(page, 'Playbooks: Open Run');
  await pickQuickItem(page, new RegExp(RUN_NAME));
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  const editor = runEditor(page);
  await editor.waitForRun(RUN_NAME);
  return editor;
}

/**
 * The sync status bar item's text, once it matches.
 * @param {import('playwright-core').Page} page
 * @param {RegExp} pattern
 */
async function syncStatus(page, pattern, timeoutMs = 30_000) {
  const item = page.locator('.statusbar-item', { hasText: pattern }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await item.innerText()).trim();
}

journey('team-sync', async ({ page, workspace, url, log, shot }) => {
  const bob = bobOf(workspace);
  const runId = runIds(workspace).find((id) => new RegExp(`^name: ${RUN_NAME}$`, 'm').test(readWorkspaceFile(workspace, runPath(id, 'run.yaml')) ?? ''));
  assert.ok(runId, `the demo has the run "${RUN_NAME}" in progress`);
  const windowB = await openWorkbench({ url, workspace: bob });
  const pageB = windowB.page;
  try {
    // 1. Both windows: the run open, and live sync on by itself (auto: the branch has an upstream).
    const editorA = await openRun(page);
    const editorB = await openRun(pageB);
    log(`window A: ${await syncStatus(page, /Run synced/)}; window B: ${await syncStatus(pageB, /Run synced/)}`);

    // 2. Bob starts typing an update of his own (not posted).
    await editorB.statusUpdateBox.fill(DRAFT);

    // 3. Alice posts her update in window A.
    await editorA.postStatusUpdate(UPDATE);
    const postedAt = Date.now();
    log('alice posted her update in window A');

    // 4. Window B, untouched: alice's update appears in the open run editor within 30 s.
    await editorB.frame.locator('.update .pre', { hasText: UPDATE }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const seconds = (Date.now() - postedAt) / 1000;
    assert.ok(seconds <= 30, `within 30 s (${seconds.toFixed(1)} s)`);
    log(`window B shows it ${seconds.toFixed(1)} s after it was posted`);

    // 5. Nothing bob typed is lost, and the box still has the keyboard: his next keystrokes land in it.
    assert.equal(await editorB.statusUpdateBox.inputValue(), DRAFT, "bob's draft survived the update");
    await pageB.keyboard.type(MORE);
    assert.equal(await editorB.statusUpdateBox.inputValue(), `${DRAFT}${MORE}`, 'typing goes on in the same box');
    await screenshot(pageB, 'team-sync-window-b');
    await shot('window-a');

    // 6. Bob is told who posted, and the status bar counts it as new.
    log(`window B status bar: ${await syncStatus(pageB, /Run synced .*· 1 new/)}`);
    await waitForNotification(pageB, /"Primary database failover": alice posted a status update: Failover to the replica is done/);
    await screenshot(pageB, 'team-sync-window-b-notification');

    // 7. On disk and in git: the remote and bob's clone have alice's update, bob's folder is clean.
    const branch = git(workspace, 'rev-parse', '--abbrev-ref', 'HEAD');
    assert.ok(git(remoteOf(workspace), 'show', `${branch}:${runPath(runId, 'timeline.yaml')}`).includes('Failover to the replica is done'), 'on the remote');
    assert.ok((readWorkspaceFile(bob, runPath(runId, 'timeline.yaml')) ?? '').includes('Failover to the replica is done'), "in bob's timeline.yaml");
    await waitUntil(() => git(bob, 'status', '--porcelain', '--', 'playbooks') === '', 10_000, "bob's playbooks folder clean (integrated, nothing half-merged)");

    // 8. Window A goes manual, so that it does not fetch bob's next run before alice starts hers. Bob
    //    starts "Cache cluster down" (the CLI in his clone; window B's live sync pushes it), then alice
    //    starts a run of the same name in window A: the same day, so the same id.
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), '{ "playbooks.sync.mode": "manual" }\n');
    await page.waitForTimeout(2_000); // the settings file is read again, and sync re-evaluated
    const bobsRun = execFileSync(process.execPath, [CLI, '--as', 'bob', 'run', 'start', 'incident-response', '--name', SAME_NAME], { cwd: bob, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').at(-1);
    await waitUntil(() => git(remoteOf(workspace), 'ls-tree', '-r', '--name-only', branch).includes(`/${bobsRun}/run.yaml`), 30_000, "bob's run on the remote");
    assert.ok(!runIds(workspace).includes(bobsRun), "window A has not fetched bob's run yet");
    await runCommand(page, 'Playbooks: Start Run');
    await pickQuickItem(page, 'Incident response');
    await answerQuickInput(page, SAME_NAME);
    await answerQuickInput(page, 'alice');
    await waitForActiveEditor(page, `Run: ${SAME_NAME}`, 30_000);
    log(`bob started ${bobsRun} and pushed it; alice started hers in window A`);

    // 9. Alice syncs: her run moves to the next free id and a notification says so; her editor shows her run there.
    await runCommand(page, 'Playbooks: Sync Now');
    const moved = `${bobsRun}-2`;
    await waitForNotification(page, new RegExp(`bob also started a run "${SAME_NAME}" the same day and pushed it first as ${bobsRun}: yours is now ${moved}`), 30_000);
    assert.match(readWorkspaceFile(workspace, runPath(moved, 'run.yaml')) ?? '', /^owner: alice$/m, "alice's run under the new id");
    assert.match(readWorkspaceFile(workspace, runPath(bobsRun, 'run.yaml')) ?? '', /^owner: bob$/m, "bob's run under his id");
    await runEditor(page).frame.locator('text=owned by alice').first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'team-sync-run-started-twice');
    log(`alice's run moved to ${moved}; her run editor follows it`);
  } finally {
    await windowB.close().catch(() => undefined);
  }
}, { timeoutMs: 240_000, workspace: twoClones });
