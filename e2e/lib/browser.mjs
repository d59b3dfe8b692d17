// Debian's Chromium under playwright-core: the flags measured in /work/shared/e2e/README.md (§D).
import { chromium } from 'playwright-core';

/** Where Chromium is; E2E_CHROMIUM overrides Debian's /usr/bin/chromium. */
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Launches a headless Chromium with a fresh temporary profile (Playwright refuses --user-data-dir).
 * Chromium writes crash reports under $HOME: give the journey process a throwaway HOME (scripts/e2e.sh does).
 * @returns {Promise<import('playwright-core').Browser>}
 */
function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export { launchBrowser, CHROMIUM };
