import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOAD_ATTEMPTS, makeNonce, webviewHtml } from '../../src/views/webviewHtml';

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
  assert.equal(scripts[0], '<script nonce="abc123">');
  assert.ok(!/<link/.test(html), 'the stylesheet comes through the loader too');
});

/** Runs the page's loader against a fake DOM whose loads fail `failures` times per resource. */
async function runLoader(html: string, failures: number): Promise<{ appended: { tag: string; nonce?: string; src?: string; href?: string }[]; loaded: string[] }> {
  const source = /<script nonce="[^"]*">([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.ok(source, 'the loader script');
  const appended: { tag: string; nonce?: string; src?: string; href?: string }[] = [];
  const loaded: string[] = [];
  const failed = new Map<string, number>();
  type FakeNode = { tagName: string; nonce?: string; src?: string; href?: string; rel?: string; onerror: (() => void) | null; remove(): void };
  const parent = {
    appendChild(node: FakeNode) {
      appended.push({ tag: node.tagName, nonce: node.nonce, src: node.src, href: node.href });
      const url = node.src ?? node.href ?? '';
      const n = failed.get(url) ?? 0;
      if (n < failures) {
        failed.set(url, n + 1);
        setTimeout(() => node.onerror?.(), 0);
      } else loaded.push(url);
    },
  };
  const document = {
    head: parent,
    body: parent,
    createElement: (tag: string): FakeNode => ({ tagName: tag.toUpperCase(), onerror: null, remove() {} }),
  };
  const fastTimers = (fn: () => void) => setTimeout(fn, 0);
  new Function('document', 'setTimeout', source)(document, fastTimers);
  await new Promise((r) => setTimeout(r, 50));
  return { appended, loaded };
}

test('the loader adds the bundle with the nonce and the stylesheet, once each when they load', async () => {
  const { appended, loaded } = await runLoader(webviewHtml({ ...parts, nonce: 'abc123' }), 0);
  assert.deepEqual(appended, [
    { tag: 'LINK', nonce: undefined, src: undefined, href: parts.styleUri },
    { tag: 'SCRIPT', nonce: 'abc123', src: parts.scriptUri, href: undefined },
  ]);
  assert.deepEqual(loaded.sort(), [parts.scriptUri, parts.styleUri].sort());
});

test('a bundle or stylesheet that fails to load (webview restored before its service worker) is asked for again', async () => {
  const { appended, loaded } = await runLoader(webviewHtml({ ...parts, nonce: 'abc123' }), 3);
  assert.equal(appended.filter((a) => a.src === parts.scriptUri).length, 4);
  assert.equal(appended.filter((a) => a.href === parts.styleUri).length, 4);
  assert.ok(appended.filter((a) => a.tag === 'SCRIPT').every((a) => a.nonce === 'abc123'));
  assert.deepEqual(loaded.sort(), [parts.scriptUri, parts.styleUri].sort());
  // It gives up in the end rather than looping for ever.
  const never = await runLoader(webviewHtml({ ...parts, nonce: 'abc123' }), 1000);
  assert.equal(never.loaded.length, 0);
  assert.equal(never.appended.filter((a) => a.src === parts.scriptUri).length, LOAD_ATTEMPTS);
});

test('a resource URI cannot close the loader script', () => {
  const html = webviewHtml({ ...parts, scriptUri: 'https://x/</script><img src=x onerror=alert(1)>.js' });
  assert.ok(!html.includes('<img'));
  assert.equal((html.match(/<\/script>/g) ?? []).length, 1);
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
