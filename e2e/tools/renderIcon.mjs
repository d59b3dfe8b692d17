// Renders media/icon.png (the 128×128 Marketplace icon) from the activity-bar glyph in media/playbooks.svg,
// with the Chromium the e2e tier already uses. Run after changing the glyph, and commit the PNG:
//   node e2e/tools/renderIcon.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  // The glyph, white and a little heavier, on a rounded square: legible at 32 px in the Extensions view.
  const glyph = fs.readFileSync(path.join(ROOT, 'media/playbooks.svg'), 'utf8')
    .replace(/<svg[^>]*>/, '<svg xmlns="http://www.w3.org/2000/svg" x="20" y="18" width="88" height="88" viewBox="0 0 24 24" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2b7a78"/><stop offset="1" stop-color="#17324d"/></linearGradient></defs>
    <rect width="128" height="128" rx="24" fill="url(#bg)"/>${glyph}</svg>`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').first().screenshot({ path: path.join(ROOT, 'media/icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  process.stdout.write('wrote media/icon.png\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
