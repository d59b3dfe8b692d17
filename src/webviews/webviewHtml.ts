import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The only folders a page may load from (DEVELOPERS.md: localResourceRoots limited). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * The page shell: CSP `default-src 'none'`, scripts only with this render's nonce, styles and
 * fonts only from the extension. The page bundle renders everything else with escaped text (Lit).
 */
export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: 'playbook' | 'run' | 'report', title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...parts: string[]): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...parts));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${asset('codicon.css').toString()}" id="vscode-codicon-stylesheet" nonce="${nonce}">
<link rel="stylesheet" href="${asset('page.css').toString()}" nonce="${nonce}">
</head>
<body data-page="${page}">
<pb-app></pb-app>
<script type="module" nonce="${nonce}" src="${asset(`${page}.js`).toString()}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}
