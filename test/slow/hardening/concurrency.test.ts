import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';
import { homeWithIdentity, installedCliDir } from '../../helpers/builtCli';
import { cliOk } from '../../helpers/cli';
import { tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';

function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(installedCliDir(), 'git-playbooks'), args, { cwd, env, stdio: 'ignore' });
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

describe('two CLI processes on one run', function () {
  this.timeout(120_000);

  it('never lose an event or a field change', async () => {
    const root = tempGitRepo();
    const env = { ...process.env, HOME: homeWithIdentity() };
    await cliOk(root, ['init']);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Race'], { HOME: env.HOME })).last;
    const perProcess = 15;
    const writer = async (who: string): Promise<number[]> => {
      const codes: number[] = [];
      for (let i = 0; i < perProcess; i += 1) {
        codes.push(await runCli(root, ['run', 'note', runId, '--summary', `${who} ${i}`, '--as', who], env));
        if (i % 5 === 0) codes.push(await runCli(root, ['run', 'participants', runId, '--add', `${who}-${i}`, '--as', who], env));
      }
      return codes;
    };
    const results = await Promise.all([writer('alice'), writer('bob')]);
    assert.ok(results.flat().every((code) => code === 0), `exit codes ${results.flat().join(',')}`);
    const repo = PlaybooksRepository.at(root);
    const notes = repo.requireTimeline(runId).events.filter((event) => event.type === 'note').map((event) => event.summary);
    assert.equal(notes.length, 2 * perProcess);
    for (const who of ['alice', 'bob']) for (let i = 0; i < perProcess; i += 1) assert.ok(notes.includes(`${who} ${i}`), `${who} ${i} lost`);
    const participants = repo.requireRun(runId).participants;
    for (const who of ['alice', 'bob']) for (const i of [0, 5, 10]) assert.ok(participants.includes(`${who}-${i}`), `${who}-${i} lost`);
  });
});
