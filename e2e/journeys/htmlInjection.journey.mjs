// HTML injection: a playbook titled like an <img onerror> tag and a run note holding a <script> tag (made
// with the CLI, as a colleague's commit would bring them) are shown as text in the tree, the playbook form,
// the run editor's timeline, the metrics report and an exported HTML file; no element is made of them
// (shadow roots included) and no script dialog ever opens.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  clickActivityBar, goToFile, journey, pickQuickItem, readWorkspaceFile, runCommand, runEditor, runPath, sidebarRows, waitForActiveEditor, waitUntil, webviewFrame,
} from '../lib/index.mjs';

const TITLE = '<img src=x onerror=alert(1)>';
const NOTE = '<script>alert(1)</script>';
const RUN_NAME = 'Injected run';
const CLI = path.resolve(import.meta.dirname, '../../bin/git-playbooks.js');

/** Elements built from the hostile strings, searched through every shadow root of the document. */
function injectedElements(root) {
  const found = [];
  const visit = (node) => {
    for (const element of node.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      if ((tag === 'img' && element.getAttribute('src') === 'x') || element.hasAttribute('onerror') || (tag === 'script' && /alert\(1\)/.test(element.textContent ?? ''))) found.push(element.outerHTML);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return found;
}

journey('html-injection', async ({ page, workspace, log }) => {
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const cli = (...args) => execFileSync(process.execPath, [CLI, '--as', 'alice', ...args], { cwd: workspace, encoding: 'utf8' }).trim().split('\n').at(-1);
  cli('playbook', 'new', 'hostile', '--template', 'incident-response', '--title', TITLE);
  const runId = cli('run', 'start', 'hostile', '--name', RUN_NAME, '--owner', 'alice');
  cli('run', 'note', runId, '--summary', NOTE);
  assert.match(readWorkspaceFile(workspace, 'playbooks/hostile.yaml') ?? '', /onerror=alert/);
  assert.ok((readWorkspaceFile(workspace, `${runPath(runId)}/timeline.yaml`) ?? '').includes('alert(1)</script>'), 'the note is on disk as typed');
  const clean = async (where) => {
    const found = await webviewFrame(page).locator('body').evaluate(injectedElements);
    assert.deepEqual(found, [], `no element made of the hostile text in the ${where}`);
  };

  // 1. The tree: the title is a row label, as text.
  await clickActivityBar(page, 'Playbooks');
  await waitUntil(async () => (await sidebarRows(page)).some((row) => row.label === TITLE), 30_000, 'the hostile playbook in the tree');
  assert.deepEqual(await page.locator('.part.sidebar').evaluate(injectedElements), [], 'no element made of the title in the tree');
  log('tree: the title is a plain label');

  // 2. The playbook form.
  await goToFile(page, 'hostile.yaml');
  await webviewFrame(page).locator('h1', { hasText: TITLE }).waitFor({ timeout: 30_000 });
  assert.equal((await webviewFrame(page).locator('h1').first().innerText()).trim(), TITLE);
  await clean('playbook form');
  log('playbook form: the title is text');

  // 3. The run editor: its playbook line and the note in the timeline.
  await runCommand(page, 'Playbooks: Open Run');
  await pickQuickItem(page, new RegExp(RUN_NAME));
  await waitForActiveEditor(page, `Run: ${RUN_NAME}`, 30_000);
  const run = runEditor(page);
  await run.waitForRun(RUN_NAME);
  await run.openTab('Timeline');
  const note = run.events('note');
  await note.waitFor();
  assert.equal((await note.locator('.event-summary').innerText()).trim(), NOTE);
  assert.ok((await run.frame.locator('body').innerText()).includes(TITLE), 'the playbook title shows as text in the run editor');
  await clean('run editor');
  log('run editor: title and note are text');

  // 4. The metrics report of the playbook.
  await runCommand(page, 'Playbooks: Show Metrics Report');
  await pickQuickItem(page, new RegExp(TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const report = webviewFrame(page);
  await report.locator('h1', { hasText: TITLE }).waitFor({ timeout: 30_000 });
  assert.equal((await report.locator('h1').first().innerText()).trim(), TITLE);
  await clean('metrics report');
  log('metrics report: the title is text');

  // 5. An exported HTML file, opened from file:// in a new page.
  const exported = path.join(workspace, `${runId}.html`);
  execFileSync(process.execPath, [CLI, 'export', runId, '--format', 'html', '-o', exported], { cwd: workspace });
  const context = await page.context().browser().newContext();
  const standalone = await context.newPage();
  standalone.on('dialog', (dialog) => {
    dialogs.push(`export: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await standalone.goto(pathToFileURL(exported).href);
  const text = await standalone.locator('body').innerText();
  assert.ok(text.includes(TITLE) && text.includes(NOTE), 'the export shows both as text');
  assert.deepEqual(await standalone.locator('html').evaluate(injectedElements), [], 'no element made of them in the export');
  await context.close();
  log('export: both shown as text');

  assert.deepEqual(dialogs, [], 'no script dialog opened anywhere');
});
