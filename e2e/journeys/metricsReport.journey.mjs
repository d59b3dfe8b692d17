// Metrics report: opened from the tree and the palette, its numbers match the retrospective files on
// disk, a retrospective published while it is open appears live, a run named like HTML stays text,
// the table sorts by mouse and keyboard, a run opens from it, and it follows light and dark themes.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  editorTabs, journey, openEditorTab, openMetricsReportFromTree, pickQuickItem, runCommand, runIds, runPath, theme, waitForActiveEditor, waitUntil,
} from '../lib/index.mjs';

const PLAYBOOK = 'incident-response';
const TITLE = 'Incident response';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const CLI = fileURLToPath(new URL('../../bin/git-playbooks.js', import.meta.url));

/** Published retrospectives of the playbook, read from the files (not through the extension), oldest first. */
function publishedOnDisk(workspace) {
  return runIds(workspace)
    .flatMap((run) => {
      const runFile = parse(fs.readFileSync(path.join(workspace, runPath(run, 'run.yaml')), 'utf8'));
      const retroFile = path.join(workspace, runPath(run, 'retrospective.md'));
      if (runFile.playbook !== PLAYBOOK || !fs.existsSync(retroFile)) return [];
      const front = parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(retroFile, 'utf8'))?.[1] ?? '');
      return front.status === 'published' ? [{ run, name: runFile.name, publishedAt: Date.parse(front.publishedAt), metrics: front.metrics }] : [];
    })
    .sort((a, b) => a.publishedAt - b.publishedAt || a.run.localeCompare(b.run));
}

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };
const durationMs = (text) => [...String(text).matchAll(/(\d+)\s*([dhms])/g)].reduce((total, [, count, unit]) => total + Number(count) * UNIT_MS[unit], 0);
/** The compact form docs/metrics.md promises: `1h 30m`, seconds only when there are some. */
function formatDuration(ms) {
  let rest = Math.round(ms / 1000) * 1000;
  const parts = [];
  for (const unit of ['d', 'h', 'm', 's']) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * UNIT_MS[unit];
  }
  return parts.join(' ') || '0m';
}

/** Runs the CLI in the journey's workspace with a pinned clock; returns its last output line. */
function cli(workspace, at, ...args) {
  const out = execFileSync(process.execPath, [CLI, ...args], {
    cwd: workspace,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_PLAYBOOKS_NOW: new Date(at).toISOString() },
  });
  return out.trim().split('\n').at(-1);
}

