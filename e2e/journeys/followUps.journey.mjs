// Follow-up actions: in a run's editor an action is added on the Retrospective tab (owner, priority and a
// deadline a minute and a half ahead); it lands in retrospective.md and the tree shows "1 open action". The clock
// moves past the deadline: without any file changing, the tree shows "1 open action · 1 overdue" and the
// editor marks the action overdue. Closing it (status Done) records closedAt and clears the tree's count.
// Screenshots of the overdue action (tree and editor side by side) and of the closed one.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { clickActivityBar, journey, readWorkspaceFile, runEditor, runPath, sidebarRows, treeRow, waitForActiveEditor, waitUntil } from '../lib/index.mjs';

const PLAYBOOK = 'incident-response';
const RUN_NAME = 'Replica lag in EU';
const ACTION = 'Alert on replica lag';
const CLI = fileURLToPath(new URL('../../bin/git-playbooks.js', import.meta.url));
/** How far ahead the deadline is: long enough to see the action open first, short enough to wait for. */
const LEAD_MS = 90_000;

/** Runs the CLI in the workspace with its clock at `at`; returns the last line it printed (an id). */
function cli(workspace, at, ...args) {
  const out = execFileSync(process.execPath, [CLI, ...args], {
    cwd: workspace,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_PLAYBOOKS_NOW: new Date(at).toISOString() },
  });
  return out.trim().split('\n').at(-1);
}

/** The run's actions as retrospective.md holds them. */
function storedActions(workspace, runId) {
  const text = readWorkspaceFile(workspace, runPath(runId, 'retrospective.md')) ?? '';
  return parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '')?.actions ?? [];
}

/** The tree's grey text after the run's name ('' while the row is not rendered). */
async function runRowDescription(page) {
  return (await sidebarRows(page)).find((row) => row.label === RUN_NAME)?.description ?? '';
}

journey(
  'follow-ups',
  async ({ page, workspace, log, shot }) => {
    const problems = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to (load|execute|apply)/i.test(message.text())) problems.push(message.text());
    });
    page.on('dialog', (dialog) => {
      problems.push(`a browser dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });

    // 1. A run started two hours ago (from the CLI, as a teammate would); it shows in the tree, in progress.
    const runId = cli(workspace, Date.now() - 2 * 3_600_000, 'run', 'start', PLAYBOOK, '--name', RUN_NAME, '--owner', 'alice');
    await clickActivityBar(page, 'Playbooks');
    const row = treeRow(page, RUN_NAME);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.doesNotMatch(await runRowDescription(page), /open action/, 'no action count before there is an action');

    // 2. Its editor, from the tree; the Retrospective tab; add an action due a minute and a half from now.
    await row.click();
    await waitForActiveEditor(page, `Run: ${RUN_NAME}`);
    const editor = runEditor(page);
    await editor.waitForRun(RUN_NAME);
    await editor.openTab('Retrospective');
    const deadline = new Date(Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000);
    const due = deadline.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const action = await editor.addFollowUp({ title: ACTION, owner: 'bob', due, priority: 'P2' });
    const [stored] = storedActions(workspace, runId);
    assert.ok(stored, 'the action is in retrospective.md');
    assert.deepEqual({ title: stored.title, owner: stored.owner, due: stored.due, priority: stored.priority, status: stored.status }, { title: ACTION, owner: 'bob', due, priority: 'P2', status: 'open' });
    assert.match(stored.id, /^a-[a-z0-9]{6}$/);
    assert.equal(await action.getAttribute('data-action'), stored.id);
    assert.equal(await action.evaluate((element) => element.classList.contains('is-overdue')), false, 'not overdue before its deadline');
    await waitUntil(async () => (await runRowDescription(page)).endsWith('1 open action'), 10_000, 'the tree to count the open action');
    log(`action ${stored.id} added, due ${due}; tree: "${await runRowDescription(page)}"`);

    // 3. The clock passes the deadline: nothing on disk changes, yet the tree and the editor say overdue.
    const overdueBy = Date.now() - deadline.getTime();
    assert.ok(overdueBy < 0, `the deadline is still ahead after the steps above (${overdueBy} ms)`);
    await waitUntil(async () => (await runRowDescription(page)).endsWith('1 open action · 1 overdue'), LEAD_MS + 30_000, 'the tree to show the action overdue');
    await waitUntil(() => action.evaluate((element) => element.classList.contains('is-overdue')), 40_000, 'the editor to mark the action overdue');
    assert.match(await action.locator('span.due').innerText(), /overdue since/);
    await action.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    log(`overdue: tree "${await runRowDescription(page)}"; screenshot ${await shot('overdue')}`);

    // 4. Close it: Done records closedAt; the tree's count goes away.
    await editor.setFollowUpStatus(action, 'Done');
    await waitUntil(() => storedActions(workspace, runId)[0]?.status === 'done', 10_000, 'status done in retrospective.md');
    assert.ok(storedActions(workspace, runId)[0]?.closedAt, 'closedAt recorded');
    await editor.frame.locator('li.follow-up.status-done').waitFor({ timeout: 10_000 });
    assert.equal(await action.evaluate((element) => element.classList.contains('is-overdue')), false, 'a done action is not overdue');
    await waitUntil(async () => !/open action/.test(await runRowDescription(page)), 10_000, 'the tree count to go away once it is done');
    log(`closed; screenshot ${await shot('closed')}`);

    assert.deepEqual(problems, [], 'no CSP violation and no browser dialog');
  },
  { timeoutMs: 240_000 },
);
