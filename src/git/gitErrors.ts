import { isExpectedCoreError } from '../core/model/expectedErrors';
/**
 * Refusals raised by the git adapter. Every refusal carries a stable `code` the
 * CLI / extension can branch on, and a message written for a person: it says
 * what went wrong and what to do next, and quotes git where git knows better.
 */

export type GitRefusalCode =
  | 'not_a_repository'
  | 'no_identity'
  | 'hook_failed'
  | 'push_rejected'
  | 'nothing_to_commit'
  | 'detached_head'
  | 'no_remote'
  | 'remote_unreachable'
  | 'no_upstream'
  | 'sync_refused'
  | 'untrusted'
  | 'git_failed';

export interface GitRefusalOptions {
  /** What git printed (stderr then stdout), kept verbatim for logs. */
  detail?: string;
  cause?: unknown;
}

export class GitRefusal extends Error {
  readonly code: GitRefusalCode;
  readonly detail: string | undefined;

  constructor(code: GitRefusalCode, message: string, options: GitRefusalOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitRefusal';
    this.code = code;
    this.detail = options.detail;
  }
}


/** Indents git's output so it reads as a quote inside our message. */
function quote(output: string): string {
  const text = output.trim();
  return text === '' ? '  (git printed nothing)' : text.split('\n').map((line) => `  ${line}`).join('\n');
}

export function notARepository(dir: string, detail?: string): GitRefusal {
  return new GitRefusal(
    'not_a_repository',
    `${dir} is not inside a git repository. Run "git init" there, or open a folder that is already a git repository.`,
    { detail },
  );
}

export function noIdentity(): GitRefusal {
  return new GitRefusal(
    'no_identity',
    'Git does not know who you are. Run: git config user.name "Your Name" && git config user.email you@example.com',
  );
}

export function hookFailed(output: string): GitRefusal {
  return new GitRefusal(
    'hook_failed',
    'A git hook rejected the commit. Nothing was committed and your changes are still in the working tree. ' +
      `Fix what the hook reports and try again. Hook output:\n${quote(output)}`,
    { detail: output },
  );
}

export function pushRejected(remote: string, branch: string, reason: string, detail: string): GitRefusal {
  // "[remote rejected]" means a server-side hook or branch protection said no; plain "[rejected]" means
  // the remote has commits we do not (non-fast-forward / fetch first).
  const advice = /remote rejected/.test(reason)
    ? 'The remote refused it (a server-side hook or branch protection); its reason is above. ' +
      `If it needs the latest changes, pull first (git pull --rebase ${remote} ${branch}) and push again.`
    : `The remote has commits you do not have yet: pull first (git pull --rebase ${remote} ${branch}) and push again.`;
  return new GitRefusal('push_rejected', `${remote} rejected the push of "${branch}":\n${quote(reason)}\n${advice}`, {
    detail,
  });
}

export function nothingToCommit(files: readonly string[]): GitRefusal {
  const list = files.length === 0 ? 'no files were given' : files.join(', ');
  return new GitRefusal('nothing_to_commit', `Nothing to commit: ${list} has no changes compared to the last commit.`);
}

/** `alternative`: another way out the caller offers (publishing can go on a branch of its own). */
export function detachedHead(alternative = ''): GitRefusal {
  return new GitRefusal(
    'detached_head',
    'You are not on a branch (detached HEAD). Switch to a branch first, e.g. "git switch main", ' +
      `or create one with "git switch -c my-branch".${alternative ? ` ${alternative}` : ''}`,
  );
}

export function noRemote(remote: string): GitRefusal {
  return new GitRefusal(
    'no_remote',
    `This repository has no remote named "${remote}". Add one with: git remote add ${remote} <url>`,
  );
}

export function remoteUnreachable(remote: string, detail: string): GitRefusal {
  return new GitRefusal(
    'remote_unreachable',
    `Cannot reach the remote "${remote}", so nothing was committed. Check its URL (git remote -v) and your network, ` +
      `then try again. Git said:\n${quote(detail)}`,
    { detail },
  );
}

/** A push that failed after the commit was made: what was kept, and how to push it again. */
export function withPushRetry(error: unknown, kept: string, retry: string): unknown {
  if (!(error instanceof GitRefusal)) return error;
  return new GitRefusal(error.code, `${error.message}\nNothing is lost: ${kept}. Once that is fixed, push it again: ${retry}`, {
    detail: error.detail,
    cause: error,
  });
}

export function noUpstream(branch: string, remote: string | undefined): GitRefusal {
  const name = remote ?? 'origin';
  return new GitRefusal(
    'no_upstream',
    `The branch "${branch}" has no upstream, so sync does not know where to push. Push it once with ` +
      `"git push -u ${name} ${branch}", or point it at an existing remote branch with "git branch --set-upstream-to=${name}/${branch}".`,
  );
}

/** Sync's refusals after it looked at what came in: nothing was pushed, and the checkout is as it was. */
export function syncRefused(message: string, detail?: string): GitRefusal {
  return new GitRefusal('sync_refused', message, { detail });
}

export function untrusted(dir: string, detail: string): GitRefusal {
  return new GitRefusal(
    'untrusted',
    `Git refuses to work in ${dir} because the folder is owned by another user. ` +
      `If you trust it, run: git config --global --add safe.directory "${dir}"\nGit said:\n${quote(detail)}`,
    { detail },
  );
}

export function gitFailed(what: string, detail?: string, cause?: unknown): GitRefusal {
  const message = detail === undefined ? what : `${what}\nGit said:\n${quote(detail)}`;
  return new GitRefusal('git_failed', message, { detail, cause });
}

/** Errors a surface shows as a message (the CLI as one line, the extension as a notification): core's and git's; anything else is a bug. */
export function isExpectedError(error: unknown): error is Error {
  return isExpectedCoreError(error) || error instanceof GitRefusal;
}
