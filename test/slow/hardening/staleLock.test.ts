import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cli, cliOk } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { runPath } from '../../helpers/runPaths';

const ROOT = path.resolve(__dirname, '../../..');

async function repoWithRun(): Promise<{ root: string; runId: string; lock: string; env: Record<string, string> }> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity() };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Locked', '--as', 'alice'], env)).last;
  return { root, runId, lock: path.join(root, runPath(runId, '.lock')), env };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? assert.fail('no pid');
}

/** A real process holding the run lock (through the core, as the CLI and the extension take it), until killed. */
async function processHoldingLock(root: string, runId: string): Promise<number> {
  const script = `
    const { withRunLock } = require('./src/core/runs/runLock');
    const { Layout } = require('./src/core/repository/layout');
    withRunLock(new Layout(${JSON.stringify(root)}), ${JSON.stringify(runId)}, () => {
      process.stdout.write('held\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600000);
    });`;
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => (data.toString().includes('held') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child.pid ?? assert.fail('no pid');
}

describe('a run lock left by a process that died', function () {
  this.timeout(60_000);

  it('is taken over at once after kill -9 of the process that held it', async () => {
    const { root, runId, lock, env } = await repoWithRun();
    const pid = await processHoldingLock(root, runId);
    assert.match(fs.readFileSync(lock, 'utf8'), new RegExp(`^${pid} ${os.hostname()} `));
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await cliOk(root, ['run', 'note', runId, '--summary', 'after the crash', '--as', 'bob'], env);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.ok(!fs.existsSync(lock));
  });

  it('is taken over at once when the lock file names a pid that is gone', async () => {
    const { root, runId, lock, env } = await repoWithRun();
    fs.writeFileSync(lock, `${deadPid()} ${os.hostname()} 0badc0de\n`);
    const started = Date.now();
    await cliOk(root, ['run', 'update', runId, '--message', 'still here', '--as', 'bob'], env);
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.ok(!fs.existsSync(lock));
  });

  it('is respected while its process runs, then refused in one line', async () => {
    const { root, runId, lock, env } = await repoWithRun();
    fs.writeFileSync(lock, `${process.pid} ${os.hostname()} 0badc0de\n`);
    const result = await cli(root, ['run', 'note', runId, '--summary', 'blocked', '--as', 'bob'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `error: another git-playbooks process is changing this run (${runPath(runId)}/.lock); try again, or delete that file if no other process is running`);
    assert.equal(fs.readFileSync(lock, 'utf8'), `${process.pid} ${os.hostname()} 0badc0de\n`);
  });
});
