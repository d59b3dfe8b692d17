// Entry point the extension host loads (VS Code's `extensionTestsPath`): runs every suite bundled next to it
// by scripts/build.mjs (out/test/integration/*.test.js) in this very host, against the real extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** What scripts/e2e.sh reads back: the page only learns the exit code. */
interface SuiteResult {
  passes: number;
  failures: number;
  failedTitles: string[];
}

const SUITE_START = '--- integration suites: start ---';
const SUITE_END = '--- integration suites: end ---';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const failedTitles: string[] = [];
  // e2e/runExtensionTests.mjs prints the extension host's console between these two lines, not the workbench's noise.
  console.log(SUITE_START);
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const result: SuiteResult = { passes: runner.stats?.passes ?? 0, failures, failedTitles };
      const out = process.env.E2E_RESULT_FILE; // set through the payload's extensionEnvironment
      if (out) fs.writeFileSync(out, JSON.stringify(result));
      console.log(SUITE_END);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test) => failedTitles.push(test.fullTitle()));
  });
}
