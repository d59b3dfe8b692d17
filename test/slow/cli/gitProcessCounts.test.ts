import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cliOk, type CliResult } from '../../helpers/cli';
import { homeWithIdentity } from '../../helpers/builtCli';
import { git, tempDir, tempGitRepo, writeFile } from '../../helpers/tempRepo';
import { SAMPLE_PLAYBOOK } from '../../helpers/samplePlaybook';
import { PlaybooksRepository } from '../../../src/core/repository/playbooksRepository';

/**
 * How many git processes a command starts, and how often a publish parses each file: a `git` first on
 * PATH logs every call (simple-git looks git up on the PATH of the environment it is given).
 */
const spyDir = tempDir('gp-git-spy-');
const spyLog = path.join(spyDir, 'calls.log');
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
fs.writeFileSync(path.join(spyDir, 'git'), `#!/bin/sh\nprintf '%s\\n' "$1 $2" >>"${spyLog}"\nexec "${realGit}" "$@"\n`, { mode: 0o755 });

const PARSERS = ['parseRun', 'parsePlaybook', 'parseRetrospective', 'parseTimeline'] as const;
type Parser = (typeof PARSERS)[number];

/** Runs the CLI in-process with the spy on PATH; returns the git calls and the parses of each kind. */
async function counted(root: string, args: string[], env: Record<string, string>): Promise<{ result: CliResult; calls: string[]; parses: Record<Parser, number> }> {
  fs.writeFileSync(spyLog, '');
  const parses = { parseRun: 0, parsePlaybook: 0, parseRetrospective: 0, parseTimeline: 0 };
  const originals = PARSERS.map((name) => [name, PlaybooksRepository.prototype[name]] as const);
  const prototype = PlaybooksRepository.prototype as unknown as Record<Parser, (...args: unknown[]) => unknown>;
  for (const [name, original] of originals) {
    prototype[name] = function (this: PlaybooksRepository, ...rest: unknown[]) {
      parses[name] += 1;
      return (original as (...args: unknown[]) => unknown).apply(this, rest);
    };
  }
  const savedPath = process.env['PATH'];
  process.env['PATH'] = `${spyDir}${path.delimiter}${savedPath ?? ''}`;
  try {
    const result = await cliOk(root, args, env);
    return { result, calls: fs.readFileSync(spyLog, 'utf8').split('\n').filter((line) => line !== ''), parses };
  } finally {
    process.env['PATH'] = savedPath;
    for (const [name, original] of originals) prototype[name] = original as (...args: unknown[]) => unknown;
  }
}

async function finishedRun(root: string, env: Record<string, string>, name: string): Promise<string> {
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', name], env)).last;
  await cliOk(root, ['run', 'finish', runId], env);
  for (const [metric, value] of [['time-to-mitigate', '45m'], ['tickets', '3'], ['credits', '10']] as const) await cliOk(root, ['retro', 'metric', runId, metric, value], env);
  return runId;
}

describe('git processes and parses per command (pinned)', function () {
  this.timeout(60_000);
  let root: string;
  let env: Record<string, string>;

  before(async () => {
    root = tempGitRepo();
    env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
    await cliOk(root, ['init'], env);
    writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'playbook']);
  });

  it('run note: 2 git processes (find the repository, read the identity once)', async () => {
    const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'Note counts'], env)).last;
    const { calls } = await counted(root, ['run', 'note', runId, '--summary', 'Looking at the replica'], env);
    assert.ok(calls.length <= 2, `run note started ${calls.length} git processes:\n${calls.join('\n')}`);
    assert.equal(calls.filter((call) => call.startsWith('config ')).length, 1, calls.join('\n'));
  });

  it('retro publish: at most 6 git processes, the identity read once, each file parsed once', async () => {
    const runId = await finishedRun(root, env, 'Publish counts');
    const { calls, parses } = await counted(root, ['retro', 'publish', runId], env);
    assert.ok(calls.length <= 6, `retro publish started ${calls.length} git processes:\n${calls.join('\n')}`);
    assert.equal(calls.filter((call) => call.startsWith('config ')).length, 1, calls.join('\n'));
    assert.deepEqual(parses, { parseRun: 1, parsePlaybook: 1, parseRetrospective: 1, parseTimeline: 1 });
    assert.match(git(root, ['log', '-1', '--format=%B']), new RegExp(`Playbook-Run: ${runId}`));
  });

  it('retro publish --push: at most 26 git processes, the identity read once, each file parsed once', async () => {
    const remote = tempDir('gp-remote-');
    git(remote, ['init', '-q', '--bare']);
    git(root, ['remote', 'add', 'origin', remote]);
    git(root, ['push', '-q', 'origin', 'main']);
    const runId = await finishedRun(root, env, 'Push counts');
    const { calls, parses, result } = await counted(root, ['retro', 'publish', runId, '--push'], env);
    assert.ok(calls.length <= 26, `retro publish --push started ${calls.length} git processes:\n${calls.join('\n')}`);
    assert.equal(calls.filter((call) => call.startsWith('config ')).length, 1, calls.join('\n'));
    assert.deepEqual(parses, { parseRun: 1, parsePlaybook: 1, parseRetrospective: 1, parseTimeline: 1 });
    assert.match(result.stderr, new RegExp(`pushed retro/${runId} to origin`));
  });
});
