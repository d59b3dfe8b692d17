// Bundles the CLI (and, later, the extension and webviews) with esbuild. Type checking is `npm run typecheck`:
// esbuild strips types without checking them.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

await build({
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
});
