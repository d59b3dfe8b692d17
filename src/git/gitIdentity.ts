import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stampOf } from '../core/index/fileStamp';
import { buildEnv, type GitEnv } from './gitRunner';

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The files git reads user.name and user.email from, for one repository: system, global (or
 * GIT_CONFIG_GLOBAL), XDG, the repository's config and its worktree's config.worktree. Files that
 * they include (include.path, includeIf) are not followed: a change there is seen when one of these
 * changes, or in a new window or process.
 */
export function identityConfigFiles(gitDir: string, extraEnv: GitEnv = {}): string[] {
  const commonDir = commonDirOf(gitDir);
  // The environment git itself runs with (buildEnv drops the caller's GIT_* variables).
  const gitEnv = buildEnv(extraEnv);
  const env = (key: string): string | undefined => gitEnv[key];
  const home = env('HOME') ?? os.homedir();
  const globalFiles = env('GIT_CONFIG_GLOBAL') !== undefined ? [env('GIT_CONFIG_GLOBAL') as string] : [path.join(home, '.gitconfig'), path.join(env('XDG_CONFIG_HOME') ?? path.join(home, '.config'), 'git', 'config')];
  const systemFiles = env('GIT_CONFIG_NOSYSTEM') !== undefined ? [] : [env('GIT_CONFIG_SYSTEM') ?? '/etc/gitconfig'];
  return [...systemFiles, ...globalFiles, path.join(commonDir, 'config'), path.join(gitDir, 'config.worktree')];
}

/** A linked worktree's git directory names the shared one (whose config it reads) in its "commondir" file. */
function commonDirOf(gitDir: string): string {
  try {
    return path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
  } catch {
    return gitDir;
  }
}

/** The stamps of the config files together (git rewrites its config by renaming a new file over it). */
function stampsOf(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        return stampOf(file) ?? '-';
      } catch {
        return '-'; // unreadable (EACCES): git cannot read it either
      }
    })
    .join('|');
}

/**
 * The identity read once and kept while the config files that hold it are unchanged: a few stat
 * calls instead of a git process for every write that names who acted.
 */
export class IdentityCache {
  private cached: { stamp: string; identity: Promise<GitIdentity | undefined> } | undefined;

  constructor(
    private readonly files: readonly string[],
    private readonly read: () => Promise<GitIdentity | undefined>,
  ) {}

  get(): Promise<GitIdentity | undefined> {
    const stamp = stampsOf(this.files);
    if (this.cached?.stamp === stamp) return this.cached.identity;
    const identity = this.read();
    this.cached = { stamp, identity };
    // A failed read is not kept: the next call asks git again.
    identity.catch(() => {
      if (this.cached?.identity === identity) this.cached = undefined;
    });
    return identity;
  }
}
