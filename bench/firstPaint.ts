/**
 * "Run editor with 10,000 events: command → first paint ≤ 300 ms". The real run.js bundle and CSS
 * are loaded into headless Chromium behind the same CSP shell as src/webviews/webviewHtml.ts, with
 * acquireVsCodeApi stubbed. Once the page says `ready`, the host's own buildRunViewState builds the
 * state from the files (a fresh repository, nothing cached: the first open), it is serialized, and the
 * page parses it and renders; the figure is host build + serialization + the page's time from the
 * message to the first frame painted with the rows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { Layout } from '../src/core/repository/layout';
import { PlaybooksRepository } from '../src/core/repository/playbooksRepository';
import type { HostMessage, RunViewState } from '../src/shared/protocol';
import { pageShellHtml } from '../src/webviews/pageShell';
import { TimelineCache } from '../src/webviews/runTimelineView';
import { buildRunViewState } from '../src/webviews/runViewModel';
import { syntheticRepo } from './generate';
import { floor, median, time } from './measure';

export interface FirstPaintResult {
  /** The figure: the largest of the scenario medians below. */
  ms: number;
  rowsRendered: number;
  totalEvents: number;
  note: string;
}

const SAMPLES = 7;
const MAIN = path.resolve(__dirname, '..');
const ASSETS = path.join(MAIN, 'dist', 'webview');
// A name that never resolves: every request is answered by page.route, nothing touches the network.
const ORIGIN = 'http://firstpaint.bench';
// Same browser and flags as the e2e tier (e2e/lib/browser.mjs).
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Longest wait for the page to show what is timed. */
const WAIT_MS = 15_000;
const TIMELINE_ROW = 'pb-run-timeline li.event';
const OVERVIEW_READY = 'pb-run-overview pb-run-status-updates h2';

/** VS Code injects its theme as CSS variables and a default body style; a few of Dark Modern's, so text lays out as it would there. */
const THEME = `html { --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px; --vscode-font-weight: normal;
  --vscode-editor-font-family: "Droid Sans Mono", monospace; --vscode-editor-background: #1f1f1f; --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d;
  --vscode-focusBorder: #0078d4; --vscode-textLink-foreground: #4daafc; --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; }
body { background-color: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/**
 * Runs in the page before run.js: stands in for VS Code's webview API. `deliver` posts the state
 * the way the host does (a `message` event on window) and resolves with the ms until `selector`
 * exists and one frame has been rendered with it: rAF runs before that frame's style/layout/paint,
 * so the time is read in the task right after it.
 */
function harnessScript(draft: object | null): string {
  return `(() => {
  let saved = ${JSON.stringify(draft)};
  let readyResolve;
  const ready = new Promise((resolve) => (readyResolve = resolve));
  window.acquireVsCodeApi = () => ({
    postMessage(message) { if (message && message.type === 'ready') readyResolve(); },
    getState() { return saved; },
    setState(state) { saved = state; },
  });
  const painted = (selector, t0) => new Promise((resolve, reject) => {
    // A page that never shows the rows (an error state) must fail the bench, not hang it.
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(selector + ' never appeared: ' + document.body.innerText.slice(0, 300))); }, ${WAIT_MS});
    const check = () => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(null);
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true });
    check();
  });
  window.__bench = {
    ready,
    // The message arrives as the host serialized it: parsing it is part of the time.
    deliver(selector, json) {
      const t0 = performance.now();
      window.postMessage(JSON.parse(json), '*');
      return painted(selector, t0);
    },
    switchTab(label, selector) {
      const t0 = performance.now();
      document.querySelector('vscode-tab-header[data-tab="' + label + '"]').click();
      return painted(selector, t0);
    },
    rows: () => document.querySelectorAll('${TIMELINE_ROW}').length,
  };
})();`;
}

/** The extension's own page shell (CSP with a nonce, codicon.css, page.css, run.js), served from ORIGIN, plus the harness. */
function shellHtml(draft: object | null): string {
  return pageShellHtml({
    cspSource: ORIGIN,
    asset: (file) => `${ORIGIN}/${file}`,
    page: 'run',
    title: 'Run',
    head: (nonce) => `<style nonce="${nonce}">${THEME}</style>\n<script nonce="${nonce}">${harnessScript(draft)}</script>\n`,
  });
}

async function serve(route: Route, draft: object | null): Promise<void> {
  const url = new URL(route.request().url());
  if (url.pathname === '/' || url.pathname === '/run.html') {
    await route.fulfill({ status: 200, contentType: 'text/html', body: shellHtml(draft) });
    return;
  }
  const file = path.join(ASSETS, path.basename(url.pathname));
  if (!fs.existsSync(file)) {
    await route.fulfill({ status: 404, body: '' });
    return;
  }
  await route.fulfill({ status: 200, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
}

/** The host's part of a first open: the state built from the files, then serialized. */
interface HostBuild {
  json: string;
  ms: number;
}

interface Sample {
  /** Host build + serialization + state delivered → first tab painted. */
  firstMs: number;
  hostMs: number;
  bytes: number;
  /** Page loaded (run.js run) → `ready`: in VS Code this overlaps the host's first build, so it is not added. */
  loadMs: number;
  /** Overview → Timeline tab clicked → rows painted (only when the page opens on Overview). */
  switchMs: number | null;
  rows: number;
}

/** One fresh page (own context: no draft, no cache): load, handshake, deliver the state, time it. */
async function sample(browser: Browser, build: () => HostBuild, draft: object | null, screenshot?: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    context.setDefaultTimeout(WAIT_MS);
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await context.route(`${ORIGIN}/**`, (route) => serve(route, draft));
    const loadStart = process.hrtime.bigint();
    await page.goto(`${ORIGIN}/run.html`);
    await page.evaluate('window.__bench.ready');
    const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
    const onTimeline = draft !== null;
    // The host answers `ready` (the page is loaded meanwhile in VS Code: the panel's HTML is set first).
    const host = build();
    const pageMs = Number(await page.evaluate(`window.__bench.deliver(${JSON.stringify(onTimeline ? TIMELINE_ROW : OVERVIEW_READY)}, ${JSON.stringify(host.json)})`));
    const firstMs = host.ms + pageMs;
    const switchMs = onTimeline ? null : Number(await page.evaluate(`window.__bench.switchTab('Timeline', ${JSON.stringify(TIMELINE_ROW)})`));
    const rows = Number(await page.evaluate('window.__bench.rows()'));
    if (screenshot) await page.screenshot({ path: screenshot });
    if (errors.length > 0) throw new Error(`run editor page errors: ${errors.join(' | ')}`);
    return { firstMs, hostMs: host.ms, bytes: host.json.length, loadMs, switchMs, rows };
  } finally {
    await context.close();
  }
}

const list = (values: number[]): string => values.map((value) => value.toFixed(0)).join('/');

/**
 * Median of 7 fresh page loads for each of: the default tab (Overview) after the state arrives, the
 * Timeline tab after clicking it, and a page reopened on the Timeline tab (its saved draft says so).
 * Needs `npm run build` (dist/webview) and Chromium.
 */
