// Finish and publish, starting from the reminder: a run in progress is finished from the palette; the
// retrospective reminder notification appears and its "Fill Out Retrospective" opens the run editor on a
// retrospective made from the playbook's template; a malformed metric is refused inline, valid ones are
// stored, Publish (confirmed) makes one commit of exactly the run's files, and the retrospective is read-only.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  answerDialog, journey, pickQuickItem, publishInOneCommit, readWorkspaceFile, runCommand, runEditor, runIds, runPath, waitForActiveEditor, waitForNotification, waitUntil,
} from '../lib/index.mjs';

const RUN_NAME = 'Primary database failover';
const REMINDER = `Retrospective of "${RUN_NAME}" is due`;

journey('finish-and-publish', async ({ page, workspace, log }) => {
  const runId = runIds(workspace).find((id) => /^name: Primary database failover$/m.test(readWorkspaceFile(workspace, `${runPath(id)}/run.yaml`) ?? ''));
  assert.ok(runId, `the demo has the run "${RUN_NAME}" in progress`);
  const file = (name) => readWorkspaceFile(workspace, `${runPath(runId)}/${name}`) ?? '';
  const playbook = parse(readWorkspaceFile(workspace, 'playbooks/incident-response.yaml') ?? '');

  // 0. The demo's own due retrospective notifies a few seconds after start: dismiss it first, so the
  //    reminder this journey checks is the one the finish causes.
  await waitForNotification(page, /are due|is due/);
  await runCommand(page, 'Notifications: Clear All Notifications');

  // 1. Finish the run from the palette; tasks are open, so VS Code asks first.
  await runCommand(page, 'Playbooks: Finish Run');
  await pickQuickItem(page, new RegExp(RUN_NAME));
  assert.match(await answerDialog(page, 'Finish Run'), /5 tasks still open/);
  await waitUntil(() => /^status: finished$/m.test(file('run.yaml')), 10_000, 'the run finished in run.yaml');
  log(`run ${runId} finished`);

  // 2. The reminder appears; "Fill Out Retrospective" opens the retrospective.
  const reminder = await waitForNotification(page, REMINDER);
  await reminder.locator('.monaco-button', { hasText: 'Fill Out Retrospective' }).first().click();
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  const editor = runEditor(page);
  await editor.openTab('Retrospective');
  log('the reminder opened the run editor');

  // 3. It holds the playbook's template: its report text on disk, one field per playbook metric on screen.
  const firstHeading = playbook.retrospective.template.split('\n').find((line) => line.startsWith('#'));
  assert.ok(file('retrospective.md').includes(firstHeading), `retrospective.md starts from the template (${firstHeading})`);
  const shown = await editor.frame.locator('.metric').evaluateAll((items) => items.map((item) => item.getAttribute('data-metric')));
  assert.deepEqual(shown, playbook.metrics.map((metric) => metric.id), 'one field per metric of the playbook');

  // 4. A malformed value is refused inline and not sent; valid ones are stored.
  const retroBefore = file('retrospective.md');
  await editor.setMetricRefused('time-to-detect', 'ten minutes');
  assert.equal(file('retrospective.md'), retroBefore, 'a malformed value is not sent');
  for (const [id, value] of [['time-to-detect', '8m'], ['time-to-mitigate', '45m'], ['customer-tickets', '3'], ['cost', '80.00']]) await editor.setMetric(id, value);
  const stored = () => parse(/^---\n([\s\S]*?)\n---/.exec(file('retrospective.md'))?.[1] ?? '').metrics ?? {};
  await waitUntil(() => stored().cost === 80, 10_000, 'all four metrics in retrospective.md');
  assert.deepEqual(stored(), { 'time-to-detect': '8m', 'time-to-mitigate': '45m', 'customer-tickets': 3, cost: 80 });
  assert.equal(await editor.metric('time-to-detect').locator('.error').count(), 0, 'the inline error is gone');
  log('metrics: malformed refused inline, valid ones stored');

  // 5. Publish (confirmed): one new commit holding only this run's files; then read-only.
  const committed = await publishInOneCommit(page, workspace, runId);
  assert.match(file('retrospective.md'), /^status: published$/m);
  assert.ok(await editor.isReadOnly(), 'no Publish button any more, metric fields read-only');
  await page.mouse.move(5, 5);
  log(`published: ${committed.join(', ')}`);
});
