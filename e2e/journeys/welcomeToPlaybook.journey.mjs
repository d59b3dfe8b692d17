// Welcome to a playbook: in an empty git repository the Playbooks view shows its welcome ("Initialize
// Playbooks"); initialising scaffolds the folder; New Playbook (from Template) from the palette creates one
// that opens in the form. Hand-edited (retrospective off, a comment of the person's own), then in the form:
// the retrospective on with a 24 h reminder, the template edited, a duration metric with a target; Ctrl+S
// writes the YAML and the hand-written comment survives.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addMetric, autoSaveOff, answerQuickInput, appendToRetrospectiveTemplate, clearNotifications, clickActivityBar, enableRetrospective, git, goToFile, journey, pickQuickItem, readWorkspaceFile, runCommand, sidebarMessage, sidebarRows, waitUntil, webviewFrame,
} from '../lib/index.mjs';

const FILE = 'playbooks/db-outage.yaml';
const HAND_COMMENT = '# Agreed with the DBAs: page them before touching replication.';

/** An empty git repository beside the demo copy (nothing but a README commit), autosave off. */
function emptyRepository(demoCopy) {
  const dir = path.join(path.dirname(demoCopy), 'empty-service');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  autoSaveOff(dir); // this journey saves by hand
  fs.writeFileSync(path.join(dir, 'README.md'), '# empty-service\n');
  const gitAsAlice = (...args) => execFileSync('git', ['-c', 'user.name=alice', '-c', 'user.email=alice@example.com', ...args], { cwd: dir });
  gitAsAlice('init', '-q', '-b', 'main');
  gitAsAlice('add', 'README.md');
  gitAsAlice('commit', '-q', '-m', 'Start');
  return dir;
}

journey('welcome-to-playbook', async ({ page, workspace, log, shot }) => {
  // 1. The welcome view, then Initialize.
  await clickActivityBar(page, 'Playbooks');
  await waitUntil(async () => (await sidebarMessage(page)).includes('no playbooks folder yet'), 30_000, 'the welcome view');
  assert.deepEqual(await sidebarRows(page), [], 'no tree yet');
  await shot('welcome');
  await page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Initialize Playbooks' }).click();
  await waitUntil(async () => (await sidebarMessage(page)).includes('No playbooks yet'), 20_000, 'the view saying "No playbooks yet"');
  assert.ok(fs.existsSync(path.join(workspace, 'playbooks/README.md')), 'playbooks/ on disk');
  assert.match(readWorkspaceFile(workspace, '.gitattributes') ?? '', /timeline\.yaml merge=union/);
  await clearNotifications(page);
  log('initialised');

  // 2. New Playbook from the palette: template, then file name; it opens in the form.
  await runCommand(page, 'Playbooks: New Playbook (from Template)');
  await pickQuickItem(page, 'Incident response');
  await answerQuickInput(page, 'db-outage');
  await webviewFrame(page).locator('h1', { hasText: 'Incident response' }).waitFor({ timeout: 30_000 });
  await waitUntil(async () => (await sidebarRows(page)).some((row) => row.label === 'Incident response'), 10_000, 'the playbook in the tree');
  const created = readWorkspaceFile(workspace, FILE) ?? '';
  assert.ok(created.includes('retrospective:\n  enabled: true\n  reminder: 24h\n'), 'made from the template');
  log('db-outage.yaml created from the template, open in the form');

  // 3. The person edits the file by hand: retrospective off for now, and a comment of their own.
  await runCommand(page, 'View: Close Editor');
  const prepared = created
    .replace('retrospective:\n  enabled: true\n  reminder: 24h\n', 'retrospective:\n  enabled: false\n  reminder: 4h\n')
    .replace('statusUpdates:\n', `${HAND_COMMENT}\nstatusUpdates:\n`);
  fs.writeFileSync(path.join(workspace, FILE), prepared);
  await goToFile(page, 'db-outage.yaml');
  const form = webviewFrame(page);
  await form.locator('h1', { hasText: 'Incident response' }).waitFor({ timeout: 30_000 });

  // 4. In the form: retrospective on, every 24 hours, template edited, a duration metric with a target.
  await enableRetrospective(form, 'Every 24 hours', '24h');
  await appendToRetrospectiveTemplate(page, form, '\n## Replication checks\nWhich replica lagged, and by how much.\n');
  await addMetric(form, { index: 4, title: 'Time to failover', target: '10m' });
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: 10_000 });
  assert.equal(readWorkspaceFile(workspace, FILE), prepared, 'nothing is written before saving');
  log('form edited');

  // 5. Ctrl+S: the YAML on disk changed, the hand-written comment survived.
  await page.locator('.tabs-container .tab.active').click();
  await page.keyboard.press('Control+S');
  const saved = await waitUntil(() => {
    const text = readWorkspaceFile(workspace, FILE);
    return text !== prepared && !text?.includes('enabled: false') && text;
  }, 15_000, 'the saved playbook on disk');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  assert.ok(saved.includes(`${HAND_COMMENT}\nstatusUpdates:\n`), 'the hand-written comment survived');
  assert.match(saved, /\nretrospective:\n {2}enabled: true\n {2}reminder: 24h\n/);
  assert.match(saved, /\n {4}## Replication checks\n {4}Which replica lagged, and by how much\.\n/);
  assert.match(saved, /\n {2}- title: Time to failover\n {4}type: duration\n {4}target: 10m\n$/);
  // Nothing is committed behind the person's back: the new files wait for their own commit.
  assert.equal(git(workspace, 'rev-list', '--count', 'HEAD'), '1', 'no commit made');
  assert.match(git(workspace, 'status', '--porcelain'), /^\?\? playbooks\//m, 'playbooks/ is new and untracked');
  await page.mouse.move(5, 5);
  log('saved: YAML changed, comment kept');
}, { workspace: emptyRepository });
