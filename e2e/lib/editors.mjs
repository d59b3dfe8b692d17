// Editors: tabs, webviews (two nested iframes) and modal dialogs.

/**
 * The content frame of the visible webview (an editor panel or custom editor): VS Code nests the page in
 * `iframe.webview.ready` → `#active-frame`. Use it like a page: `webviewFrame(page).locator('button')`.
 * @param {import('playwright-core').Page} page
 * @returns {import('playwright-core').FrameLocator}
 */
function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/**
 * Labels of the open editor tabs, the active one marked with a leading '*'.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
async function editorTabs(page) {
  return page.locator('.tabs-container .tab').evaluateAll((tabs) =>
    tabs.map((tab) => `${tab.classList.contains('active') ? '*' : ''}${(tab.querySelector('.label-name')?.textContent ?? tab.getAttribute('aria-label') ?? '').trim()}`),
  );
}

/**
 * Activates an editor tab by its label.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 */
async function openEditorTab(page, label) {
  await page.locator('.tabs-container .tab').filter({ has: page.locator('.label-name', { hasText: label }) }).first().click();
}

/**
 * Waits for an editor tab with this label to be the active one.
 * @param {import('playwright-core').Page} page
 * @param {string | RegExp} label
 * @param {number} [timeoutMs]
 */
async function waitForActiveEditor(page, label, timeoutMs = 20_000) {
  await page.locator('.tabs-container .tab.active').filter({ has: page.locator('.label-name', { hasText: label }) }).first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Answers a modal dialog (e.g. `showWarningMessage(..., {modal: true})`) by clicking the button labelled `label`.
 * @param {import('playwright-core').Page} page
 * @param {string} label
 * @returns {Promise<string>} the dialog's message
 */
async function answerDialog(page, label) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible' });
  const message = ((await dialog.locator('.dialog-message').textContent()) ?? '').trim();
  await dialog.locator('.monaco-button').filter({ hasText: label }).first().click();
  await dialog.waitFor({ state: 'hidden' });
  return message;
}

export { webviewFrame, editorTabs, openEditorTab, waitForActiveEditor, answerDialog };
