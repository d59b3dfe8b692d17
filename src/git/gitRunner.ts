import { GitError, simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { gitFailed, GitRefusal, untrusted } from './gitErrors';

/** Extra environment for git; `undefined` removes a variable. */
export type GitEnv = Readonly<Record<string, string | undefined>>;

/**
 * Always set: never prompt for credentials (a hidden prompt would hang the
 * extension), never open an editor, and keep git's messages in English so
 * they can be recognised.
 */
const FIXED_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_EDITOR: 'true',
  LC_ALL: 'C',
};

// simple-git 4 rejects any of these when passed explicitly without opt-in and
// strips them when inherited, so we drop them from the ambient environment
// ourselves (mirrors its guarded set: every GIT_* plus these).
const GUARDED_PLAIN_KEYS = new Set(['editor', 'pager', 'prefix', 'ssh_askpass', 'visual']);
const CONFIG_PATH_KEYS = new Set(['git_config_global', 'git_config_system', 'git_config', 'prefix']);

function isGuarded(key: string): boolean {
  const lower = key.toLowerCase().trim();
  return lower.startsWith('git_') || GUARDED_PLAIN_KEYS.has(lower);
}

/** A git command that exited non-zero, with everything it printed. */
export class GitCommandFailure extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(undefined, `git exited with code ${exitCode}: ${(stderr || stdout).trim()}`);
    this.name = 'GitCommandFailure';
  }

  /** stderr then stdout: hooks and git itself write to either. */
  get output(): string {
    return [this.stderr.trim(), this.stdout.trim()].filter((part) => part !== '').join('\n');
  }
}

export function buildEnv(extra: GitEnv = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // LANGUAGE would override LC_ALL for message translations on some systems.
    if (value !== undefined && !isGuarded(key) && key !== 'LANGUAGE') env[key] = value;
  }
  Object.assign(env, FIXED_ENV);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs git in one directory; every failure surfaces as GitCommandFailure or GitRefusal. */
export class GitRunner {
  private readonly git: SimpleGit;

  /** allowMergeDriverConfig: this runner may write `merge.<name>.driver` (simple-git blocks it otherwise; see mergeDrivers.ts). */
  constructor(
    readonly cwd: string,
    extraEnv: GitEnv = {},
    allow: { mergeDriverConfig?: boolean } = {},
  ) {
    const env = buildEnv(extraEnv);
    const explicitKeys = [...Object.keys(FIXED_ENV), ...Object.keys(extraEnv)];
    const options: Partial<SimpleGitOptions> = {
      baseDir: cwd,
      allowEnvironment: explicitKeys.filter(isGuarded),
      unsafe: {
        allowUnsafeEditor: true, // GIT_EDITOR=true is a no-op editor, not user input
        allowUnsafeConfigPaths: Object.keys(extraEnv).some((key) => CONFIG_PATH_KEYS.has(key.toLowerCase())),
        allowUnsafeMergeDriver: allow.mergeDriverConfig === true,
      },
      // simple-git only fails a command that wrote to stderr; we want every non-zero exit.
      errors: (error, result) => {
        const code = result.exitCode;
        if (code === 0) return error;
        // Negative / huge codes come from a process that never ran (ENOENT) or was killed, not from git.
        if (!Number.isInteger(code) || code < 1 || code > 255) {
          const detail = Buffer.concat(result.stdErr).toString('utf8').trim();
          return new GitError(
            undefined,
            /ENOENT/.test(detail) ? 'git was not found: install git and make sure it is on PATH.' : detail || `exit ${code}`,
          );
        }
        return new GitCommandFailure(
          code,
          Buffer.concat(result.stdOut).toString('utf8'),
          Buffer.concat(result.stdErr).toString('utf8'),
        );
      },
    };
    this.git = simpleGit(options).env(env);
  }

  /** Runs `git <args>` and returns stdout untrimmed. */
  async run(args: readonly string[]): Promise<string> {
    try {
      return await this.git.raw([...args]);
    } catch (error) {
      if (error instanceof GitCommandFailure) {
        if (/dubious ownership/i.test(error.output)) throw untrusted(this.cwd, error.output);
        throw error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new GitRefusal('git_failed', `Could not run "git ${args[0] ?? ''}" in ${this.cwd}: ${reason}`, {
        detail: reason,
        cause: error,
      });
    }
  }

  /** Like run(), but returns undefined when git exits with one of `quietCodes` (e.g. "not found"). */
  async runAllowing(args: readonly string[], quietCodes: readonly number[]): Promise<string | undefined> {
    try {
      return await this.run(args);
    } catch (error) {
      if (error instanceof GitCommandFailure && quietCodes.includes(error.exitCode)) return undefined;
      throw error;
    }
  }
}

/** Any failure of a git call as a GitRefusal('git_failed') saying `what`, with what git printed. */
export function toRefusal(error: unknown, what: string): GitRefusal {
  if (error instanceof GitRefusal) return error;
  if (error instanceof GitCommandFailure) return gitFailed(what, error.output, error);
  return gitFailed(what, error instanceof Error ? error.message : String(error), error);
}

/** Refuses a ref or remote name git would read as an option (a leading "-"), or an empty one. */
export function assertNotOption(kind: string, value: string): void {
  if (value === '' || value.startsWith('-')) throw gitFailed(`"${value}" is not a valid ${kind} name.`);
}
