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

interface RemoteLocation {
  /** https or http, following the remote (ssh remotes get https). */
  scheme: string;
  hostname: string;
  /** Only kept for http(s) remotes: an ssh port says nothing about the web port. */
  port: string;
  /** Path segments without ".git", e.g. ["group", "sub", "repo"]. */
  segments: string[];
}

// ssh-over-443 endpoints of the public services, mapped to their web host.
const SSH_ALIASES: Readonly<Record<string, string>> = {
  'ssh.github.com': 'github.com',
  'altssh.gitlab.com': 'gitlab.com',
  'altssh.bitbucket.org': 'bitbucket.org',
};

function parseRemote(remoteUrl: string): RemoteLocation | undefined {
  const raw = remoteUrl.trim();
  let scheme = 'https';
  let hostname: string;
  let port = '';
  let pathname: string;

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    const protocol = url.protocol.replace(/:$/, '').toLowerCase();
    if (protocol === 'http' || protocol === 'https') {
      scheme = protocol;
      port = url.port;
    } else if (!['ssh', 'git', 'git+ssh', 'ssh+git'].includes(protocol)) {
      return undefined; // file:// and friends have no web page
    }
    hostname = url.hostname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return undefined; // malformed percent-encoding
    }
  } else {
    // scp-like syntax: [user@]host:path. A "/" before the ":" means a local path.
    const match = /^(?:[^@/]+@)?([^:/]+):(.+)$/.exec(raw);
    if (!match || match[1] === undefined || match[2] === undefined) return undefined;
    // A single letter is a Windows drive (C:\repo), not a host.
    if (match[1].length === 1) return undefined;
    hostname = match[1];
    pathname = match[2];
  }

  hostname = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  hostname = SSH_ALIASES[hostname] ?? hostname;
  const segments = pathname
    .replace(/\.git\/?$/i, '')
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length < 2) return undefined;
  return { scheme, hostname, port, segments };
}

/** Percent-encodes each part of a branch name but keeps "/" readable in URL paths. */
function encodePath(branch: string): string {
  return branch.split('/').map(encodeURIComponent).join('/');
}

function bitbucketServerUrl(base: string, segments: string[], branch: string, baseBranch?: string): string | undefined {
  // Clone URLs look like [/context]/scm/KEY/slug(.git) (https) or /KEY/slug (ssh).
  const scm = segments.findIndex((segment) => segment.toLowerCase() === 'scm');
  const context = scm > 0 ? `/${segments.slice(0, scm).map(encodeURIComponent).join('/')}` : '';
  const parts = scm >= 0 ? segments.slice(scm + 1) : segments;
  const [project, slug] = parts;
  if (parts.length !== 2 || project === undefined || slug === undefined) return undefined;
  const owner = project.startsWith('~')
    ? `users/${encodeURIComponent(project.slice(1))}`
    : `projects/${encodeURIComponent(project.toUpperCase())}`;
  const repoUrl = `${base}${context}/${owner}/repos/${encodeURIComponent(slug)}`;
  let url = `${repoUrl}/pull-requests?create&sourceBranch=${encodeURIComponent(`refs/heads/${branch}`)}`;
  if (baseBranch) url += `&targetBranch=${encodeURIComponent(`refs/heads/${baseBranch}`)}`;
  return url;
}

export function pullRequestUrl(remoteUrl: string, branch: string, baseBranch?: string): string | undefined {
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
