// Add Selection to Timeline: lines selected in an ordinary source file of the demo repository become a
// note on a run picked from the palette; the run editor's timeline shows it with its `path:line` link, and
// timeline.yaml holds the note, that link and the commit checked out.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  git, goToFile, journey, pickQuickItem, readWorkspaceFile, runCommand, runEditor, runIds, runPath, waitForActiveEditor, waitUntil,
} from '../lib/index.mjs';

const SOURCE = 'src/checkout.ts';
const RUN_NAME = 'Primary database failover';
const LINK = `${SOURCE}:1-2`;

journey('add-selection', async ({ page, workspace, log }) => {
  const runId = runIds(workspace).find((id) => /^name: Primary database failover$/m.test(readWorkspaceFile(workspace, `${runPath(id)}/run.yaml`) ?? ''));
  assert.ok(runId, `the demo has the run "${RUN_NAME}"`);
  const timeline = () => parse(readWorkspaceFile(workspace, `${runPath(runId)}/timeline.yaml`) ?? '').events;
  const eventsBefore = timeline().length;
  const firstLine = (readWorkspaceFile(workspace, SOURCE) ?? '').split('\n')[0];

  // 1. Open the source file and select its first two lines with the keyboard.
  await goToFile(page, 'checkout.ts');
  const editor = page.locator('.editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'export function total' }) }).first();
  await editor.waitFor({ state: 'visible' });
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.locator('.statusbar-item', { hasText: /2 lines? selected|\(\d+ selected\)/ }).first().waitFor(); // the status bar shows the selection
  log('two lines of src/checkout.ts selected');

  // 2. Add Selection to Timeline from the palette, picking the run.
  // No Escape first: in the editor it would clear the selection.
  await runCommand(page, 'Playbooks: Add Selection to Timeline', { escapeFirst: false });
  await pickQuickItem(page, new RegExp(RUN_NAME));
  await waitUntil(() => timeline().length === eventsBefore + 1, 10_000, 'one new event in timeline.yaml');
  const note = timeline().at(-1);
  assert.equal(note.type, 'note');
  assert.equal(note.summary, firstLine.trim(), 'the summary is the first selected line');
  assert.equal(note.link, LINK, 'the note links to path:lines');
  assert.ok(JSON.stringify(note).includes(git(workspace, 'rev-parse', 'HEAD')), 'the note records the commit checked out');
  log(`note ${note.id} in timeline.yaml linked to ${note.link}`);

  // 3. The run editor's timeline shows the note with its link.
  await runCommand(page, 'Playbooks: Open Run');
  await pickQuickItem(page, new RegExp(RUN_NAME));
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  const run = runEditor(page);
  await run.openTab('Timeline');
  const row = run.events('note').filter({ hasText: firstLine.trim() });
  await row.waitFor();
  assert.equal((await row.locator('.event-summary').innerText()).trim(), firstLine.trim());
  assert.equal((await row.locator('.event-link').innerText()).trim(), LINK, `the row shows its link ${LINK}`);
  await page.mouse.move(5, 5);
  log('the note is in the run editor timeline');
});
