import { randomBytes } from 'node:crypto';

export interface WebviewHtmlParts {
  /** webview.cspSource: the origin asWebviewUri resources come from. */
  cspSource: string;
  /** asWebviewUri of dist/webview.js and media/heapscope.css, as strings. */
  scriptUri: string;
  styleUri: string;
  /** Shown before the script runs; plain text. */
  title: string;
  nonce?: string;
}

/** A fresh nonce per page load: 128 random bits, base64 without padding characters that need escaping. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The webview's page. Nothing inline may run: `default-src 'none'`, scripts only with the nonce,
 * styles and images only from the extension's own files. d3 writes SVG presentation attributes
 * and style properties through the CSSOM, which style-src does not govern.
 */
export function webviewHtml(parts: WebviewHtmlParts): string {
  const nonce = parts.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `img-src ${parts.cspSource} data:`,
    `font-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(parts.styleUri)}">
<title>${escapeText(parts.title)}</title>
</head>
<body>
<div id="app" role="application" aria-busy="true">${escapeText(parts.title)}</div>
<script nonce="${nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
