// `npm start`: builds, then shows how to use the CLI on a scratch repository.
// The in-browser VS Code demo of the extension is tracked in issue #4 and will replace this.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const bin = path.join(root, 'bin/git-playbooks.js');
process.stdout.write(`
Built ${path.relative(process.cwd(), path.join(root, 'dist/cli.js')) || 'dist/cli.js'}.

The VS Code extension and its in-browser demo are not built yet (issue #4); the CLI is ready:

  node ${bin} --help
  npm link            # then: git-playbooks --help   or   git playbooks --help

Follow the five-minute walkthrough in README.md.
`);
