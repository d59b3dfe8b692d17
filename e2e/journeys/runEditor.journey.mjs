// Run editor: a run started from the palette opens its editor; a status update (pre-filled from the
// playbook's template), an owner change, a task assigned and ticked all land in the files and in the
// timeline, newest first, where the category filter hides and shows them; a note that looks like HTML
// stays text; the run is finished (confirmed), a malformed metric is refused inline, valid ones are
// stored, and Publish (confirmed) makes one commit of exactly the run's files, after which the
// retrospective is read-only, also after a window reload. Screenshots of three tabs in light and dark themes.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  answerQuickInput, clickActivityBar, journey, pickQuickItem, publishInOneCommit, readWorkspaceFile, runCommand, runEditor, runIds, runPath, theme, treeRow, waitForActiveEditor, waitUntil,
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
  const file = (name) => readWorkspaceFile(workspace, `${runPath(runId)}/${name}`) ?? '';
  const events = () => parse(file('timeline.yaml')).events.map((event) => event.type);
  const editor = runEditor(page);
  const { frame } = editor;
  await editor.waitForRun(RUN_NAME);
  log(`run ${runId} open in its editor`);

  // 2. Overview: the first update starts from the playbook's template; post it.
  const template = parse(readWorkspaceFile(workspace, 'playbooks/incident-response.yaml') ?? '').statusUpdates.template;
  const box = editor.statusUpdateBox;
  assert.equal(await box.inputValue(), template, 'the first update is pre-filled with the template');
  await editor.postStatusUpdate('Investigating: checkout errors at 30% in EU');
  assert.equal(await box.inputValue(), 'Investigating: checkout errors at 30% in EU', 'the next update starts from the last one');

  // 3. Change the owner.
  await editor.changeOwner('bob');
  assert.match(file('run.yaml'), /^owner: bob$/m);
  log('status update posted, owner changed');

  // 4. Checklists: assign the first task, then tick it.
  await editor.openTab('Checklists');
  const task = editor.task(0);
  const taskId = await task.getAttribute('data-task');
  await editor.assignTask(task, 'carol');
  await waitUntil(() => parse(file('run.yaml')).checklists[0].items[0].assignee === 'carol', 10_000, 'the task assigned in run.yaml');
  await editor.toggleTask(task);
  await waitUntil(() => parse(file('run.yaml')).checklists[0].items[0].state === 'closed', 10_000, 'the task closed in run.yaml');
  await frame.locator(`li.task[data-task="${taskId}"].state-closed`).waitFor();
  log(`task ${taskId} assigned to carol and done`);

  // 5. Timeline: newest first; assignments hidden by default (as in Mattermost), the filter shows and hides.
  await editor.openTab('Timeline');
  const rows = () => editor.eventTypes();
  assert.deepEqual(events(), ['run_started', 'status_updated', 'owner_changed', 'assignee_changed', 'task_state_changed']);
  await waitUntil(async () => (await rows()).length === 4, 5_000, 'four rows');
  assert.deepEqual(await rows(), ['task_state_changed', 'owner_changed', 'status_updated', 'run_started']);
  assert.equal(await editor.showing(), 'Showing 4 of 5 events');
  await editor.toggleCategory('Task assignments');
  assert.deepEqual(await rows(), ['task_state_changed', 'assignee_changed', 'owner_changed', 'status_updated', 'run_started']);
  await editor.toggleCategory('Status updates');
  assert.deepEqual(await rows(), ['task_state_changed', 'assignee_changed', 'owner_changed']);
  assert.equal(await editor.showing(), 'Showing 3 of 5 events');
  await editor.toggleCategory('Status updates');
  assert.equal((await rows()).length, 5);
  assert.match(await editor.events().first().locator('.event-when').innerText(), /after start|at start/);

  // 6. A note that looks like HTML is shown as text, backdated, with a link.
  const noteRow = await editor.addNote({ summary: HTML_NOTE, at: '5m ago', link: 'https://status.example.com/incidents/42' });
  assert.equal((await noteRow.locator('.event-summary').innerText()).trim(), HTML_NOTE);
  assert.equal(await frame.locator('img').count(), 0, 'no <img> element in the page');
  assert.match(await noteRow.locator('.event-when').innerText(), /before start/);
  assert.equal(await noteRow.locator('a').getAttribute('href'), 'https://status.example.com/incidents/42');
  log('timeline filters and a note checked');

  // Screenshots of the run in progress, light then dark (the retrospective ones follow in step 9).
  if (await page.locator('.part.auxiliarybar').isVisible()) await runCommand(page, 'View: Hide Secondary Side Bar');
  const pose = async (label, kind) => {
    await editor.openTab(label[0].toUpperCase() + label.slice(1));
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
  await editor.openTab('Overview');
  assert.match(await editor.finish(), /still open/);
  assert.match(file('run.yaml'), /^status: finished$/m);

  // 8. Retrospective: a malformed value is refused inline and not sent; valid ones are stored.
  await editor.openTab('Retrospective');
  const retroBefore = file('retrospective.md');
  await editor.setMetricRefused('time-to-detect', '90 minutes');
  await shot('metric-error');
  assert.equal(file('retrospective.md'), retroBefore, 'a malformed value is not sent');
  for (const [id, value] of [['time-to-detect', '12m'], ['time-to-mitigate', '1h30m'], ['customer-tickets', '14'], ['cost', '250.00']]) await editor.setMetric(id, value);
  const stored = () => parse(/^---\n([\s\S]*?)\n---/.exec(file('retrospective.md'))?.[1] ?? '').metrics;
  await waitUntil(() => stored().cost === 250, 10_000, 'all four metrics in retrospective.md');
  assert.deepEqual(stored(), { 'time-to-detect': '12m', 'time-to-mitigate': '1h 30m', 'customer-tickets': 14, cost: 250 });
  assert.equal(await editor.metric('time-to-detect').locator('.error').count(), 0, 'the inline error is gone');
  log('metrics: malformed refused inline, valid ones stored');

  // 9. The retrospective tab in both themes (dark first: the theme step 6 left).
  for (const kind of ['dark', 'light']) {
    await theme(page, kind);
    await pose('retrospective', kind);
  }

  // 10. Publish (confirmed): one new commit holding only this run's files; then read-only.
  const committed = await publishInOneCommit(page, workspace, runId);
  assert.ok(await editor.isReadOnly(), 'no Publish button any more, metric fields read-only');
  await shot('published');
  log(`published: ${committed.length} files in one commit`);

  // 11. After a window reload the editor comes back by itself (panel serializer), on the same tab.
  await runCommand(page, 'Developer: Reload Window');
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  await runEditor(page).frame.locator('.published', { hasText: 'Published by' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(problems, [], 'no CSP violation and no browser dialog');
  log('restored after a reload');
});
