// `npm start`: the extension in a real VS Code (code-server) in your browser, on a demo repository.
//
//   npm start                          the demo repository (.cache/demo/checkout-service; kept between starts)
//   npm start -- --fresh               rebuild the demo repository first (its "now" becomes the current hour)
//   npm start -- --workspace PATH      your own repository instead (workspace trust applies to it)
//   npm start -- --port 8080           a fixed port (default: a free one)
//
// Builds and packages the extension, installs the tools once (code-server + Node 24, scripts/e2e-tools.sh,
// cached outside the clone), installs the .vsix into a profile of its own under .cache/demo, starts
// code-server on 127.0.0.1 and prints the URL. Ctrl-C stops code-server and everything it started.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = path.join(ROOT, '.cache/demo');
const VSIX = path.join(ROOT, 'dist/git-playbooks.vsix');
const step = (message) => process.stdout.write(`[start] ${message}\n`);

function parseArgs(argv) {
  const options = { workspace: undefined, fresh: false, port: 0 };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--workspace') options.workspace = argv[++i];
    else if (argv[i] === '--fresh') options.fresh = true;
    else if (argv[i] === '--port') options.port = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --workspace PATH, --fresh, --port N)`);
  }
  if (options.workspace !== undefined) {
    options.workspace = path.resolve(options.workspace);
    if (!fs.statSync(options.workspace, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--workspace ${options.workspace}: not a folder`);
  }
  if (!Number.isInteger(options.port) || options.port < 0) throw new Error('--port takes a number');
  return options;
}

/** A hash of everything that goes into the .vsix (the build rewrites files even when nothing changed). */
function packageInputsHash() {
  const hash = createHash('sha256');
  const add = (entry) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (stat?.isDirectory()) for (const name of fs.readdirSync(entry).sort()) add(path.join(entry, name));
    else if (stat && !entry.endsWith('.map')) hash.update(`${path.relative(ROOT, entry)}\0`).update(fs.readFileSync(entry));
  };
  for (const file of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'dist/extension.js', 'dist/webview', 'media', 'schemas', 'docs/format.md']) add(path.join(ROOT, file));
  return hash.digest('hex');
}

/** Builds, and packages only when the .vsix would differ: a second start skips vsce and the install. */
function buildAndPackage() {
  step('building');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const inputs = packageInputsHash();
  const stamp = path.join(CACHE, 'vsix.sha256');
  if (fs.existsSync(VSIX) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === inputs) return inputs;
  step('packaging dist/git-playbooks.vsix');
  execFileSync('npm', ['run', '-s', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(stamp, inputs);
  return inputs;
}

/** code-server and Node 24 (compiled once, ~2 min, cached in ~/.cache/git-playbooks-e2e-tools). */
function tools() {
  const output = execFileSync('bash', [path.join(ROOT, 'scripts/e2e-tools.sh')], { cwd: ROOT, env: { ...process.env, E2E_NO_BROWSER: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (key) => output.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1];
  const node24 = value('NODE24');
  const codeServer = value('CODE_SERVER');
  if (!node24 || !codeServer) throw new Error(`scripts/e2e-tools.sh did not print NODE24= and CODE_SERVER=:\n${output}`);
  return { node24, codeServer };
}

function demoRepository(fresh) {
  const repo = path.join(CACHE, 'checkout-service');
  if (fresh) fs.rmSync(repo, { recursive: true, force: true });
  if (fs.existsSync(path.join(repo, '.git'))) {
    step(`reusing the demo repository ${path.relative(ROOT, repo)} (npm start -- --fresh rebuilds it)`);
    return repo;
  }
  fs.rmSync(repo, { recursive: true, force: true });
  step('creating the demo repository (eight weeks of incidents and releases)');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/demoRepo.mjs'), repo], { cwd: ROOT, stdio: 'inherit' });
  return repo;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.autofetch': false,
};

/** A profile of the demo's own; the .vsix is reinstalled only when it changed. */
function profile(codeServerEnv, codeServer, vsixHash) {
  const dirs = { userData: path.join(CACHE, 'user-data'), extensions: path.join(CACHE, 'extensions'), home: path.join(CACHE, 'home'), tmp: path.join(CACHE, 'tmp') };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const settings = path.join(dirs.userData, 'User/settings.json');
  if (!fs.existsSync(settings)) {
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, `${JSON.stringify(SETTINGS, null, 2)}\n`);
  }
  const stamp = path.join(CACHE, 'installed-vsix.sha256');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== vsixHash) {
    step('installing the extension into the demo profile');
    execFileSync(codeServer, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', VSIX, '--force'], { env: codeServerEnv(dirs), stdio: 'ignore' });
    fs.writeFileSync(stamp, vsixHash);
  }
  return dirs;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, 'node_modules'))) throw new Error('run `npm install` first');
  const vsixHash = buildAndPackage();
  const { node24, codeServer } = tools();
  const workspace = options.workspace ?? demoRepository(options.fresh);
  const codeServerEnv = (dirs) => ({ ...process.env, PATH: `${node24}/bin:${process.env.PATH}`, HOME: dirs.home, TMPDIR: dirs.tmp });
  const dirs = profile(codeServerEnv, codeServer, vsixHash);

  const log = path.join(CACHE, 'code-server.log');
  const args = ['--bind-addr', `127.0.0.1:${options.port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  // The demo repository is ours, so it is trusted; your own folder gets VS Code's usual trust prompt.
  if (!options.workspace) args.push('--disable-workspace-trust');
  const logFd = fs.openSync(log, 'w');
  // Its own process group: code-server's helpers (file watcher, extension host) outlive a killed parent.
  const server = spawn(codeServer, args, { env: codeServerEnv(dirs), detached: true, stdio: ['ignore', logFd, logFd] });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    step(`stopping code-server (${signal})`);
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    setTimeout(() => {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      process.exit(0);
    }, 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  server.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`code-server exited (${signal ?? code}); see ${path.relative(process.cwd(), log)}\n`);
    try {
      process.kill(-server.pid, 'SIGTERM'); // its helpers, if any are left
    } catch {
      // none left
    }
    process.exit(stopping ? 0 : 1);
  });

  const deadline = Date.now() + 30_000;
  let url;
  while (!url) {
    if (Date.now() > deadline) {
      stop('no start-up');
      throw new Error(`code-server did not start in 30 s:\n${fs.readFileSync(log, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    url = fs.readFileSync(log, 'utf8').match(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  }
  process.stdout.write(`\nGit Playbooks in VS Code (code-server), on ${options.workspace ? 'your repository' : 'the demo repository'}:\n\n  ${url}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, "/")}\n\nOpen it in a browser; the Playbooks icon is in the activity bar. Ctrl-C stops the server (log: ${path.relative(process.cwd(), log)}).\n`);
}

main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
