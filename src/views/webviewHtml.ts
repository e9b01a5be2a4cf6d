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
 * The webview's page. `default-src 'none'`, scripts only with the nonce, styles and images only
 * from the extension's own files. d3 writes SVG presentation attributes and style properties
 * through the CSSOM, which style-src does not govern.
 *
 * The one script with the nonce is a loader for the bundle and the stylesheet. While VS Code
 * restores panels after a window reload, the webview's resource service worker may not yet be in
 * control, and a plain `<script src>` then fails once (in code-server the request even goes to the
 * network) and the page stays blank for good. The loader tries again, a few times, with backoff.
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
<title>${escapeText(parts.title)}</title>
</head>
<body>
<div id="app" role="application" aria-busy="true">${escapeText(parts.title)}</div>
<script nonce="${nonce}">${resourceLoader(nonce, parts.scriptUri, parts.styleUri)}</script>
</body>
</html>`;
}

/** How often the loader asks for a resource that failed to load (about 10 s in all). */
export const LOAD_ATTEMPTS = 8;

/**
 * The loader's source: adds the stylesheet and then the bundle, each again after a failure.
 * The URIs are our own asWebviewUri strings, written as JS string literals that cannot close the
 * script element.
 */
function resourceLoader(nonce: string, scriptUri: string, styleUri: string): string {
  const literal = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `(function () {
  function load(make, attempt) {
    var node = make();
    node.onerror = function () {
      node.remove();
      if (attempt + 1 < ${LOAD_ATTEMPTS}) setTimeout(function () { load(make, attempt + 1); }, 100 * Math.pow(2, attempt));
    };
    (node.tagName === 'LINK' ? document.head : document.body).appendChild(node);
  }
  load(function () { var l = document.createElement('link'); l.rel = 'stylesheet'; l.href = ${literal(styleUri)}; return l; }, 0);
  load(function () { var s = document.createElement('script'); s.nonce = ${literal(nonce)}; s.src = ${literal(scriptUri)}; return s; }, 0);
})();`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
