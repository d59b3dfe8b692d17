// Bundles with esbuild: the CLI and the extension (Node, CommonJS), the webview pages (browser, ESM) and
// the in-host integration tests. Type checking is `npm run typecheck`: esbuild strips types unchecked.
import { build } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };
const filesIn = (dir, pattern) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).filter((name) => pattern.test(name)).map((name) => `${dir}/${name}`) : []);

// js-yaml's ESM build parses our files 3x slower than its CommonJS build under Node 20 (measured:
// 1.2 s vs 0.4 s for 5,000 run files); esbuild would pick the ESM one for our `import`s.
const requireFrom = createRequire(path.join(root, 'package.json'));
const commonJsYaml = { name: 'js-yaml-commonjs', setup: (plugin) => plugin.onResolve({ filter: /^js-yaml$/ }, () => ({ path: requireFrom.resolve('js-yaml') })) };
// `--version` and the version `init --ci` pins in the workflows it writes: the package's own, fixed at build time.
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [commonJsYaml], define: { GIT_PLAYBOOKS_VERSION: JSON.stringify(version) } };
const jobs = [
  build({ ...node, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist' }),
  // The merge driver the extension registers in .git/config (the .vsix ships no CLI).
  build({ ...node, entryPoints: { 'merge-driver': 'src/cli/mergeDriverEntry.ts' }, outdir: 'dist' }),
  build({ ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' }),
];

const pages = filesIn('webview/src/pages', /\.ts$/);
if (pages.length > 0) {
  jobs.push(build({ ...common, entryPoints: pages, outdir: 'dist/webview', platform: 'browser', format: 'esm', target: 'es2022', entryNames: '[name]', tsconfig: 'tsconfig.webview.json' }));
}

const integration = filesIn('test/integration', /\.ts$/);
if (integration.length > 0) {
  jobs.push(build({ ...node, entryPoints: integration, outdir: 'out/test/integration', external: ['vscode', 'mocha'], sourcemap: true }));
}
// Tiers run in their own window (an untrusted workspace, a multi-root one): their suites beside a copy of the index.
for (const tier of ['integration-untrusted', 'integration-multiroot']) {
  const suites = filesIn(`test/${tier}`, /\.ts$/);
  if (suites.length === 0) continue;
  const entryPoints = Object.fromEntries([['index', 'test/integration/index.ts'], ...suites.map((file) => [path.basename(file, '.ts'), file])]);
  jobs.push(build({ ...node, entryPoints, outdir: `out/test/${tier}`, external: ['vscode', 'mocha'], sourcemap: true }));
}
await Promise.all(jobs);

// Static page assets: our stylesheet and the codicon font (used by VS Code Elements icons).
fs.mkdirSync(path.join(root, 'dist/webview'), { recursive: true });
const copies = [
  ['webview/page.css', 'dist/webview/page.css'],
  ['node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css'],
  ['node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf'],
];
for (const [from, to] of copies) if (fs.existsSync(path.join(root, from))) fs.copyFileSync(path.join(root, from), path.join(root, to));
