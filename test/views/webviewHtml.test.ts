import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNonce, webviewHtml } from '../../src/views/webviewHtml';

const parts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/heapscope.css',
  title: 'snap <img src=x onerror=alert(1)>.heapsnapshot',
};

function csp(html: string): string {
  const m = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  assert.ok(m, 'CSP meta present');
  return m[1];
}

test('CSP denies everything by default and allows scripts only by nonce', () => {
  const html = webviewHtml({ ...parts, nonce: 'abc123' });
  const policy = csp(html).split('; ');
  assert.equal(policy[0], "default-src 'none'");
  assert.ok(policy.includes("script-src 'nonce-abc123'"));
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp(html)));
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0], /nonce="abc123" src="https:\/\/file\+\.vscode-resource[^"]*webview\.js"/);
});

test('the title is escaped, never markup', () => {
  const html = webviewHtml(parts);
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
});

test('nonces differ per page and are plain alphanumerics', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const n = makeNonce();
    assert.match(n, /^[A-Za-z0-9]{16,}$/);
    seen.add(n);
  }
  assert.equal(seen.size, 50);
});
