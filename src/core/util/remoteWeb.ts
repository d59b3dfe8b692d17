/**
 * Web pages of a git remote's repository, derived from the remote URL alone (no network): a commit,
 * a file at a commit. Hosts are recognised by their name containing
 * github / gitlab / bitbucket; anything else (or a local remote) has no known pages.
 * Credentials and ssh ports never reach a result.
 */

export interface RemoteLocation {
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

export function parseRemote(remoteUrl: string): RemoteLocation | undefined {
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

/** Percent-encodes each segment of a path (a branch, a file) but keeps "/" readable. */
export function encodePath(text: string): string {
  return text.split('/').map(encodeURIComponent).join('/');
}

export interface RepositoryWeb {
  commit(sha: string): string;
  /** A file as it was at `commit`, with its lines marked when given. */
  file(filePath: string, commit: string, lines?: { start: number; end?: number }): string;
}

type Lines = { start: number; end?: number } | undefined;

/** The web pages of the repository behind `remoteUrl`, or undefined when its host is not known. */
export function repositoryWeb(remoteUrl: string): RepositoryWeb | undefined {
  const location = parseRemote(remoteUrl);
  if (!location) return undefined;
  const { scheme, hostname, port, segments } = location;
  const base = `${scheme}://${hostname}${port ? `:${port}` : ''}`;
  const repo = `${base}/${segments.map(encodeURIComponent).join('/')}`;
  const sha = (commit: string): string => encodeURIComponent(commit);
  const range = (lines: Lines, first: string, between: string): string =>
    lines === undefined ? '' : `#${first}${lines.start}${lines.end !== undefined && lines.end > lines.start ? `${between}${lines.end}` : ''}`;

  if (hostname.includes('github')) {
    return {
      commit: (commit) => `${repo}/commit/${sha(commit)}`,
      file: (file, commit, lines) => `${repo}/blob/${sha(commit)}/${encodePath(file)}${range(lines, 'L', '-L')}`,
    };
  }
  if (hostname.includes('gitlab')) {
    return {
      commit: (commit) => `${repo}/-/commit/${sha(commit)}`,
      file: (file, commit, lines) => `${repo}/-/blob/${sha(commit)}/${encodePath(file)}${range(lines, 'L', '-')}`,
    };
  }
  if (hostname === 'bitbucket.org') {
    return {
      commit: (commit) => `${repo}/commits/${sha(commit)}`,
      file: (file, commit, lines) => `${repo}/src/${sha(commit)}/${encodePath(file)}${range(lines, 'lines-', ':')}`,
    };
  }
  if (hostname.includes('bitbucket')) {
    const server = bitbucketServerRepository(base, segments);
    if (server === undefined) return undefined;
    return {
      commit: (commit) => `${server}/commits/${sha(commit)}`,
      file: (file, commit, lines) => `${server}/browse/${encodePath(file)}?at=${sha(commit)}${range(lines, '', '-')}`,
    };
  }
  return undefined;
}

/** Self-hosted Bitbucket: clone URLs look like [/context]/scm/KEY/slug(.git) (https) or /KEY/slug (ssh). */
export function bitbucketServerRepository(base: string, segments: readonly string[]): string | undefined {
  const scm = segments.findIndex((segment) => segment.toLowerCase() === 'scm');
  const context = scm > 0 ? `/${segments.slice(0, scm).map(encodeURIComponent).join('/')}` : '';
  const parts = scm >= 0 ? segments.slice(scm + 1) : segments;
  const [project, slug] = parts;
  if (parts.length !== 2 || project === undefined || slug === undefined) return undefined;
  const owner = project.startsWith('~') ? `users/${encodeURIComponent(project.slice(1))}` : `projects/${encodeURIComponent(project.toUpperCase())}`;
  return `${base}${context}/${owner}/repos/${encodeURIComponent(slug)}`;
}
