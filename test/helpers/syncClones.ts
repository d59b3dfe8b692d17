import * as path from 'node:path';
import { cliOk } from './cli';
import { homeWithIdentity } from './builtCli';
import { SAMPLE_PLAYBOOK } from './samplePlaybook';
import { git, tempDir, writeFile } from './tempRepo';

export interface Team {
  remote: string;
  runId: string;
  /** The first clone: it made the playbook and the run and pushed them. */
  first: Clone;
  /** Another clone, as a second person would have it. */
  clone: (name: string) => Clone;
}

export interface Clone {
  root: string;
  /** HOME with this person's git identity. */
  env: Record<string, string>;
  git: (args: string[]) => string;
}

function cloneOf(remote: string, name: string): Clone {
  const home = homeWithIdentity(name, `${name.toLowerCase()}@example.com`);
  const env = { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig') };
  const root = path.join(tempDir('gp-clone-'), name.toLowerCase());
  git(path.dirname(root), ['clone', '-q', remote, root], env);
  return { root, env, git: (args) => git(root, args, env) };
}

/**
 * A bare remote holding a playbook, an unrelated source file and one run started by Alice; Alice's
 * clone has pushed it all (with an upstream). More clones come from `clone(name)`.
 */
export async function teamWithRun(): Promise<Team> {
  const remote = path.join(tempDir('gp-remote-'), 'remote.git');
  git(path.dirname(remote), ['init', '-q', '--bare', '-b', 'main', remote]);
  const first = cloneOf(remote, 'Alice');
  await cliOk(first.root, ['init'], first.env);
  writeFile(first.root, 'playbooks/db-incident.yaml', SAMPLE_PLAYBOOK);
  writeFile(first.root, 'src/app.ts', 'export const answer = 42;\n');
  first.git(['add', '-A']);
  first.git(['commit', '-q', '-m', 'playbook and code']);
  const runId = (await cliOk(first.root, ['run', 'start', 'db-incident', '--name', 'DB down', '--owner', 'Alice'], { ...first.env, GIT_PLAYBOOKS_NOW: '2026-11-30T10:00:00Z' })).last;
  first.git(['add', '-A']);
  first.git(['commit', '-q', '-m', 'start the run']);
  first.git(['push', '-q', '-u', 'origin', 'main']);
  return { remote, runId, first, clone: (name) => cloneOf(remote, name) };
}