journey('metrics-report', async ({ page, workspace, log, shot }) => {
  const problems = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to (load|execute|apply)/i.test(message.text())) problems.push(message.text());
  });
  page.on('dialog', (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });

  // 1. From the tree: the playbook's inline "Show Metrics Report" action.
  const { frame, card } = await openMetricsReportFromTree(page, TITLE);
  await card('time-to-detect').waitFor({ state: 'visible' });
  log('report open from the tree');

  // 2. The numbers are the files' numbers.
  const checkNumbers = async () => {
    const published = publishedOnDisk(workspace);
    const detect = published.map((retro) => durationMs(retro.metrics['time-to-detect']));
    const average = formatDuration(detect.reduce((a, b) => a + b, 0) / detect.length);
    await waitUntil(async () => (await card('time-to-detect').locator('[data-figure="average"]').innerText()).trim() === average, 10_000, `average time to detect ${average}`);
    assert.equal((await card('time-to-detect').locator('[data-figure="count"]').innerText()).trim(), String(published.length));
    assert.equal((await frame.locator('[data-count="published"]').innerText()).trim(), String(published.length));
    const drawn = await card('time-to-detect').locator('pb-metric-chart').evaluate((element) => ({
      data: element.chart.data.datasets[0].data,
      target: element.chart.options.plugins.pbTargetLine.value,
      canvas: element.shadowRoot.querySelector('canvas') !== null,
    }));
    assert.deepEqual(drawn.data, detect.slice(-10), 'the chart shows the last 10 values, oldest first');
    assert.equal(drawn.target, 15 * 60_000, 'the target line is at 15m');
    assert.ok(drawn.canvas, 'the chart is drawn on a canvas');
    const rows = await frame.locator('pb-run-table tbody tr').count();
    assert.equal(rows, published.length, 'a table row per published run');
    return { published, average };
  };
  const before = await checkNumbers();
  log(`${before.published.length} published runs, average time to detect ${before.average}`);

  // 3. A retrospective published while the report is open (a run named like HTML) appears live, as text.
  const now = Date.now();
  const run = cli(workspace, now - 90 * 60_000, 'run', 'start', PLAYBOOK, '--name', HOSTILE_NAME, '--owner', 'alice');
  cli(workspace, now - 30 * 60_000, 'run', 'finish', run);
  for (const [metric, value] of [['time-to-detect', '4m'], ['time-to-mitigate', '20m'], ['customer-tickets', '2'], ['cost', '10.00']]) cli(workspace, now, 'retro', 'metric', run, metric, value);
  cli(workspace, now, 'retro', 'publish', run);
  const hostileRow = frame.locator(`pb-run-table tr[data-run="${run}"]`);
  await hostileRow.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal((await hostileRow.locator('td button').innerText()).trim(), HOSTILE_NAME, 'the name is shown as text');
  assert.equal(await frame.locator('img').count(), 0, 'no <img> element anywhere in the page (shadow roots included)');
  const after = await checkNumbers();
  assert.equal(after.published.length, before.published.length + 1);
  log(`published "${run}" while open: the page updated (average now ${after.average})`);

  // 4. Sorting: by mouse (largest first), then by keyboard (flips).
  const header = frame.locator('pb-run-table th', { hasText: 'Time to detect' });
  await header.locator('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const firstValue = async () => frame.locator('pb-run-table tbody tr').first().locator('td[data-metric="time-to-detect"] [data-value]').innerText();
  const largest = formatDuration(Math.max(...after.published.map((retro) => durationMs(retro.metrics['time-to-detect']))));
  assert.equal((await firstValue()).trim(), largest);
  await header.locator('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.equal((await firstValue()).trim(), '4m', 'the new run has the smallest time to detect');
  log('table sorts by mouse and keyboard');

  // 5. Light and dark themes: chart colours are re-read from the theme.
  // Keyboard focus back to the workbench first: keys pressed inside a webview reach the palette late.
  await page.locator('.tabs-container .tab.active').click();
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  // Bars within the target are drawn in the theme's blue (over-target ones differ: metricInsights journey).
  const barColour = () => card('time-to-detect').locator('pb-metric-chart').evaluate((element) => {
    const colours = element.chart.data.datasets[0].backgroundColor;
    const theme = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue').trim();
    return { drawn: (Array.isArray(colours) ? colours : [colours]).find((colour) => colour === theme), theme };
  });
  for (const kind of ['light', 'dark']) {
    await theme(page, kind);
    const colour = await waitUntil(async () => {
      const current = await barColour();
      return current.drawn === current.theme && current;
    }, 10_000, `bars in the ${kind} theme's --vscode-charts-blue`);
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    log(`${kind}: bars ${colour.drawn}; screenshot ${await shot(kind)}`);
  }

  // 6. From the palette: the same panel comes back; a run opens from the table.
  await runCommand(page, 'Playbooks: Show Metrics Report');
  await pickQuickItem(page, TITLE);
  await waitForActiveEditor(page, `Metrics: ${TITLE}`);
  assert.equal((await editorTabs(page)).filter((tab) => tab.replace(/^\*/, '') === `Metrics: ${TITLE}`).length, 1, 'one report panel per playbook');
  await hostileRow.locator('td button').click();
  await waitUntil(async () => (await editorTabs(page)).some((tab) => tab.startsWith('*Run:')), 10_000, 'the run editor to open');
  log(`run opened from the table: ${(await editorTabs(page)).join(' | ')}`);

  // The final screenshot: back on the report, its table with the HTML-like name shown as text.
  await openEditorTab(page, `Metrics: ${TITLE}`);
  await waitForActiveEditor(page, `Metrics: ${TITLE}`);
  await hostileRow.scrollIntoViewIfNeeded();

  assert.deepEqual(problems, [], 'no CSP violation and no script dialog');
});
