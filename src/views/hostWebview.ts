import * as vscode from 'vscode';
import { serveRpc } from '../protocol/rpcServer';
import { WebviewApi } from '../protocol/webviewApi';
import { webviewHtml } from './webviewHtml';
import { webviewPort } from './webviewTransport';

/**
 * Puts the Heapscope page into a webview and serves the panel's WebviewApi on it. Scripts run,
 * but only our bundle (nonce CSP), and only files under dist/ and media/ can be loaded. No
 * retainContextWhenHidden: the page saves its own state (getState/setState) and asks for its
 * content again when shown.
 */
export function hostWebview(webview: vscode.Webview, extensionUri: vscode.Uri, api: WebviewApi, title: string): vscode.Disposable {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, media] };
  const stop = serveRpc<WebviewApi>(api, webviewPort(webview));
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'heapscope.css')).toString(),
    title,
  });
  return { dispose: stop };
}

export function webviewPanelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
