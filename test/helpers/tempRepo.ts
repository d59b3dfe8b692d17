import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const created: string[] = [];
// Every folder made here goes when the test process ends (tests need not clean up after themselves).
process.on('exit', () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'gp-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Environment that isolates git from the machine's global and system configuration. */
export function isolatedGitEnv(home: string): Record<string, string> {
  return { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1' };
}

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A git repository with an identity, on branch main. */
export function tempGitRepo(name = 'Alice Example', email = 'alice@example.com'): string {
  const dir = tempDir('gp-repo-');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', name]);
  git(dir, ['config', 'user.email', email]);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

export function writeFile(root: string, relative: string, content: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export function readFile(root: string, relative: string): string {
  return fs.readFileSync(path.join(root, relative), 'utf8');
}
