// Content Security Policy, checked in the real browser: the run editor, the playbook form and the metrics
// report each carry `default-src 'none'` and a nonce-only script-src; an inline <script> and an inline
// event handler injected into their DOM do not run (a window flag stays unset) and raise a
// `securitypolicyviolation`; every resource the page loaded comes from the webview resource origin
// (the extension's own files), none from anywhere else.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { clickActivityBar, journey, pickQuickItem, readWorkspaceFile, runCommand, runIds, runPath, treeRow, waitForActiveEditor, waitUntil } from '../lib/index.mjs';

/**
 * The page's own document (`data-page` = run, playbook or report) once rendered: the visible webview's
 * `#active-frame` as a Playwright Frame (evaluate needs one, a FrameLocator has none).
 */
async function pageFrame(page, name) {
  return waitUntil(async () => {
    const outer = await (await page.locator('iframe.webview.ready:visible').elementHandle({ timeout: 1_000 })).contentFrame();
    const inner = await (await outer.waitForSelector('#active-frame', { state: 'attached', timeout: 1_000 })).contentFrame();
    const rendered = await inner.evaluate((wanted) => {
      const app = document.querySelector('pb-app');
      return document.readyState === 'complete' && document.body?.dataset.page === wanted && ((app?.shadowRoot?.childElementCount ?? 0) > 0 || (app?.childElementCount ?? 0) > 0);
    }, name);
    return rendered && inner;
  }, 30_000, `the ${name} page rendered`);
}

/** `directive → sources` of a policy string. */
function directives(policy) {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name, sources]));
}

/** Does `url` match a CSP host source such as `https://*.vscode-cdn.net` or `http://127.0.0.1:1234`? */
function matchesSource(url, source) {
  const wanted = /^(\w[\w+.-]*:)\/\/(\*\.)?([^/:]+)(:\d+|:\*)?/.exec(source);
  if (!wanted) return false;
  const { protocol, hostname, port } = new URL(url);
  const [, scheme, wildcard, host, portPart] = wanted;
  const hostOk = wildcard ? hostname.endsWith(`.${host}`) : hostname === host;
  const portOk = !portPart || portPart === ':*' || portPart === `:${port}`;
  return protocol === scheme && hostOk && portOk;
}

