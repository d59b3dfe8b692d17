import { execFile } from 'node:child_process';
import { isTrackerProvider, TRACKER_PROVIDERS, type TrackerProvider } from '../core/actions/trackerIssues';
import { OperationRefused } from '../core/model/errors';
import { parseRemote } from '../core/util/remoteWeb';
import { githubTracker } from './githubTracker';
import { gitlabTracker } from './gitlabTracker';
import { TrackerError, type TrackerClient } from './trackerClient';

/** Where `action sync` goes: which tracker, which repository, which API. */
export interface TrackerTarget {
  provider: TrackerProvider;
  /** `owner/name` on GitHub, the project's full path on GitLab. */
  repository: string;
  apiBase: string;
  /** The web host of the remote, when the repository came from it (gh's --hostname). */
  host?: string;
}

export interface TrackerTargetInput {
  provider?: string;
  /** `--repo`. */
  repo?: string;
  /** The URL of the branch's upstream remote (or origin), when there is one. */
  remoteUrl?: string;
  env: Record<string, string | undefined>;
}

const GITHUB_REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const GITLAB_PROJECT = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/;

/** The target from the options, the environment (GITHUB_API_URL, GITLAB_API_URL, CI_API_V4_URL) and the remote. */
export function resolveTrackerTarget(input: TrackerTargetInput): TrackerTarget {
  if (input.provider !== undefined && !isTrackerProvider(input.provider)) {
    throw new OperationRefused(`--provider supports ${TRACKER_PROVIDERS.map((name) => `"${name}"`).join(' and ')}, not "${input.provider}"`);
  }
  const remote = input.remoteUrl === undefined ? undefined : parseRemote(input.remoteUrl);
  const env = (name: string): string | undefined => (input.env[name] !== undefined && input.env[name] !== '' ? input.env[name] : undefined);
  const provider: TrackerProvider =
    (input.provider as TrackerProvider | undefined) ??
    (remote?.hostname.includes('gitlab') ? 'gitlab' : remote?.hostname.includes('github') ? 'github' : env('GITHUB_API_URL') === undefined && (env('GITLAB_API_URL') ?? env('CI_API_V4_URL')) !== undefined ? 'gitlab' : 'github');

  let repository = input.repo?.trim().replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (repository === undefined) {
    if (remote === undefined) {
      throw new OperationRefused(`which repository's issues? Pass --repo ${provider === 'github' ? 'OWNER/NAME' : 'GROUP/PROJECT'}, or give the branch an upstream on ${provider === 'github' ? 'GitHub' : 'GitLab'}`);
    }
    repository = remote.segments.join('/');
  }
  if (!(provider === 'github' ? GITHUB_REPO : GITLAB_PROJECT).test(repository)) {
    throw new OperationRefused(`"${repository}" is not a ${provider === 'github' ? 'GitHub repository (OWNER/NAME)' : 'GitLab project path (GROUP/PROJECT)'}`);
  }
  const host = input.repo === undefined ? remote?.hostname : undefined;
  const webBase = remote !== undefined ? `${remote.scheme}://${remote.hostname}${remote.port ? `:${remote.port}` : ''}` : undefined;
  const apiBase =
    provider === 'github'
      ? (env('GITHUB_API_URL') ?? (webBase === undefined || remote?.hostname === 'github.com' ? 'https://api.github.com' : `${webBase}/api/v3`))
      : (env('GITLAB_API_URL') ?? env('CI_API_V4_URL') ?? (webBase === undefined ? 'https://gitlab.com/api/v4' : `${webBase}/api/v4`));
  checkApiBase(apiBase);
  return { provider, repository, apiBase, ...(host !== undefined ? { host } : {}) };
}

function checkApiBase(apiBase: string): void {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new OperationRefused(`"${apiBase}" is not an API URL (http or https)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OperationRefused(`"${apiBase}" is not an API URL (http or https)`);
}

export interface TrackerAccess {
  /**
   * May `gh auth token` be run? Only where the user asked for this command in their own terminal;
   * never for a workspace the user has not trusted.
   */
  allowGhCli: boolean;
  userAgent: string;
}

/** The client for the target, with its token: GITHUB_TOKEN, GH_TOKEN, `gh auth token`; GITLAB_TOKEN, CI_JOB_TOKEN. */
export async function openTracker(target: TrackerTarget, env: Record<string, string | undefined>, access: TrackerAccess): Promise<TrackerClient> {
  const value = (name: string): string | undefined => (env[name] !== undefined && env[name]?.trim() !== '' ? env[name]?.trim() : undefined);
  if (target.provider === 'github') {
    const token = value('GITHUB_TOKEN') ?? value('GH_TOKEN') ?? (access.allowGhCli ? await ghAuthToken(env, target.host) : undefined);
    if (token === undefined) {
      throw new TrackerError('no_token', 'no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with "gh auth login"; nothing was changed, sync again with a token');
    }
    return githubTracker({ repository: target.repository, apiBase: target.apiBase, token, userAgent: access.userAgent });
  }
  const privateToken = value('GITLAB_TOKEN');
  const jobToken = value('CI_JOB_TOKEN');
  if (privateToken === undefined && jobToken === undefined) {
    throw new TrackerError('no_token', 'no GitLab token: set GITLAB_TOKEN to an access token with the api scope; nothing was changed, sync again with a token');
  }
  return gitlabTracker({
    repository: target.repository,
    apiBase: target.apiBase,
    token: privateToken ?? (jobToken as string),
    tokenHeader: privateToken !== undefined ? 'PRIVATE-TOKEN' : 'JOB-TOKEN',
    userAgent: access.userAgent,
  });
}

/** `gh auth token` when gh is on the PATH and logged in; undefined otherwise (never an error). */
function ghAuthToken(env: Record<string, string | undefined>, host: string | undefined): Promise<string | undefined> {
  if (env['PATH'] === undefined) return Promise.resolve(undefined);
  const passed = Object.fromEntries(['PATH', 'HOME', 'USERPROFILE', 'APPDATA', 'XDG_CONFIG_HOME', 'GH_CONFIG_DIR', 'SystemRoot'].flatMap((key) => (env[key] !== undefined ? [[key, env[key] as string]] : [])));
  const args = ['auth', 'token', ...(host !== undefined && host !== 'github.com' ? ['--hostname', host] : [])];
  return new Promise((resolve) => {
    execFile('gh', args, { env: passed, timeout: 5000, windowsHide: true }, (error, stdout) => {
      const token = stdout.trim();
      resolve(error === null && token !== '' ? token : undefined);
    });
  });
}