export async function measureRunEditorFirstPaint(repoRoot: string, runId: string, screenshot?: string): Promise<FirstPaintResult> {
  if (!fs.existsSync(path.join(ASSETS, 'run.js'))) throw new Error(`${ASSETS}/run.js is missing: run npm run build first`);
  // What the run editor does on its first open: a repository and a timeline cache of its own, then the state, then the message.
  const firstOpen = (cache = new TimelineCache(1)): HostBuild => {
    const start = process.hrtime.bigint();
    const state = buildRunViewState(new PlaybooksRepository(new Layout(repoRoot)), runId, { readOnly: false, cache });
    const message: HostMessage = { type: 'state', state };
    const json = JSON.stringify(message);
    checked(state);
    return { json, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  };
  let total = 0;
  // Timing an error page would measure nothing: the run must load cleanly.
  const checked = (state: RunViewState): void => {
    const errors = state.problems.filter((problem) => problem.severity === 'error');
    total = state.timeline.total;
    if (errors.length > 0 || state.timeline.events.length === 0) throw new Error(`run ${runId} has ${state.timeline.total} events and ${errors.length} errors: ${errors.slice(0, 3).map((problem) => `${problem.file}:${problem.line} ${problem.message}`).join('; ')}`);
  };
  // Again with the timeline cached (a state sent after a change, or a page asked for).
  const cache = new TimelineCache(1);
  firstOpen(cache);
  const again = median(Array.from({ length: SAMPLES }, () => firstOpen(cache).ms));
  // What bounds a first open: reading and js-yaml-parsing the timeline file, nothing else.
  const timelineFile = new Layout(repoRoot).timelineFile(runId);
  const parseFloor = median(Array.from({ length: SAMPLES }, () => time(() => floor([timelineFile]))));

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    // One unmeasured load first: Chromium's own first-launch work is not the page's.
    await sample(browser, firstOpen, null);
    const opened: Sample[] = [];
    const reopened: Sample[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      opened.push(await sample(browser, firstOpen, null, i === 0 ? screenshot : undefined));
      reopened.push(await sample(browser, firstOpen, { tab: 2 }));
    }
    const host = median([...opened, ...reopened].map((s) => s.hostMs));
    const bytes = opened[0]?.bytes ?? 0;
    const overview = median(opened.map((s) => s.firstMs));
    const switched = median(opened.map((s) => s.switchMs ?? Number.NaN));
    const direct = median(reopened.map((s) => s.firstMs));
    const rows = Math.min(...opened.map((s) => s.rows), ...reopened.map((s) => s.rows));
    return {
      ms: Math.max(overview, switched, direct),
      rowsRendered: rows,
      totalEvents: total,
      note:
        `command -> paint on Overview ${overview.toFixed(0)} ms (${list(opened.map((s) => s.firstMs))}), ` +
        `reopened on Timeline ${direct.toFixed(0)} ms (${list(reopened.map((s) => s.firstMs))}); ` +
        `Timeline tab clicked -> rows ${switched.toFixed(0)} ms (${list(opened.map((s) => s.switchMs ?? Number.NaN))}); ` +
        `of which host build + serialization ${host.toFixed(0)} ms (${list([...opened, ...reopened].map((s) => s.hostMs))}; floor: read + js-yaml of the timeline ${parseFloor.toFixed(0)} ms; timeline cached: ${again.toFixed(1)} ms), ` +
        `message ${(bytes / 1024).toFixed(0)} KB; page load to ready ${median(opened.map((s) => s.loadMs)).toFixed(0)} ms (overlaps the host build in VS Code, not added)`,
    };
  } finally {
    await browser.close();
  }
}

// `node --import tsx bench/firstPaint.ts`: measures the big synthetic run on its own.
if (require.main === module) {
  void (async () => {
    const repo = syntheticRepo(Number(process.env.BENCH_RUNS ?? 20_000));
    const result = await measureRunEditorFirstPaint(repo.root, repo.runIds[0] ?? '', process.env.FIRSTPAINT_SCREENSHOT ?? '/tmp/firstpaint.png');
    console.log(JSON.stringify(result, null, 2));
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
