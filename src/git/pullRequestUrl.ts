import type { PullRequestText } from '../core/publishing/pullRequestText';
import { bitbucketServerRepository, encodePath, parseRemote } from '../core/util/remoteWeb';

function bitbucketServerUrl(base: string, segments: string[], branch: string, baseBranch?: string): string | undefined {
  const repoUrl = bitbucketServerRepository(base, segments);
  if (repoUrl === undefined) return undefined;
  let url = `${repoUrl}/pull-requests?create&sourceBranch=${encodeURIComponent(`refs/heads/${branch}`)}`;
  if (baseBranch) url += `&targetBranch=${encodeURIComponent(`refs/heads/${baseBranch}`)}`;
  return url;
}

/**
 * Builds the "open a pull / merge request" web page URL for a remote.
 *
 * - GitHub: `/pull/new/<branch>` (the page GitHub itself prints after a push)
 *   when no base is given; with a base, `/compare/<base>...<branch>?expand=1`
 *   so the PR targets that base.
 * - GitLab: `/-/merge_requests/new?merge_request[source_branch]=…` (brackets
 *   percent-encoded, as GitLab prints it), plus `[target_branch]` with a base.
 * - Bitbucket Cloud (bitbucket.org): `/pull-requests/new?source=…[&dest=…]`.
 *   Self-hosted Bitbucket (Server / Data Center) uses its own layout:
 *   `/projects/KEY/repos/slug/pull-requests?create&sourceBranch=refs/heads/…`.
 *
 * Hosts are recognised by their name containing github / gitlab / bitbucket;
 * anything else (or an unparsable / local remote) gives undefined.
 * Credentials and ssh ports never reach the result.
 */
export function pullRequestUrl(remoteUrl: string, branch: string, baseBranch?: string, text?: PullRequestText): string | undefined {
  const url = bareUrl(remoteUrl, branch, baseBranch);
  if (url === undefined || text === undefined) return url;
  return withText(url, remoteUrl, text);
}

// Web servers refuse much longer request lines (GitHub answers 414 somewhere past 8 KB).
const URL_LIMIT = 8000;
const SHORTENED = '\n\n…(shortened: the whole retrospective is in the changed files)';

/**
 * The title and body as the host's "new pull request" page reads them from the query: GitHub's
 * compare page takes `title` and `body`, GitLab's `merge_request[title]` and
 * `merge_request[description]`. The body loses lines from its end until the URL fits.
 */
function withText(url: string, remoteUrl: string, text: PullRequestText): string {
  const host = parseRemote(remoteUrl)?.hostname ?? '';
  const names = host.includes('github') && url.includes('/compare/') ? ['title', 'body'] : host.includes('gitlab') ? ['merge_request[title]', 'merge_request[description]'] : undefined;
  if (names === undefined) return url;
  const [titleName = '', bodyName = ''] = names.map(encodeURIComponent);
  const build = (body: string): string => `${url}&${titleName}=${encodeURIComponent(text.title)}&${bodyName}=${encodeURIComponent(body)}`;
  let lines = text.body.split('\n');
  let candidate = build(text.body);
  while (candidate.length > URL_LIMIT && lines.length > 1) {
    lines = lines.slice(0, Math.max(1, Math.floor(lines.length * 0.8)));
    candidate = build(`${lines.join('\n')}${SHORTENED}`);
  }
  return candidate.length > URL_LIMIT ? build('') : candidate;
}

function bareUrl(remoteUrl: string, branch: string, baseBranch?: string): string | undefined {
  const location = parseRemote(remoteUrl);
  if (!location || branch === '') return undefined;
  const { scheme, hostname, port, segments } = location;
  const base = `${scheme}://${hostname}${port ? `:${port}` : ''}`;
  const repoPath = segments.map(encodeURIComponent).join('/');

  if (hostname.includes('github')) {
    return baseBranch
      ? `${base}/${repoPath}/compare/${encodePath(baseBranch)}...${encodePath(branch)}?expand=1`
      : `${base}/${repoPath}/pull/new/${encodePath(branch)}`;
  }
  if (hostname.includes('gitlab')) {
    const param = (name: string, value: string): string =>
      `${encodeURIComponent(`merge_request[${name}]`)}=${encodeURIComponent(value)}`;
    let url = `${base}/${repoPath}/-/merge_requests/new?${param('source_branch', branch)}`;
    if (baseBranch) url += `&${param('target_branch', baseBranch)}`;
    return url;
  }
  if (hostname.includes('bitbucket')) {
    if (hostname !== 'bitbucket.org') return bitbucketServerUrl(base, segments, branch, baseBranch);
    let url = `${base}/${repoPath}/pull-requests/new?source=${encodeURIComponent(branch)}`;
    if (baseBranch) url += `&dest=${encodeURIComponent(baseBranch)}`;
    return url;
  }
  return undefined;
}
