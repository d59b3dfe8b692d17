import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliOk, type CliResult } from './cli';
import { homeWithIdentity } from './builtCli';
import { tempGitRepo, writeFile } from './tempRepo';
import { SAMPLE_PLAYBOOK } from './samplePlaybook';
import { runPath } from './runPaths';

/** A git repository with the sample playbook and one run of it started by alice (clock pinned). */
export async function repoWithRun(): Promise<{ root: string; runId: string; env: Record<string, string> }> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: '2026-11-24T10:00:00Z' };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down', '--as', 'alice'], env)).last;
  return { root, runId, env };
}

/** Every file of a run with its text, to compare before and after a refusal. */
export function runFiles(root: string, runId: string): string {
  const dir = path.join(root, runPath(runId));
  return fs.readdirSync(dir).sort().map((name) => `${name}\n${fs.readFileSync(path.join(dir, name), 'utf8')}`).join('\n');
}

/** A refusal as a person sees it: exit code 1 and one line saying why. */
export function assertRefused(result: CliResult, message: RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, message);
  assert.equal(result.stderr.split('\n').length, 1, `one line expected:\n${result.stderr}`);
}
