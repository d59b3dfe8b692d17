// Runs the in-host mocha suites (out/test/integration/index.js) inside code-server's real Node extension host:
// the workbench reads the development extension and the tests from the URL `payload`, which code-server
// honours only with `--vscode-option enable-smoke-test-driver`; at the end VS Code calls
// window.codeAutomationExit(code). See /work/shared/e2e/README.md §E.
//   E2E_URL, E2E_WORKSPACE, EXT_DEV_PATH (the repository), EXT_TESTS_PATH (the index.js),
//   EXT_ENV (JSON object of variables for the extension host), E2E_LOG (optional: full page console)
import * as fs from 'node:fs';
import * as util from 'node:util';
import { openWorkbench } from './lib/workbench.mjs';
import { screenshot } from './lib/output.mjs';

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 540_000); // under scripts/e2e.sh's 600 s limit

async function main() {
  const base = process.env.E2E_URL;
  const remote = (file) => `vscode-remote://${new URL(base).host}${file}`; // the authority must be the Host header
  const payload = [
    ['extensionDevelopmentPath', remote(process.env.EXT_DEV_PATH)],
    ['extensionTestsPath', remote(process.env.EXT_TESTS_PATH)],
    ...(process.env.EXT_ENV ? [['extensionEnvironment', process.env.EXT_ENV]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const logFile = process.env.E2E_LOG ? fs.createWriteStream(process.env.E2E_LOG) : undefined;
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  let inSuites = false; // between the markers test/integration/index.ts prints
  const forward = async (message) => {
    let values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?')));
    const fromExtensionHost = typeof values[0] === 'string' && values[0].startsWith('%c');
    if (fromExtensionHost) values = values.slice(2); // ('%c INFO', 'color: …', format, ...args)
    const text = util.format(...values).replace(/\x1b\[[0-9;]*m/g, '').replace(/\n+$/, '');
    logFile?.write(`${message.type()}: ${text}\n`);
    if (fromExtensionHost && text.includes('--- integration suites: start ---')) inSuites = true;
    else if (fromExtensionHost && text.includes('--- integration suites: end ---')) inSuites = false;
    else if (fromExtensionHost && inSuites) process.stdout.write(`${text.split('\n').map((line) => `  | ${line}`).join('\n')}\n`);
  };
  const workbench = await openWorkbench({
    url: base,
    workspace: process.env.E2E_WORKSPACE,
    payload,
    // VS Code calls window.codeAutomationExit(code) when run() settles: it must exist before the page loads.
    beforeLoad: async (page) => {
      await page.exposeFunction('codeAutomationExit', async (code) => finish({ code }));
      page.on('console', (message) => void forward(message));
    },
  });
  const { page } = workbench;
  const result = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), TIMEOUT_MS))]);
  if (result.code !== 0) await screenshot(page, 'integration-failure').catch(() => undefined);
  console.log(`extension tests finished, exit code = ${result.code}`);
  await workbench.close();
  logFile?.end();
  process.exit(result.code === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
