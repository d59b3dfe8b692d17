import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { installedCliDir } from '../../helpers/builtCli';
import { cliOk } from '../../helpers/cli';
import { teamWithRun, type Clone } from '../../helpers/syncClones';
import { readFile } from '../../helpers/tempRepo';
import { runPath } from '../../helpers/runPaths';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `git-playbooks sync` as a separate process, as five people would run it at the same moment. */
function syncProcess(clone: Clone): Promise<Exit> {
  const env = { ...process.env, ...clone.env, GIT_CONFIG_NOSYSTEM: '1', PATH: `${installedCliDir()}${path.delimiter}${process.env['PATH'] ?? ''}` };
  return new Promise((resolve, reject) => {
    const child = spawn('git-playbooks', ['sync'], { cwd: clone.root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sync races', function () {
  this.timeout(180_000);

  it('five clones syncing at the same moment all succeed, and then every clone has every note once', async () => {
    installedCliDir(); // build first, so that the five processes start together
    const { runId, first, clone } = await teamWithRun();
    const clones = [first, ...['Bob', 'Carol', 'Dave', 'Erin'].map(clone)];
    for (const [i, each] of clones.entries()) {
      await cliOk(each.root, ['run', 'note', runId, '--summary', `note ${i + 1}`], { ...each.env, GIT_PLAYBOOKS_NOW: `2026-11-30T10:0${i}:00Z` });
    }

    const exits = await Promise.all(clones.map(syncProcess));

    for (const [i, exit] of exits.entries()) assert.equal(exit.code, 0, `clone ${i + 1}: ${exit.stderr}${exit.stdout}`);
    assert.equal(exits.filter((exit) => /^pushed to origin\/main$/m.test(exit.stdout)).length, 5, 'each pushed its note');
    // One more round brings everyone what was pushed after their own push.
    for (const each of clones) await cliOk(each.root, ['sync'], each.env);
    for (const [i, each] of clones.entries()) {
      const timeline = readFile(each.root, `${runPath(runId)}/timeline.yaml`);
      for (let n = 1; n <= 5; n += 1) {
        assert.equal(timeline.split(`summary: "note ${n}"`).length - 1, 1, `clone ${i + 1} has note ${n} once`);
      }
      assert.equal(each.git(['status', '--porcelain']), '', `clone ${i + 1} is clean`);
    }
  });
});
