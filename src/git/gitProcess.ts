import { execFile } from 'node:child_process';
import { GitRefusal, untrusted } from './gitErrors';
import { buildEnv, GitCommandFailure, type GitEnv } from './gitRunner';

export interface GitProcessCall {
  /** Written to git's standard input (paths for --stdin, a commit message for -F -). */
  input?: string;
  /** Extra environment for this call only (GIT_INDEX_FILE, the merge driver's variables). */
  env?: GitEnv;
}

/**
 * Runs git plumbing directly (child_process), for sync: simple-git waits 50 ms after every command
 * that prints nothing (update-ref, read-tree, update-index do not print) and cannot feed standard
 * input. Same environment as GitRunner (buildEnv: no prompts, English messages) and the same
 * failures: GitCommandFailure for a non-zero exit, GitRefusal when git cannot run at all.
 */
export class GitProcess {
  constructor(
    readonly cwd: string,
    private readonly env: GitEnv = {},
  ) {}

  async run(args: readonly string[], call: GitProcessCall = {}): Promise<string> {
    return (await this.runBuffer(args, call)).toString('utf8');
  }

  /** Like run(), but exit codes in `quietCodes` mean "no answer" (undefined). */
  async runAllowing(args: readonly string[], quietCodes: readonly number[], call: GitProcessCall = {}): Promise<string | undefined> {
    try {
      return await this.run(args, call);
    } catch (error) {
      if (error instanceof GitCommandFailure && quietCodes.includes(error.exitCode)) return undefined;
      throw error;
    }
  }

  /** Standard output as bytes (cat-file --batch gives sizes in bytes). */
  runBuffer(args: readonly string[], call: GitProcessCall = {}): Promise<Buffer> {
    const env = buildEnv({ ...this.env, ...call.env });
    return new Promise((resolve, reject) => {
      const child = execFile('git', [...args], { cwd: this.cwd, env, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (typeof code === 'number') {
          const failure = new GitCommandFailure(code, stdout.toString('utf8'), stderr.toString('utf8'));
          reject(/dubious ownership/i.test(failure.output) ? untrusted(this.cwd, failure.output) : failure);
          return;
        }
        const reason = code === 'ENOENT' ? 'git was not found: install git and make sure it is on PATH.' : error.message;
        reject(new GitRefusal('git_failed', `Could not run "git ${args[0] ?? ''}" in ${this.cwd}: ${reason}`, { detail: reason, cause: error }));
      });
      // git may exit before reading all of its input (a refusal): that is its answer, not ours to report.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(call.input ?? '');
    });
  }
}
