// Opening the real VS Code workbench (code-server) in Chromium.
import { launchBrowser } from './browser.mjs';

/**
 * @typedef {object} Workbench
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').Page} page
 * @property {string[]} consoleErrors  errors the page logged (extension-host errors are forwarded here)
 * @property {() => Promise<void>} close
 */

/**
 * Opens `url/?folder=workspace` in a fresh headless Chromium and waits for `.monaco-workbench`.
 * @param {object} options
 * @param {string} options.url        code-server base URL, e.g. http://127.0.0.1:41234
 * @param {string} options.workspace  absolute path of the folder (or `.code-workspace` file) to open
 * @param {Array<[string, string]>} [options.payload]  VS Code's `payload` URL entries (development extension, tests)
 * @param {{width: number, height: number}} [options.viewport]  default 1400×900
 * @param {number} [options.timeoutMs]  default timeout of every Playwright action, default 20 s
 * @param {(page: import('playwright-core').Page) => Promise<void>} [options.beforeLoad]  e.g. page.exposeFunction
 * @returns {Promise<Workbench>}
 */
async function openWorkbench({ url, workspace, payload, viewport = { width: 1400, height: 900 }, timeoutMs = 20_000, beforeLoad }) {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(timeoutMs);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  if (beforeLoad) await beforeLoad(page);
  const kind = workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'; // a multi-root workspace file, or a folder
  let target = `${url.replace(/\/$/, '')}/?${kind}=${encodeURIComponent(workspace)}`;
  if (payload) target += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(target);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { browser, page, consoleErrors, close: () => browser.close() };
}

/**
 * Polls `predicate` until it returns a truthy value (returned), or throws after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} predicate
 * @param {number} [timeoutMs]  default 10 s
 * @param {string} [what]  named in the timeout error
 * @returns {Promise<T>}
 */
async function waitUntil(predicate, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await predicate();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export { openWorkbench, waitUntil };
