import * as vscode from 'vscode';
import { pageShellHtml, type PageName } from './pageShell';

/** The only folders a page may load from (localResourceRoots limited: docs/architecture.md). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page shell (see pageShell.ts) with the webview's own URLs for the extension's files. */
export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: PageName, title: string): string {
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  return pageShellHtml({ cspSource: webview.cspSource, asset, page, title });
}
