// Run editor: a run started from the palette opens its editor; a status update (pre-filled from the
// playbook's template), an owner change, a task assigned and ticked all land in the files and in the
// timeline, newest first, where the category filter hides and shows them; a note that looks like HTML
// stays text; the run is finished (confirmed), a malformed metric is refused inline, valid ones are
// stored, and Publish (confirmed) makes one commit of exactly the run's files, after which the
// retrospective is read-only, also after a window reload. Screenshots of three tabs in light and dark themes.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  answerDialog, answerQuickInput, clickActivityBar, git, journey, pickQuickItem, readWorkspaceFile, runCommand, runIds, theme, treeRow, waitForActiveEditor, waitUntil, webviewFrame,
} from '../lib/index.mjs';

const RUN_NAME = 'Checkout errors in EU';
const HTML_NOTE = '<img src=x onerror=alert(1)> failover started';

journey('run-editor', async ({ page, workspace, log, shot }) => {
  const problems = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to (load|execute|apply)/i.test(message.text())) problems.push(message.text());
  });
  page.on('dialog', (dialog) => {
    problems.push(`a browser dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const runsBefore = runIds(workspace);

  // 1. Start a run from the palette (once the extension's view is there); its editor opens.
  await clickActivityBar(page, 'Playbooks');
  await treeRow(page, 'Incident response').waitFor({ state: 'visible', timeout: 30_000 });
  await runCommand(page, 'Playbooks: Start Run');
  await pickQuickItem(page, 'Incident response');
  await answerQuickInput(page, RUN_NAME);
  await answerQuickInput(page, 'alice');
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`);
  const runId = await waitUntil(() => runIds(workspace).find((id) => !runsBefore.includes(id)), 10_000, 'the new run folder');
  const file = (name) => readWorkspaceFile(workspace, `playbooks/runs/${runId}/${name}`) ?? '';
  const events = () => parse(file('timeline.yaml')).events.map((event) => event.type);
  const frame = webviewFrame(page);
  const PANELS = { Overview: 'pb-run-overview', Checklists: 'pb-run-checklists', Timeline: 'pb-run-timeline', Retrospective: 'pb-run-retrospective' };
  const tab = async (label) => {
    await frame.locator(`vscode-tab-header[data-tab="${label}"]`).click();
    await frame.locator(PANELS[label]).waitFor();
  };
  await frame.locator('pb-app h1', { hasText: RUN_NAME }).waitFor();
  log(`run ${runId} open in its editor`);

  // 2. Overview: the first update starts from the playbook's template; post it.
  const template = parse(readWorkspaceFile(workspace, 'playbooks/incident-response.yaml') ?? '').statusUpdates.template;
  const box = frame.locator('pb-run-status-updates vscode-textarea textarea');
  assert.equal(await box.inputValue(), template, 'the first update is pre-filled with the template');
  await box.fill('Investigating: checkout errors at 30% in EU');
  await frame.locator('vscode-button', { hasText: 'Post Update' }).click();
  await frame.locator('.update .pre', { hasText: 'checkout errors at 30%' }).waitFor();
  assert.equal(await box.inputValue(), 'Investigating: checkout errors at 30% in EU', 'the next update starts from the last one');

  // 3. Change the owner.
  await frame.locator('pb-run-people .link-button', { hasText: 'Change' }).click();
  const ownerField = frame.locator('pb-run-people vscode-textfield[aria-label="New owner"] input');
  await ownerField.fill('bob');
  await ownerField.press('Enter');
  await frame.locator('pb-run-people dd .person', { hasText: /^bob$/ }).first().waitFor();
  assert.match(file('run.yaml'), /^owner: bob$/m);
  log('status update posted, owner changed');

  // 4. Checklists: assign the first task, then tick it.
  await tab('Checklists');
  const task = frame.locator('li.task').first();
  const taskId = await task.getAttribute('data-task');
  const assignee = task.locator('vscode-textfield.assignee input');
  await assignee.fill('carol');
  await assignee.press('Enter');
  await waitUntil(() => parse(file('run.yaml')).checklists[0].items[0].assignee === 'carol', 10_000, 'the task assigned in run.yaml');
  await task.locator('vscode-checkbox').click();
  await waitUntil(() => parse(file('run.yaml')).checklists[0].items[0].state === 'closed', 10_000, 'the task closed in run.yaml');
  await frame.locator(`li.task[data-task="${taskId}"].state-closed`).waitFor();
  log(`task ${taskId} assigned to carol and done`);

  // 5. Timeline: newest first; assignments hidden by default (as in Mattermost), the filter shows and hides.
  await tab('Timeline');
  const rows = () => frame.locator('li.event').evaluateAll((items) => items.map((item) => item.getAttribute('data-type')));
  const showing = () => frame.locator('.showing').innerText();
  assert.deepEqual(events(), ['run_started', 'status_updated', 'owner_changed', 'assignee_changed', 'task_state_changed']);
  await waitUntil(async () => (await rows()).length === 4, 5_000, 'four rows');
  assert.deepEqual(await rows(), ['task_state_changed', 'owner_changed', 'status_updated', 'run_started']);
  assert.equal(await showing(), 'Showing 4 of 5 events');
  const category = (label) => frame.locator('.timeline-filter vscode-checkbox', { hasText: label });
  await category('Task assignments').click();
  assert.deepEqual(await rows(), ['task_state_changed', 'assignee_changed', 'owner_changed', 'status_updated', 'run_started']);
  await category('Status updates').click();
  assert.deepEqual(await rows(), ['task_state_changed', 'assignee_changed', 'owner_changed']);
  assert.equal(await showing(), 'Showing 3 of 5 events');
  await category('Status updates').click();
  assert.equal((await rows()).length, 5);
  assert.match(await frame.locator('li.event').first().locator('.event-when').innerText(), /after start|at start/);

  // 6. A note that looks like HTML is shown as text, backdated, with a link.
  await frame.locator('.note-summary input').fill(HTML_NOTE);
  await frame.locator('.note-at input').fill('5m ago');
  await frame.locator('.note-link input').fill('https://status.example.com/incidents/42');
  await frame.locator('vscode-button', { hasText: 'Add Note' }).click();
  const noteRow = frame.locator('li.event[data-type="note"]');
  await noteRow.waitFor();
  assert.equal((await noteRow.locator('.event-summary').innerText()).trim(), HTML_NOTE);
  assert.equal(await frame.locator('img').count(), 0, 'no <img> element in the page');
  assert.match(await noteRow.locator('.event-when').innerText(), /before start/);
  assert.equal(await noteRow.locator('a').getAttribute('href'), 'https://status.example.com/incidents/42');
  log('timeline filters and a note checked');

  // Screenshots of the run in progress, light then dark (the retrospective ones follow in step 9).
  if (await page.locator('.part.auxiliarybar').isVisible()) await runCommand(page, 'View: Hide Secondary Side Bar');
  const pose = async (label, kind) => {
    await tab(label[0].toUpperCase() + label.slice(1));
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    await shot(`${label}-${kind}`);
  };
  for (const kind of ['light', 'dark']) {
    await theme(page, kind);
    await pose('overview', kind);
    await pose('timeline', kind);
  }

  // 7. Finish the run: tasks are open, so VS Code asks first.
  await tab('Overview');
  await frame.locator('vscode-button', { hasText: 'Finish Run' }).click();
  assert.match(await answerDialog(page, 'Finish Run'), /still open/);
  await frame.locator('.pill.status-finished').waitFor();
  assert.match(file('run.yaml'), /^status: finished$/m);

  // 8. Retrospective: a malformed value is refused inline and not sent; valid ones are stored.
  await tab('Retrospective');
  const metric = (id) => frame.locator(`.metric[data-metric="${id}"]`);
  const detect = metric('time-to-detect').locator('vscode-textfield input');
  const retroBefore = file('retrospective.md');
  await detect.fill('90 minutes');
  await detect.press('Enter');
  await metric('time-to-detect').locator('.error', { hasText: 'is not a duration' }).waitFor();
  await shot('metric-error');
  assert.equal(file('retrospective.md'), retroBefore, 'a malformed value is not sent');
  for (const [id, value] of [['time-to-detect', '12m'], ['time-to-mitigate', '1h30m'], ['customer-tickets', '14'], ['cost', '250.00']]) {
    const input = metric(id).locator('vscode-textfield input');
    await input.fill(value);
    await input.press('Enter');
  }
  const stored = () => parse(/^---\n([\s\S]*?)\n---/.exec(file('retrospective.md'))?.[1] ?? '').metrics;
  await waitUntil(() => stored().cost === 250, 10_000, 'all four metrics in retrospective.md');
  assert.deepEqual(stored(), { 'time-to-detect': '12m', 'time-to-mitigate': '1h 30m', 'customer-tickets': 14, cost: 250 });
  assert.equal(await metric('time-to-detect').locator('.error').count(), 0, 'the inline error is gone');
  log('metrics: malformed refused inline, valid ones stored');

  // 9. The retrospective tab in both themes (dark first: the theme step 6 left).
  for (const kind of ['dark', 'light']) {
    await theme(page, kind);
    await pose('retrospective', kind);
  }

  // 10. Publish (confirmed): one new commit holding only this run's files; then read-only.
  const head = git(workspace, 'rev-parse', 'HEAD');
  await frame.locator('vscode-button', { hasText: 'Publish' }).click();
  assert.match(await answerDialog(page, 'Publish'), /Publish the retrospective/);
  await frame.locator('.published', { hasText: 'Published by' }).waitFor();
  assert.equal(git(workspace, 'rev-list', '--count', `${head}..HEAD`), '1', 'exactly one new commit');
  const committed = git(workspace, 'show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
  assert.ok(committed.length > 0 && committed.every((name) => name.startsWith(`playbooks/runs/${runId}/`)), `only the run's files: ${committed.join(', ')}`);
  assert.equal(await frame.locator('vscode-button', { hasText: 'Publish' }).count(), 0, 'no Publish button any more');
  assert.equal(await metric('cost').locator('vscode-textfield').getAttribute('readonly'), '', 'metric fields are read-only');
  await shot('published');
  log(`published: ${committed.length} files in one commit`);

  // 11. After a window reload the editor comes back by itself (panel serializer), on the same tab.
  await runCommand(page, 'Developer: Reload Window');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  await webviewFrame(page).locator('.published', { hasText: 'Published by' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(problems, [], 'no CSP violation and no browser dialog');
  log('restored after a reload');
});
