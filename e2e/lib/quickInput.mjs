// The command palette and quick picks / input boxes (`.quick-input-widget`).

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {import('playwright-core').Page} page */
const widget = (page) => page.locator('.quick-input-widget');

/**
 * A quick-input row whose label is exactly `label` (or matches the RegExp).
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} label
 */
function quickItem(page, label) {
  const pattern = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
  return widget(page).locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: pattern }) });
}

/**
 * Runs a command by its palette title, as a person would: F1, type, pick the exact entry. A command
 * that is not listed yet (the extension is still starting and has not set its context keys) or a
 * palette that opened inert (seen in CI on a loaded machine) is tried again, closing the palette
 * with Escape, for up to `timeoutMs`.
 * @param {import('playwright-core').Page} page
 * @param {string} title  e.g. 'Playbooks: Start Run'
 * @param {{escapeFirst?: boolean, timeoutMs?: number}} [options]  escapeFirst: false keeps an editor's
 *   selection (Escape in an editor clears it; once the palette is open, Escape only closes it)
 */
async function runCommand(page, title, { escapeFirst = true, timeoutMs = 30_000 } = {}) {
  const input = widget(page).locator('input');
  const row = quickItem(page, title).first();
  const deadline = Date.now() + timeoutMs;
  if (escapeFirst) await page.keyboard.press('Escape');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    let problem;
    try {
      await input.fill(`>${title}`, { timeout: 5_000 });
      if (await row.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) break;
      problem = `"${title}" is not in the command palette`;
    } catch (error) {
      problem = `the command palette did not take text (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); inert: ${await inertElements(page)}`;
    }
    if (Date.now() > deadline) throw new Error(problem);
    await page.keyboard.press('Escape');
  }
  await row.click();
}

/** What is inert on the page, and what has focus: for the error of a palette that would not take text. */
function inertElements(page) {
  return page.evaluate(() => {
    const describe = (element) => `${element.tagName.toLowerCase()}.${String(element.className).split(' ').slice(0, 3).join('.')}`;
    const inert = [...document.querySelectorAll('[inert]')].map(describe);
    const dialogs = [...document.querySelectorAll('dialog[open], .monaco-dialog-box')].map((element) => `${describe(element)} "${(element.textContent ?? '').slice(0, 120)}"`);
    return `${inert.join(', ') || 'nothing'}; dialogs: ${dialogs.join(', ') || 'none'}; focus: ${document.activeElement ? describe(document.activeElement) : 'none'}`;
  });
}

/**
 * Types into the open input box or quick pick and presses Enter.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function answerQuickInput(page, text) {
  const input = widget(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await input.press('Enter');
  // A multi-step input reuses the same widget: wait until it has taken the answer (hidden, or the
  // next step shows), so that the next answer is not typed into this step on a slow machine.
  await page.waitForFunction(
    (answer) => {
      const box = document.querySelector('.quick-input-widget');
      const field = box?.querySelector('input');
      return !box || box.style.display === 'none' || !field || field.value !== answer;
    },
    text,
    { timeout: 10_000 },
  );
}

/**
 * Clicks the item labelled `label` in the open quick pick (typing to filter first if it is not in view).
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} label
 */
async function pickQuickItem(page, label) {
  const row = quickItem(page, label).first();
  try {
    // A pattern cannot be typed to filter: give a slow machine's quick pick time to show its items.
    await row.waitFor({ state: 'visible', timeout: typeof label === 'string' ? 3_000 : 15_000 });
  } catch {
    if (typeof label !== 'string') throw new Error(`no quick pick item matches ${label}`);
    await widget(page).locator('input').fill(label);
    await row.waitFor({ state: 'visible' });
  }
  const before = await widget(page).evaluate((box) => `${box.querySelector('.quick-input-title')?.textContent ?? ''}|${box.querySelector('input')?.placeholder ?? ''}`);
  await row.click();
  // The same widget shows the next step of a multi-step input: wait until the pick is taken (closed, or the
  // title / placeholder changed) so that the next answer is not typed into this step on a slow machine.
  await page.waitForFunction(
    (previous) => {
      const box = document.querySelector('.quick-input-widget');
      if (!box || box.style.display === 'none') return true;
      const now = `${box.querySelector('.quick-input-title')?.textContent ?? ''}|${box.querySelector('input')?.placeholder ?? ''}`;
      return now !== previous;
    },
    before,
    { timeout: 10_000 },
  );
}

/**
 * Waits until the quick input is closed (a multi-step flow finished or was cancelled).
 * @param {import('playwright-core').Page} page
 */
async function quickInputClosed(page) {
  await widget(page).waitFor({ state: 'hidden' });
}

/**
 * Opens a workspace file by name with Go to File (Ctrl+P), as a person would: its default editor opens.
 * @param {import('playwright-core').Page} page
 * @param {string} name  what to type, e.g. 'incident-response.yaml'
 */
async function goToFile(page, name) {
  await runCommand(page, 'Go to File...');
  await widget(page).locator('input').fill(name);
  await widget(page).locator('.monaco-list-row').first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

export { goToFile, runCommand, answerQuickInput, pickQuickItem, quickInputClosed, quickItem };
