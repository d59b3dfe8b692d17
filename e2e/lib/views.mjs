// The activity bar, the side bar's tree rows, view toolbars and context menus.

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Opens a view container from the activity bar (no-op if it is already the open one: a second click would close it).
 * @param {import('playwright-core').Page} page
 * @param {string} title  the container's title, e.g. 'Playbooks'
 */
async function clickActivityBar(page, title) {
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator(`[aria-label^="${title}"]`) }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  if (!((await item.getAttribute('class')) ?? '').includes('checked')) await item.locator('.action-label').click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible' });
  await page.mouse.move(700, 450); // away from the icon: its hover tooltip would cover the tree in screenshots
}

/**
 * @typedef {object} TreeRow
 * @property {string} label        the item's label
 * @property {string} description  the grey text after it ('' if none)
 * @property {number} level        1 for top-level rows
 * @property {boolean | undefined} expanded  undefined for leaves
 * @property {string} tooltip      the row's aria-label (VS Code puts the tooltip or accessibility label there)
 */

/**
 * The rows the side bar shows now, top to bottom (only rendered rows: a long tree is virtualised).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<TreeRow[]>}
 */
async function sidebarRows(page) {
  return page.locator('.part.sidebar .pane-body .monaco-list-row').evaluateAll((rows) =>
    rows
      .map((row) => ({
        top: parseFloat(row.style.top || '0'), // rows are absolutely positioned; DOM order is not screen order
        label: (row.querySelector('.label-name')?.textContent ?? row.textContent ?? '').trim(),
        description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
        level: Number(row.getAttribute('aria-level') ?? '1'),
        expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
        tooltip: row.getAttribute('aria-label') ?? '',
      }))
      .sort((a, b) => a.top - b.top)
      .map((row) => ({ label: row.label, description: row.description, level: row.level, expanded: row.expanded, tooltip: row.tooltip })),
  );
}

/**
 * The side-bar row whose label is exactly `label` (or matches the RegExp).
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} label
 */
function treeRow(page, label) {
  const pattern = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
  return page.locator('.part.sidebar .pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: pattern }) }).first();
}

/**
 * Hovers a tree row and clicks one of its inline action icons, found by its title.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} rowLabel
 * @param {string} actionTitle  e.g. 'Start Run'
 */
async function treeInlineAction(page, rowLabel, actionTitle) {
  const row = treeRow(page, rowLabel);
  await row.hover();
  await row.locator(`.actions .action-label[aria-label^="${actionTitle}"]`).click();
}

/**
 * The message or welcome content shown in the open side-bar view instead of (or above) the tree.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string>}
 */
async function sidebarMessage(page) {
  const texts = await page.locator('.part.sidebar .pane-body .welcome-view-content, .part.sidebar .pane-body .message').allInnerTexts();
  return texts.join('\n').trim();
}

export { clickActivityBar, sidebarRows, treeRow, treeInlineAction, sidebarMessage };
