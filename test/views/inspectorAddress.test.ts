import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInspectorAddress } from '../../src/views/inspectorAddress';
import { locationToPath } from '../../src/views/sourceLocation';

test('parseInspectorAddress: ws URLs and host:port, nothing else', () => {
  const cases: [string, unknown][] = [
    ['ws://127.0.0.1:9229/0f2c', { url: 'ws://127.0.0.1:9229/0f2c' }],
    ['  localhost:40123 ', { host: 'localhost', port: 40123 }],
    ['[::1]:9229', { host: '::1', port: 9229 }],
    ['127.0.0.1:0', null],
    ['127.0.0.1:70000', null],
    ['http://127.0.0.1:9229', null],
    ['9229', null],
  ];
  for (const [text, expected] of cases) assert.deepEqual(parseInspectorAddress(text), expected, text);
});

test('locationToPath: files only', () => {
  const cases: [string, string | null][] = [
    ['file:///app/src/server.js', '/app/src/server.js'],
    ['file:///app/a%20b.js', '/app/a b.js'],
    ['/app/src/../lib/x.js', '/app/lib/x.js'],
    ['node:internal/timers', null],
    ['evalmachine.<anonymous>', null],
    ['', null],
  ];
  for (const [url, path] of cases) assert.equal(locationToPath(url), path, url);
});
