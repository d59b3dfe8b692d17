// Metrics over time in the report: a retrospective with 100 customer tickets (the others have 8 to 41)
// is published; its bar is marked as standing out, with the reason below the chart, bars over the
// target are drawn differently, with a legend, in light and dark themes; "Use as target" writes the
// suggested target into the playbook document (unsaved, comments kept) and the card shows it at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  journey, openMetricsReportFromTree, runCommand, runIds, runPath, theme, waitUntil,
} from '../lib/index.mjs';

const PLAYBOOK = 'incident-response';
const TITLE = 'Incident response';
const PLAYBOOK_FILE = `playbooks/${PLAYBOOK}.yaml`;
let outlierRun = '';

journey('metric-insights', async ({ page, workspace, log, shot }) => {
  const playbookBefore = fs.readFileSync(path.join(workspace, PLAYBOOK_FILE), 'utf8');
  const { card } = await openMetricsReportFromTree(page, TITLE);
  await card('customer-tickets').waitFor({ state: 'visible', timeout: 30_000 });

  // 1. The run that stands out: its bar is marked, the reason is written under the chart.
  const tickets = card('customer-tickets');
  const flagged = tickets.locator(`li[data-flagged="${outlierRun}"]`);
  await flagged.waitFor({ state: 'visible', timeout: 15_000 });
  const reason = (await flagged.innerText()).trim();
  log(`flagged: ${reason}`);
  assert.match(reason, /100: .*× the median of/);
  await tickets.locator('[data-legend="anomaly"]').waitFor({ state: 'visible' });
  const bars = await tickets.locator('pb-metric-chart').evaluate((element) => ({
    widths: element.chart.data.datasets[0].borderWidth,
    data: element.chart.data.datasets[0].data,
  }));
  assert.deepEqual(bars.widths.filter((width) => width > 0).length, 1, 'one bar drawn as standing out');
  assert.equal(bars.data[bars.widths.findIndex((width) => width > 0)], 100, 'and it is the 100-ticket run');

  // 2. Over-target bars differ from the others, with a legend; how often the target was met.
  const detect = card('time-to-detect');
  await detect.locator('[data-legend="over"]').waitFor({ state: 'visible' });
  const met = (await detect.locator('[data-figure="targetMet"]').innerText()).trim();
  assert.match(met, /^Met in \d+ of the last \d+$/);
  log(`time to detect: ${met}; legend: ${(await detect.locator('.legend, [aria-label="Bar colours"]').first().innerText()).replace(/\s+/g, ' ')}`);

  // 3. Light and dark: the chart colours follow the theme.
  await page.locator('.tabs-container .tab.active').click();
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
  for (const kind of ['light', 'dark']) {
    await theme(page, kind);
    await waitUntil(async () => detect.locator('pb-metric-chart').evaluate((element) => {
      const yellow = getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-yellow').trim();
      return element.chart.data.datasets[0].backgroundColor.includes(yellow);
    }), 10_000, `over-target bars in the ${kind} theme's yellow`);
    await tickets.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    log(`${kind}: screenshot ${await shot(kind)}`);
  }

  // 4. "Use as target": the suggestion goes into the playbook document; the card shows it before any save.
  const suggestion = tickets.locator('[data-figure="suggestedTarget"]');
  const suggested = (await suggestion.locator('strong').innerText()).trim();
  log(`suggested target for customer tickets: ${suggested}`);
  await suggestion.locator('vscode-button', { hasText: 'Use as target' }).click();
  await waitUntil(async () => (await tickets.locator('[data-figure="target"]').innerText()).trim() === suggested, 10_000, `the card's target ${suggested}`);
  assert.equal(fs.readFileSync(path.join(workspace, PLAYBOOK_FILE), 'utf8'), playbookBefore, 'nothing saved yet: the change is in the document');
  await waitUntil(async () => (await tickets.locator('[data-figure="targetMet"]').count()) === 1, 10_000, 'the card counts how often the new target was met');
  await shot('use-as-target');

  // Saved as a person would: the file has the target, under its metric, and every comment.
  // Keyboard focus back to the workbench first: keys pressed inside a webview reach the palette late.
  await page.locator('.tabs-container .tab.active').click();
  await runCommand(page, 'File: Save All Files');
  const saved = await waitUntil(() => {
    const text = fs.readFileSync(path.join(workspace, PLAYBOOK_FILE), 'utf8');
    return text !== playbookBefore && text;
  }, 10_000, 'the playbook saved');
  assert.match(saved, new RegExp(`id: customer-tickets\\n[\\s\\S]*?type: integer\\n\\s+target: ${suggested}\\n`));
  const comments = (text) => text.split('\n').filter((line) => line.trim().startsWith('#'));
  assert.deepEqual(comments(saved), comments(playbookBefore), 'comments kept');
  log(`saved: target ${suggested} in ${PLAYBOOK_FILE}`);
}, {
  // Publish the demo's draft retrospective with an outlier, before the workbench opens.
  workspace: (demoCopy) => {
    const run = runIds(demoCopy).find((id) => id.endsWith('cdn-certificate-expired'));
    assert.ok(run, 'the demo has the CDN run');
    outlierRun = run;
    const file = path.join(demoCopy, runPath(run, 'retrospective.md'));
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('status: draft', 'status: published\npublishedAt: 2026-11-25T09:00:00Z\npublishedBy: carol').replace('customer-tickets: null', 'customer-tickets: 100').replace('cost: null', 'cost: 300.00'));
    return demoCopy;
  },
});
