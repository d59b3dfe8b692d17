// Smoke: the demo repository opens, the Playbooks icon is in the activity bar, and its tree lists the
// four demo playbooks with their runs.
import * as assert from 'node:assert/strict';
import { journey, clickActivityBar, sidebarRows, waitUntil } from '../lib/index.mjs';

const DEMO_PLAYBOOKS = ['Customer-Facing Outage', 'Incident response', 'Product release', 'Security incident'];

journey('smoke', async ({ page, log }) => {
  await clickActivityBar(page, 'Playbooks');
  log('Playbooks view open');
  const rows = await waitUntil(async () => {
    const current = await sidebarRows(page);
    return DEMO_PLAYBOOKS.every((title) => current.some((row) => row.label === title)) && current;
  }, 30_000, 'the four demo playbooks in the tree');
  log(`tree: ${rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}${row.description ? ` — ${row.description}` : ''}`).join(' | ')}`);
  const topLevel = rows.filter((row) => row.level === 1).map((row) => row.label);
  assert.deepEqual([...topLevel].sort(), DEMO_PLAYBOOKS, 'top level of the tree is exactly the demo playbooks');
  const title = await page.locator('.part.sidebar .composite.title').innerText();
  assert.match(title, /playbooks/i, 'the side bar is titled Playbooks');
});
