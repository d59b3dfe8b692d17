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

export type ParsedLink = { kind: 'url'; url: string } | { kind: 'commit'; sha: string } | { kind: 'file'; path: string; line?: number };

export function parseLink(link: string): ParsedLink {
  const text = link.trim();
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text };
  if (/^[0-9a-f]{7,64}$/.test(text)) return { kind: 'commit', sha: text };
  const match = /^(.*?):(\d+)(?:-\d+)?$/.exec(text);
  return match ? { kind: 'file', path: match[1] ?? text, line: Number(match[2]) } : { kind: 'file', path: text };
}
