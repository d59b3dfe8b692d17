// Review while writing: a retrospective being typed gets the review's checks in the Problems panel
// (a blame phrase, with neutral wording suggested) before anything is saved, so CI's `review` holds
// no surprise; playbooks/review.yaml, which the Playbook Form's file pattern also matches, opens in
// the text editor as the configuration it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { autoSaveOff, git, goToFile, journey, readWorkspaceFile, runCommand, runIds, runPath, waitUntil } from '../lib/index.mjs';

const REVIEW_CONFIG = 'apiVersion: git-playbooks/v1\nkind: ReviewConfig\n# Our own phrasing rules come on top of the built-in ones.\nlanguage:\n  severity: warning\n';
const BLAME = 'The certificate expired because Bob forgot to renew it.';

const problemRows = (page) => page.locator('.markers-panel .monaco-list-row').allInnerTexts();

journey('review-checks', async ({ page, workspace, log, shot }) => {
  const runId = runIds(workspace).find((id) => {
    const text = readWorkspaceFile(workspace, runPath(id, 'retrospective.md')) ?? '';
    return /^status: draft$/m.test(text) && /\n## /.test(text);
  });
  assert.ok(runId, 'the demo has a draft retrospective with sections');
  const file = runPath(runId, 'retrospective.md');
  const original = readWorkspaceFile(workspace, file) ?? '';

  // 1. Open the draft and write a sentence that blames a person, at the start of the line under its first section.
  await goToFile(page, file);
  const editor = page.locator('.editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'kind: Retrospective' }) }).first();
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  const line = original.split('\n').findIndex((text) => text.startsWith('## ')) + 2;
  const goToLineStart = async () => {
    await page.locator('.part.editor .editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+g');
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
  };
  await goToLineStart();
  await page.keyboard.type(BLAME);
  await page.keyboard.press('Escape'); // a word suggestion may be showing
  log(`typed a blame phrase on line ${line} of ${file}`);

  // 2. The Problems panel lists it, from the review, at its line, with a suggestion; nothing is saved.
  await runCommand(page, 'Problems: Focus on Problems View');
  const rows = await waitUntil(async () => {
    const current = await problemRows(page);
    return current.some((row) => /forgot to/i.test(row) && /playbooks review/.test(row)) && current;
  }, 30_000, 'the review\'s blame check in the Problems panel');
  const problem = rows.find((row) => /forgot to/i.test(row) && /playbooks review/.test(row)) ?? '';
  log(`problem: ${problem.replace(/\s+/g, ' ')}`);
  assert.match(problem, /Suggestion: /, 'the problem suggests neutral wording');
  assert.match(problem, new RegExp(`Ln ${line}\\b`), `the problem is on line ${line}`);
  assert.equal(readWorkspaceFile(workspace, file), original, 'nothing was saved');
  await shot('blame-in-problems');

  // 3. Take the sentence out again: the problem goes.
  await goToLineStart();
  for (let typed = 0; typed < BLAME.length; typed++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Delete');
  await waitUntil(async () => !(await problemRows(page)).some((row) => /forgot to/i.test(row)), 20_000, 'the problem gone once the sentence is out');
  log('sentence taken out: the problem is gone');
  const onDisk = readWorkspaceFile(workspace, file) ?? '';
  assert.equal(onDisk === original, true, `still nothing saved; on disk now:\n${onDisk.split('\n').filter((line, index) => line !== original.split('\n')[index]).join('\n')}`);
  log(`git status of the retrospective: "${git(workspace, 'status', '--porcelain', '--', file)}"`);

  // 4. review.yaml, clicked in the Explorer, opens as text, not in the Playbook Form.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'review.yaml' }).first().click();
  const config = page.locator('.editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'kind: ReviewConfig' }) }).first();
  await config.waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.tabs-container .tab.active', { hasText: 'review.yaml' }).waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Playbook Form' }).count(), 0, 'no Playbook Form tab');
  assert.equal(await page.locator('iframe.webview').count(), 0, 'no webview is left open for it');
  log('review.yaml opened in the text editor');
  await shot('review-config-as-text');
}, {
  workspace: (demoCopy) => {
    // Before the workbench opens, so no auto-save can ever run on this journey's edits.
    autoSaveOff(demoCopy);
    fs.writeFileSync(path.join(demoCopy, 'playbooks', 'review.yaml'), REVIEW_CONFIG);
    return demoCopy;
  },
});
