import { GitRefusal, gitFailed, noRemote } from './gitErrors';
import type { GitRepository } from './gitRepository';

/** Where a retro branch starts, and the branch its pull request targets. */
export interface PublishBase {
  sha: string;
  branch: string;
}

/**
 * A retro branch starts at the remote's default branch, freshly fetched, so its pull request holds
 * this run's commit and nothing else. Pushing needs the remote, so an unreachable one refuses before
 * anything is written. Without a remote (or offline, or with an empty one) the current branch is the base.
 */
export async function resolvePublishBase(git: GitRepository, remote: string, push: boolean): Promise<PublishBase> {
  if ((await git.remoteUrl(remote)) === undefined) {
    if (push) throw noRemote(remote);
    return currentBase(git);
  }
  try {
    const head = await git.remotes.remoteDefaultBranch(remote);
    if (head === undefined) return await currentBase(git);
    return { branch: head.branch, sha: await git.remotes.fetchBranch(remote, head.branch) };
  } catch (error) {
    if (push || !(error instanceof GitRefusal && error.code === 'remote_unreachable')) throw error;
    return (await git.remotes.knownRemoteHead(remote)) ?? (await currentBase(git));
  }
}

async function currentBase(git: GitRepository): Promise<PublishBase> {
  const branch = await git.requireBranch();
  const sha = await git.headCommit();
  if (sha === undefined) throw gitFailed(`"${branch}" has no commit yet to branch from: make a first commit, then publish again.`);
  return { branch, sha };
}

/**
 * The retro branch gets the run's folder as it is on disk, on top of `base`: if the remote changed
 * that folder since the checkout last had it (a teammate's timeline events), the copy would undo
 * those changes in the pull request. Refused before anything is written; pulling first fixes it.
 */
export async function refuseIfRunChangedOnBase(git: GitRepository, base: PublishBase, runDir: string, remote: string): Promise<void> {
  const head = await git.headCommit();
  if (head === undefined || head === base.sha) return;
  const since = (await git.mergeBase(head, base.sha)) ?? head;
  if (await git.differsUnder(since, base.sha, runDir)) {
    throw gitFailed(
      `${remote}/${base.branch} has changes to this run that your checkout does not have yet. ` +
        `Pull them first (git pull ${remote} ${base.branch}), then publish again.`,
    );
  }
}
