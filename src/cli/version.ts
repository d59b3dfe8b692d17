import * as fs from 'node:fs';
import * as path from 'node:path';

// scripts/build.mjs replaces this name with package.json's version (esbuild `define`). Unbundled
// sources (tests under tsx) have no such constant: they read the checkout's package.json.
declare const GIT_PLAYBOOKS_VERSION: string | undefined;

/** This package's version: `--version`, and the version `init --ci` pins in the CI files it writes. */
export const CLI_VERSION: string = typeof GIT_PLAYBOOKS_VERSION === 'string' ? GIT_PLAYBOOKS_VERSION : versionOfCheckout();

function versionOfCheckout(): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}
