import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { exportRunHtml } from '../../../src/core/export/exportHtml';
import { collectRunExport } from '../../../src/core/export/runExportModel';
import { FixtureRepo, RUN_ID, writeRealisticRun } from '../../unit/export/fixtures';

/** The Chromium the end-to-end journeys use (Debian's, or E2E_CHROMIUM). */
const CHROMIUM = process.env['E2E_CHROMIUM'] || '/usr/bin/chromium';

/**
 * Runs in the page: for each word of each Type cell and each heading of the timeline, `word:N` where N
 * is the number of lines its letters are drawn on. Text, because the tests compile without DOM types.
 */
const MEASURE_WORDS = `[...document.querySelectorAll('table.timeline th, table.timeline td:nth-child(3)')].flatMap((cell) => {
  const text = cell.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) return [];
  return [...text.textContent.matchAll(/\\S+/g)].map((match) => {
    const range = document.createRange();
    range.setStart(text, match.index);
    range.setEnd(text, match.index + match[0].length);
    const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    return match[0] + ':' + tops.size;
  });
})`;

describe('the HTML export in a browser', function () {
  this.timeout(60_000);
  let fixture: FixtureRepo;
  let browser: Browser | undefined;
  let file: string;
  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // Without a browser there is no layout to measure; the journeys need the same Chromium.
      this.skip();
    }
    fixture = new FixtureRepo();
    writeRealisticRun(fixture);
    file = path.join(fixture.root, 'report.html');
    fs.writeFileSync(file, exportRunHtml(collectRunExport(fixture.repo, RUN_ID)));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => {
    await browser?.close();
    fixture?.cleanup();
  });

  for (const width of [480, 700, 1200]) {
    it(`never breaks an event type or a column heading of the timeline mid-word (${width}px wide)`, async () => {
      const page = await (browser as Browser).newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      const words = (await page.evaluate(MEASURE_WORDS)) as string[];
      const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      await page.close();
      assert.ok(pageWidth <= width, `the page scrolls sideways: ${pageWidth}px`);
      assert.ok(words.includes('Retrospective:1'), words.join(' '));
      assert.deepEqual(words.filter((word) => !word.endsWith(':1')), [], 'words drawn over several lines');
    });
  }
});
