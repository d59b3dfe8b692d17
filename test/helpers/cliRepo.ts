import { cliOk } from './cli';
import { homeWithIdentity } from './builtCli';
import { SAMPLE_PLAYBOOK } from './samplePlaybook';
import { tempGitRepo, writeFile } from './tempRepo';

export interface RepoWithRun {
  root: string;
  runId: string;
  /** HOME with a git identity and the clock pinned to the run's start. */
  env: Record<string, string>;
}

/** A git repository with the sample playbook `db-incident` and one run of it, owned by alice. */
export async function repoWithRun(startedAt = '2026-11-24T10:00:00Z'): Promise<RepoWithRun> {
  const root = tempGitRepo();
  const env = { HOME: homeWithIdentity(), GIT_PLAYBOOKS_NOW: startedAt };
  await cliOk(root, ['init'], env);
  writeFile(root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  const runId = (await cliOk(root, ['run', 'start', 'db-incident', '--name', 'DB down, again', '--owner', 'alice', '--as', 'alice'], env)).last;
  return { root, runId, env };
}

/** The environment with the clock pinned at `now`. */
export function at(env: Record<string, string>, now: string): Record<string, string> {
  return { ...env, GIT_PLAYBOOKS_NOW: now };
}
