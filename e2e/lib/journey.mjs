// Runs one journey file: opens the workbench on the journey's workspace, runs the steps, always leaves a
// screenshot, and exits 0 (passed) or 1 (failed). scripts/e2e.sh starts one process per journey with:
//   E2E_URL        code-server base URL
//   E2E_WORKSPACE  a fresh copy of the demo repository, for this journey alone
//   E2E_SCREENSHOTS (optional) where screenshots go, default test-output/screenshots
// A journey can also be run by hand against `npm start`'s server:
//   E2E_URL=http://127.0.0.1:PORT E2E_WORKSPACE=/abs/copy/of/demo node e2e/journeys/smoke.journey.mjs
import * as path from 'node:path';
import { openWorkbench } from './workbench.mjs';
import { screenshot } from './output.mjs';

/**
 * @typedef {object} JourneyContext
 * @property {import('playwright-core').Page} page
 * @property {string} workspace  absolute path of the opened folder
 * @property {string} url        code-server base URL
 * @property {(name: string) => Promise<string>} shot  an extra screenshot named `<journey>-<name>.png`
 * @property {(message: string) => void} log  a progress line, prefixed with the journey name
 */

/**
 * Declares and immediately runs a journey. The final screenshot is `<name>.png`, taken whether the steps
 * passed or failed (then with the error printed and the page's console errors listed).
 * @param {string} name  file-name-safe, e.g. 'smoke'
 * @param {(context: JourneyContext) => Promise<void>} steps
 * @param {{timeoutMs?: number, workspace?: (demoCopy: string) => string}} [options]  timeoutMs: whole-journey
 *   limit, default 180 s; workspace: returns the folder to open instead of the demo copy (e.g. an empty
 *   repository made beside it), called before the workbench opens
 */
function journey(name, steps, { timeoutMs = 180_000, workspace: prepare } = {}) {
  const url = process.env.E2E_URL;
  const given = process.env.E2E_WORKSPACE;
  if (!url || !given) {
    process.stderr.write('E2E_URL and E2E_WORKSPACE must be set (scripts/e2e.sh sets them)\n');
    process.exit(2);
  }
  const workspace = prepare ? prepare(path.resolve(given)) : given;
  const started = Date.now();
  const log = (message) => process.stdout.write(`  [${name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  (async () => {
    const workbench = await openWorkbench({ url, workspace: path.resolve(workspace) });
    const { page } = workbench;
    let failure;
    let timer;
    try {
      const context = { page, workspace: path.resolve(workspace), url, log, shot: (extra) => screenshot(page, `${name}-${extra}`) };
      const limit = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`journey took longer than ${timeoutMs} ms`)), timeoutMs)));
      await Promise.race([steps(context), limit]);
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    const file = await screenshot(page, name).catch((error) => `(no screenshot: ${error.message})`);
    await workbench.close().catch(() => undefined);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (failure) {
      process.stdout.write(`journey ${name}: FAILED after ${seconds}s — ${failure.stack || failure}\n  screenshot: ${file}\n`);
      if (workbench.consoleErrors.length > 0) process.stdout.write(`  page console errors:\n${workbench.consoleErrors.slice(-20).map((line) => `    ${line}`).join('\n')}\n`);
      process.exit(1);
    }
    process.stdout.write(`journey ${name}: passed in ${seconds}s (screenshot ${file})\n`);
    process.exit(0);
  })().catch((error) => {
    process.stdout.write(`journey ${name}: FAILED to start — ${error.stack || error}\n`);
    process.exit(1);
  });
}

export { journey };
