import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { tempDir } from './tempRepo';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Builds the real bundle once per test process and returns a folder holding a `git-playbooks`
 * executable, to put on PATH as a user's install would.
 */
let binDir: string | undefined;
export function installedCliDir(): string {
  if (binDir) return binDir;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  binDir = tempDir('gp-bin-');
  fs.symlinkSync(path.join(ROOT, 'bin/git-playbooks.js'), path.join(binDir, 'git-playbooks'));
  return binDir;
}

/** A HOME with a git identity, so tests never depend on the machine's git configuration. */
export function homeWithIdentity(name = 'Alice Example', email = 'alice@example.com'): string {
  const home = tempDir('gp-home-');
  fs.writeFileSync(path.join(home, '.gitconfig'), `[user]\n\tname = ${name}\n\temail = ${email}\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n`);
  return home;
}
