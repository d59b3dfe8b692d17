// Problems panel: a playbook opened in the TEXT editor (Reopen Editor With… → Text Editor) gets an invalid
// value typed in (`enabled: maybe`); a Problem appears in the Problems panel on that file and line while
// nothing is saved; fixing the value makes it disappear, and the saved file is the original again.
import * as assert from 'node:assert/strict';
import {
  autoSaveOff, git, goToFile, journey, pickQuickItem, readWorkspaceFile, runCommand, waitUntil, webviewFrame,
} from '../lib/index.mjs';

const FILE = 'playbooks/incident-response.yaml';

/** Rows of the Problems panel as the user reads them (file rows and problem rows). */
const problemRows = (page) => page.locator('.markers-panel .monaco-list-row').allInnerTexts();

journey('problems-panel', async ({ page, workspace, log, shot }) => {
  const original = readWorkspaceFile(workspace, FILE) ?? '';
  const lines = original.split('\n');
  const line = lines.findIndex((text, index) => text === '  enabled: true' && lines[index - 1]?.startsWith('retrospective:')) + 1;
  assert.ok(line > 0, 'the demo playbook has `retrospective:\\n  enabled: true`');
  // VS Code in the browser auto-saves after a second by default; the problem must show before any save.
  autoSaveOff(workspace);

  // 1. Open the playbook (the form opens), then reopen it in the text editor.
  await goToFile(page, 'incident-response.yaml');
  await webviewFrame(page).locator('h1', { hasText: 'Incident response' }).waitFor({ timeout: 30_000 });
  await runCommand(page, 'View: Reopen Editor With...');
  await pickQuickItem(page, /^Text Editor/);
  const editor = page.locator('.editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'kind: Playbook' }) }).first();
  await editor.waitFor({ state: 'visible' });
  log('the playbook is open in the text editor');

  // 2. Type an invalid value on that line.
  await editor.click();
  await page.keyboard.press('Control+g');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('enabled: maybe');
  await runCommand(page, 'Problems: Focus on Problems View');
  const rows = await waitUntil(async () => {
    const current = await problemRows(page);
    return current.some((row) => /"enabled" must be a boolean/.test(row)) && current;
  }, 20_000, 'the problem in the Problems panel');
  log(`problems: ${rows.map((row) => row.replace(/\s+/g, ' ')).join(' | ')}`);
  assert.ok(rows.some((row) => row.includes('incident-response.yaml')), 'the problem is listed under the playbook file');
  const problem = rows.find((row) => /"enabled" must be a boolean/.test(row)) ?? '';
  assert.match(problem, new RegExp(`Ln ${line}\\b`), `the problem is on line ${line}`);
  assert.equal(readWorkspaceFile(workspace, FILE), original, 'nothing was saved');
  await shot('problem');

  // 3. Fix it: the problem disappears; saved, the file is the original again.
  // (the editor scrolled: found by its place, not by its first lines any more)
  await page.locator('.part.editor .editor-instance .monaco-editor').first().click();
  await page.keyboard.press('Control+g');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('enabled: true');
  await waitUntil(async () => !(await problemRows(page)).some((row) => /must be a boolean/.test(row)), 20_000, 'the problem gone from the Problems panel');
  await page.keyboard.press('Control+s');
  await waitUntil(() => page.locator('.tabs-container .tab.active.dirty').count().then((count) => count === 0), 10_000, 'the editor saved');
  assert.equal(readWorkspaceFile(workspace, FILE), original, 'the fixed file is the original');
  assert.equal(git(workspace, 'status', '--porcelain', '--', FILE), '', 'git sees no change to the playbook');
  log('fixed: the problem is gone');
});
