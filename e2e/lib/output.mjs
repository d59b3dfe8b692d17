// Where journeys leave their evidence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** test-output/screenshots by default; E2E_SCREENSHOTS overrides. */
function screenshotDir() {
  return process.env.E2E_SCREENSHOTS || path.join(ROOT, 'test-output/screenshots');
}

/**
 * Saves a full-window screenshot as `<screenshotDir>/<name>.png` and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name  e.g. 'smoke' or 'start-run-quick-pick'
 * @returns {Promise<string>}
 */
async function screenshot(page, name) {
  const file = path.join(screenshotDir(), `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

export { screenshot, screenshotDir };
