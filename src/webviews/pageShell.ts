import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../core/export/exportHtml';

export type PageName = 'playbook' | 'run' | 'report';

/** What a page shell needs from its host; no `vscode` here, so the bench renders the very same shell. */
export interface PageShell {
  /** The webview's CSP source: where the extension's files are served from. */
  cspSource: string;
  /** The URL of a file of dist/webview. */
  asset: (file: string) => string;
  page: PageName;
  title: string;
  /** More of <head>, given this render's nonce: for harnesses outside VS Code (the bench) only. */
  head?: (nonce: string) => string;
}

/**
 * The page shell: CSP `default-src 'none'`, scripts only with this render's nonce, styles and
 * fonts only from the extension. The page bundle renders everything else with escaped text (Lit).
 */
export function pageShellHtml(shell: PageShell): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${shell.cspSource} 'nonce-${nonce}'`,
    `font-src ${shell.cspSource}`,
    `img-src ${shell.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(shell.title)}</title>
<link rel="stylesheet" href="${shell.asset('codicon.css')}" id="vscode-codicon-stylesheet" nonce="${nonce}">
<link rel="stylesheet" href="${shell.asset('page.css')}" nonce="${nonce}">
${shell.head?.(nonce) ?? ''}</head>
<body data-page="${shell.page}">
<pb-app></pb-app>
<script type="module" nonce="${nonce}" src="${shell.asset(`${shell.page}.js`)}"></script>
</body>
</html>`;
}
