import { noRemote, remoteUnreachable } from './gitErrors';
import { assertNotOption, GitCommandFailure, toRefusal, type GitRunner } from './gitRunner';

/**
 * What a remote has, for publishing: its default branch and branch tips. Asked of the repository
 * pushes go to (remote.<name>.pushurl when set), since that is where a pull request is opened.
 */
export class RemoteRefs {
  constructor(private readonly git: GitRunner) {}

  private async pushUrl(remote: string): Promise<string> {
    assertNotOption('remote', remote);
    const url = (await this.runAllowing(['remote', 'get-url', '--push', remote], [2]))?.trim();
    if (!url) throw noRemote(remote);
    return url;
  }

  /** The remote's default branch and its tip (ls-remote --symref); undefined for an empty remote. */
  async remoteDefaultBranch(remote = 'origin'): Promise<{ branch: string; sha: string } | undefined> {
    const out = await this.lsRemote(remote, ['--symref', remote, 'HEAD']);
    const branch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out)?.[1];
    const sha = /^([0-9a-f]{40,64})\tHEAD$/m.exec(out)?.[1];
    return branch && sha ? { branch, sha } : undefined;
  }

  /** Where the remote's branch is now, or undefined when it has none of that name. */
  async remoteBranchTip(remote: string, branch: string): Promise<string | undefined> {
    const out = await this.lsRemote(remote, [remote, `refs/heads/${branch}`]);
    return /^([0-9a-f]{40,64})\t/m.exec(out)?.[1];
  }

  /** The default branch the last fetch saw (refs/remotes/<remote>/HEAD), for working offline. */
  async knownRemoteHead(remote = 'origin'): Promise<{ branch: string; sha: string } | undefined> {
    assertNotOption('remote', remote);
    const ref = (await this.runAllowing(['symbolic-ref', '--quiet', `refs/remotes/${remote}/HEAD`], [1, 128]))?.trim();
    const branch = ref?.startsWith(`refs/remotes/${remote}/`) ? ref.slice(`refs/remotes/${remote}/`.length) : undefined;
    const sha = ref ? (await this.runAllowing(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], [1, 128]))?.trim() : undefined;
    return branch && sha ? { branch, sha } : undefined;
  }

  /** Fetches one branch (from where pushes go) into its remote-tracking ref and returns its tip. */
  async fetchBranch(remote: string, branch: string): Promise<string> {
    const url = await this.pushUrl(remote);
    const tracking = `refs/remotes/${remote}/${branch}`;
    try {
      await this.git.run(['fetch', '--quiet', '--no-tags', url, `+refs/heads/${branch}:${tracking}`]);
    } catch (error) {
      if (error instanceof GitCommandFailure) throw remoteUnreachable(remote, error.output);
      throw toRefusal(error, `Could not fetch "${branch}" from ${remote}.`);
    }
    return (await this.run(['rev-parse', '--verify', `${tracking}^{commit}`])).trim();
  }

  /** Asks the repository pushes go to (pushurl when set): the one a pull request is opened on. */
  private async lsRemote(remote: string, args: string[]): Promise<string> {
    const url = await this.pushUrl(remote);
    try {
      return await this.git.run(['ls-remote', ...args.map((arg) => (arg === remote ? url : arg))]);
    } catch (error) {
      if (error instanceof GitCommandFailure) throw remoteUnreachable(remote, error.output);
      throw toRefusal(error, `Could not reach ${remote}.`);
    }
  }

  private async run(args: readonly string[]): Promise<string> {
    try {
      return await this.git.run(args);
    } catch (error) {
      throw toRefusal(error, `git ${args[0] ?? ''} failed.`);
    }
  }

  private async runAllowing(args: readonly string[], quietCodes: readonly number[]): Promise<string | undefined> {
    try {
      return await this.git.runAllowing(args, quietCodes);
    } catch (error) {
      throw toRefusal(error, `git ${args[0] ?? ''} failed.`);
    }
  }
}

