import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { tempDir } from '../../helpers/tempRepo';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * A writer killed with SIGKILL at a random moment, many times: the file must always hold either
 * the old content or the new one, never a mix or a truncation.
 */
describe('crash safety of writes', function () {
  this.timeout(120_000);

  it('leaves the old or the new file after SIGKILL at random moments', async () => {
    const dir = tempDir('gp-crash-');
    const file = path.join(dir, 'run.yaml');
    const versions = ['A', 'B'].map((letter) => `owner: ${letter}\n${`# ${letter.repeat(200)}\n`.repeat(2000)}`);
    fs.writeFileSync(file, versions[0] as string);
    const sources = tempDir('gp-crash-src-');
    versions.forEach((version, index) => fs.writeFileSync(path.join(sources, `v${index}`), version));
    // The child alternates between the two versions with our atomic writer, as fast as it can.
    const script = `
      require('tsx/cjs');
      const fs = require('node:fs');
      const { writeFileAtomic } = require(${JSON.stringify(path.join(ROOT, 'src/core/files/atomicWrite.ts'))});
      const versions = [0, 1].map((n) => fs.readFileSync(${JSON.stringify(sources)} + '/v' + n, 'utf8'));
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(file)}, versions[i % 2]);
    `;
    const iterations = 25;
    for (let iteration = 0; iteration < iterations; iteration += 1) {
      const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const content = fs.readFileSync(file, 'utf8');
      assert.ok(versions.includes(content), `iteration ${iteration}: the file holds ${content.length} bytes that are neither version`);
    }
    // Temporary files of killed writers may stay behind, but never under the real name.
    assert.ok(fs.readdirSync(dir).every((name) => name === 'run.yaml' || /^\.run\.yaml\.[0-9a-f]+\.tmp$/.test(name)));
  });
});