async function checkPage(page, name, label, log, cspConsole) {
  const frame = await pageFrame(page, name);
  const metas = await frame.evaluate(() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((meta) => meta.getAttribute('content')));
  assert.equal(metas.length, 1, `${label}: one CSP meta`);
  const policy = directives(metas[0]);
  assert.deepEqual(policy.get('default-src'), ["'none'"], `${label}: default-src 'none'`);
  const scriptSources = policy.get('script-src') ?? [];
  assert.ok(scriptSources.length === 1 && /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(scriptSources[0]), `${label}: script-src is a nonce only (${scriptSources.join(' ')})`);
  for (const [name, sources] of policy) assert.ok(!sources.some((source) => /unsafe-(inline|eval)|^\*$|^https?:$/.test(source)), `${label}: ${name} allows no unsafe-*/wildcard (${sources.join(' ')})`);
  const nonce = scriptSources[0].slice("'nonce-".length, -1);
  // VS Code's webview host puts its acquireVsCodeApi shim above our meta (a meta CSP governs what follows it).
  const scripts = await frame.evaluate(() => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
    return [...document.scripts].map((script) => ({ src: script.src, nonce: script.nonce, afterMeta: Boolean(meta.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING), host: script.textContent.includes('acquireVsCodeApi') }));
  });
  const ours = scripts.filter((script) => script.afterMeta);
  assert.ok(ours.length > 0 && ours.every((script) => script.nonce === nonce && script.src !== ''), `${label}: every script under the policy is a file with the nonce ${JSON.stringify(scripts)}`);
  assert.ok(scripts.every((script) => script.afterMeta || script.host), `${label}: only VS Code's own shim precedes the policy ${JSON.stringify(scripts)}`);

  // Every resource the page loaded (before our injections): stylesheets, font and script, all from the webview resource origin.
  const resources = await frame.evaluate(() => [
    ...performance.getEntriesByType('resource').map((entry) => entry.name),
    ...[...document.querySelectorAll('script[src], link[href], img[src]')].map((element) => element.src || element.href),
  ]);
  const allowed = policy.get('font-src') ?? [];
  assert.ok(resources.some((url) => /\/dist\/webview\/(run|playbook|report)\.js/.test(url)), `${label}: the page's bundle is among its resources`);
  for (const url of resources) {
    if (url.startsWith('data:')) continue;
    assert.ok(allowed.some((source) => matchesSource(url, source)), `${label}: ${url} comes from the webview resource origin (${allowed.join(' ')})`);
    assert.ok(/\/dist\/webview\/|\/media\//.test(decodeURIComponent(url)), `${label}: ${url} is one of the extension's page files`);
  }
  // Inject an inline script and an inline handler, as an attacker who got markup into the DOM would.
  const consoleBefore = cspConsole.length;
  const outcome = await frame.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__cspInlineRan = true;';
    document.body.appendChild(script);
    const button = document.createElement('button');
    button.setAttribute('onclick', 'window.__cspHandlerRan = true;');
    document.body.appendChild(button);
    button.click();
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.__cspHandlerRan = true;');
    image.src = 'https://example.invalid/x.png';
    document.body.appendChild(image);
    await new Promise((resolve) => setTimeout(resolve, 500));
    script.remove();
    button.remove();
    image.remove();
    return { inlineRan: window.__cspInlineRan === true, handlerRan: window.__cspHandlerRan === true, violations };
  });
  assert.equal(outcome.inlineRan, false, `${label}: the injected inline <script> did not run`);
  assert.equal(outcome.handlerRan, false, `${label}: the injected inline handlers did not run`);
  assert.ok(outcome.violations.some((d) => /^script-src(-elem)?$/.test(d)), `${label}: a violation for the inline script (${outcome.violations.join(', ')})`);
  assert.ok(outcome.violations.some((d) => /^script-src(-attr)?$/.test(d)), `${label}: a violation for the inline handler (${outcome.violations.join(', ')})`);
  assert.ok(outcome.violations.some((d) => /^img-src$/.test(d)), `${label}: the external image was refused (${outcome.violations.join(', ')})`);
  await waitUntil(() => cspConsole.length > consoleBefore, 5_000, `${label}: a CSP message in the console`);

  log(`${label}: CSP ${metas[0].replace(/nonce-[^']+/g, 'nonce-…')}; blocked ${outcome.violations.join(', ')}; ${resources.length} resources, all from ${allowed.join(' ')}`);
}

journey('csp', async ({ page, workspace, log, shot }) => {
  const cspConsole = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspConsole.push(message.text());
  });
  await clickActivityBar(page, 'Playbooks');
  await treeRow(page, 'Incident response').waitFor({ state: 'visible', timeout: 30_000 });

  const runId = runIds(workspace).find((id) => parse(readWorkspaceFile(workspace, `${runPath(id)}/run.yaml`) ?? '').status === 'in_progress');
  assert.ok(runId, 'a run in progress in the demo');
  const runName = parse(readWorkspaceFile(workspace, `${runPath(runId)}/run.yaml`)).name;
  await runCommand(page, 'Playbooks: Open Run');
  await pickQuickItem(page, runName);
  await waitForActiveEditor(page, `Run: ${runName}`);
  await checkPage(page, 'run', 'run editor', log, cspConsole);
  await shot('run');

  await runCommand(page, 'Playbooks: Open Playbook Form');
  await pickQuickItem(page, 'Incident response');
  await checkPage(page, 'playbook', 'playbook form', log, cspConsole);

  await runCommand(page, 'Playbooks: Show Metrics Report');
  await pickQuickItem(page, 'Incident response');
  await checkPage(page, 'report', 'metrics report', log, cspConsole);
});
