import type { RepositoryWeb } from '../util/remoteWeb';

/**
 * A link on a note or task: a web URL, a commit id, or a repository path with an optional line
 * (`src/db.ts:42`). Paths stay inside the repository: no absolute paths, no `..`.
 * Returns a problem sentence, or undefined when the link is fine.
 */
export function checkLink(link: string): string | undefined {
  const text = link.trim();
  if (/^https?:\/\/[^\s]+$/i.test(text)) return undefined;
  if (/^https?:\/\/.*\s/is.test(text)) return `link ${JSON.stringify(text)} is a URL with a space or line break in it, which a URL may not have; write a space as %20`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(?:javascript|data|vbscript|file):/i.test(text)) {
    return `link ${JSON.stringify(text)} uses a scheme that is not allowed; use an http(s) URL, a commit id or path:line`;
  }
  if (/^[0-9a-f]{7,64}$/.test(text)) return undefined;
  const pathPart = text.replace(/:\d+(?:-\d+)?$/, '');
  if (pathPart.startsWith('/') || pathPart.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(pathPart)) {
    return `link ${JSON.stringify(text)} is an absolute path; use a path relative to the repository`;
  }
  if (pathPart.split(/[\\/]/).includes('..')) return `link ${JSON.stringify(text)} leaves the repository ("..")`;
  if (!/^[^\s<>"'`]+$/.test(pathPart)) return `link ${JSON.stringify(text)} is not a URL, a commit id or path:line`;
  return undefined;
}

export type ParsedLink = { kind: 'url'; url: string } | { kind: 'commit'; sha: string } | { kind: 'file'; path: string; line?: number; endLine?: number };

export function parseLink(link: string): ParsedLink {
  const text = link.trim();
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text };
  if (/^[0-9a-f]{7,64}$/.test(text)) return { kind: 'commit', sha: text };
  const match = /^(.*?):(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return { kind: 'file', path: text };
  return { kind: 'file', path: match[1] ?? text, line: Number(match[2]), ...(match[3] !== undefined ? { endLine: Number(match[3]) } : {}) };
}

/**
 * How a note records the commit its `path:line` link points into, so the link does not drift as the
 * file changes: the last paragraph of its details, as "Add Selection to Timeline" writes it.
 */
export function linkCommitParagraph(link: string, commit: string): string {
  return `From ${link.trim()} at commit ${commit}`;
}

/** The commit a note's details record for its link (see {@link linkCommitParagraph}), if any. */
export function recordedCommit(details: string | undefined, link: string): string | undefined {
  const match = /(?:^|\n)From (\S+) at commit ([0-9a-f]{7,64})\s*$/.exec(details ?? '');
  return match && match[1] === link.trim() ? match[2] : undefined;
}

/**
 * The web page a link opens: a URL is its own; a commit, and a `path:line` whose commit was recorded,
 * open on the remote's web pages when those are known. Undefined otherwise.
 */
export function linkWebUrl(link: string, details: string | undefined, web: RepositoryWeb | undefined): string | undefined {
  const parsed = parseLink(link);
  if (parsed.kind === 'url') return parsed.url;
  if (web === undefined) return undefined;
  if (parsed.kind === 'commit') return web.commit(parsed.sha);
  const commit = recordedCommit(details, link);
  if (commit === undefined) return undefined;
  const lines = parsed.line === undefined ? undefined : { start: parsed.line, ...(parsed.endLine !== undefined ? { end: parsed.endLine } : {}) };
  return web.file(parsed.path, commit, lines);
}
