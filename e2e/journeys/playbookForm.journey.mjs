// The playbook form: a playbook opens in the form; turning the retrospective on, a 24 h reminder, a template
// edit and a new duration metric with a target become unsaved edits of the YAML; Ctrl+S writes them, and a
// comment written by hand survives. Screenshots of the form in the light and dark themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addMetric, appendToRetrospectiveTemplate, autoSaveOff, enableRetrospective, goToFile, journey, readWorkspaceFile, theme, waitUntil, webviewFrame,
} from '../lib/index.mjs';

const FILE = 'playbooks/incident-response.yaml';
const HAND_COMMENT = '# Reviewed by the SRE team: keep the first status update within 30 minutes.';

journey('playbook-form', async ({ page, workspace, log, shot }) => {
  // The playbook as a person left it: retrospective off, reminder every 4 hours, and a comment of their own.
  const original = readWorkspaceFile(workspace, FILE);
  assert.ok(original?.includes('retrospective:\n  enabled: true\n  reminder: 24h\n'), 'the demo playbook has the expected retrospective block');
  const prepared = original
    .replace('retrospective:\n  enabled: true\n  reminder: 24h\n', 'retrospective:\n  enabled: false\n  reminder: 4h\n')
    .replace('statusUpdates:\n', `${HAND_COMMENT}\nstatusUpdates:\n`);
  fs.writeFileSync(path.join(workspace, FILE), prepared);
  // VS Code in the browser auto-saves after a second by default; this journey saves by hand.
  autoSaveOff(workspace);

  await goToFile(page, 'incident-response.yaml');
  const form = webviewFrame(page);
  await form.locator('h1', { hasText: 'Incident response' }).waitFor({ timeout: 30_000 });
  log('the playbook opened in the form');

  await enableRetrospective(form, 'Every 24 hours', '24h');
  log('retrospective on, reminder every 24 hours');

  await appendToRetrospectiveTemplate(page, form, '\n## Follow-up owners\nOne owner per action.\n');
  log('template edited');

  await addMetric(form, { index: 4, title: 'Time to resolve', invalidTarget: 'soon', target: '4h' });
  log('metric "Time to resolve" added with a 4h target');

  // Unsaved until Ctrl+S: the tab shows the dirty mark, the file on disk is as prepared.
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: 10_000 });
  assert.equal(readWorkspaceFile(workspace, FILE), prepared, 'nothing is written before saving');

  // The form in both themes: the top (title, problems, checklists), the retrospective, the new metric.
  const views = [['top', form.locator('h1')], ['', form.locator('vscode-collapsible[heading="Retrospective"]')], ['metrics', form.locator('vscode-textfield[data-key="metrics.4.title"]')]];
  for (const kind of ['light', 'dark']) {
    await theme(page, kind);
    for (const [name, anchor] of views) {
      await anchor.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await shot(name ? `${name}-${kind}` : kind);
    }
  }
  log('screenshots taken');
  assert.equal(readWorkspaceFile(workspace, FILE), prepared, 'still unsaved before Ctrl+S');

  await page.locator('.tabs-container .tab.active').click();
  await page.keyboard.press('Control+S');
  const saved = await waitUntil(() => {
    const text = readWorkspaceFile(workspace, FILE);
    return text !== prepared && !text?.includes('enabled: false') && text;
  }, 15_000, 'the saved playbook on disk');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok(saved.includes(`${HAND_COMMENT}\nstatusUpdates:\n`), 'the hand-written comment survived');
  assert.ok(saved.includes("  # Copied into each run's retrospective.md.\n"), "the template's own comments survived");
  assert.match(saved, /\nretrospective:\n {2}enabled: true\n {2}reminder: 24h\n/);
  assert.match(saved, /\n {4}## Follow-up owners\n {4}One owner per action\.\n/);
  assert.match(saved, /\n {2}- title: Time to resolve\n {4}type: duration\n {4}target: 4h\n$/);
  log('saved with Ctrl+S: YAML changed, comments kept');
});
