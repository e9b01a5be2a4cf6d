import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import ts from 'typescript';
import { SourceMapper } from '../../../src/engine/sourcemap/sourceMapper';
import { arrowIn, LEAK_FILE, leakInSource, TS_SERVER_DIR } from './leakSource';
import { tempDir } from '../../tempDir';

/**
 * The mapper against maps made for real, at test time, from the TypeScript sample: tsc's inline
 * and file maps (through the TypeScript compiler) and an esbuild bundle of both of its modules.
 * The expected line is the sample's own marked line, found from its text.
 */
const tmp = tempDir('sourcemap');
const dir = tmp.dir;
after(() => tmp.remove());

const source = readFileSync(LEAK_FILE, 'utf8');
const leak = leakInSource();

/** tsc's emit of reportJobs.ts, written next to a copy of the .ts so relative `sources` resolve. */
function tscEmit(name: string, options: ts.CompilerOptions): string {
  const tsFile = join(dir, `${name}.ts`);
  copyFileSync(LEAK_FILE, tsFile);
  const r = ts.transpileModule(source, { fileName: tsFile, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...options } });
  const js = join(dir, `${name}.js`);
  writeFileSync(js, r.outputText);
  if (r.sourceMapText) writeFileSync(`${js}.map`, r.sourceMapText);
  return js;
}

const cases = [
  { name: 'tsc inline map (data: URL)', js: () => tscEmit('inline', { inlineSourceMap: true, inlineSources: true }), ts: () => join(dir, 'inline.ts'), map: 'inline' },
  { name: 'tsc file map (sourceMappingURL=…js.map)', js: () => tscEmit('filemap', { sourceMap: true }), ts: () => join(dir, 'filemap.ts'), map: join(dir, 'filemap.js.map') },
  {
    name: 'esbuild bundle of server.ts + reportJobs.ts, minified',
    js: () => {
      const outfile = join(dir, 'bundle', 'server.js');
      buildSync({ entryPoints: [join(TS_SERVER_DIR, 'src', 'server.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', sourcemap: true, outfile, logLevel: 'error' });
      return outfile;
    },
    ts: () => LEAK_FILE,
    map: join(dir, 'bundle', 'server.js.map'),
  },
];

for (const c of cases) {
  test(`maps the kept closure to its TypeScript line: ${c.name}`, async () => {
    const js = c.js();
    const generated = { url: js, ...arrowIn(readFileSync(js, 'utf8')) };
    const m = await new SourceMapper().map(generated);
    assert.deepEqual(m.note, { mapped: true, map: c.map });
    assert.equal(m.location.url, c.ts());
    assert.deepEqual({ line: m.location.line, column: m.location.column }, leak);
    assert.deepEqual(m.generated, generated);
    // The same through a file: URL, as V8 names ES modules.
    const viaUrl = await new SourceMapper().map({ ...generated, url: pathToFileURL(js).href });
    assert.deepEqual(viaUrl.location, m.location);
  });
}

test('a minified bundle gives back original names where its map has them', async () => {
  const js = join(dir, 'bundle', 'server.js');
  const text = readFileSync(js, 'utf8');
  // The minifier renamed `cancelHandlers`; find its `.set(` call in the output.
  const m = /([\w$]+)\.set\(/.exec(text);
  assert.ok(m && m[1] !== 'cancelHandlers', 'the bundle is minified');
  const before = text.slice(0, m.index);
  const at = { url: js, line: before.split('\n').length, column: m.index - (before.lastIndexOf('\n') + 1) + 1 };
  const mapped = await new SourceMapper().map(at);
  assert.equal(mapped.location.name, 'cancelHandlers');
  assert.equal(mapped.location.url, LEAK_FILE);
  assert.match(source.split('\n')[mapped.location.line - 1], /cancelHandlers\.set\(/);
});

const unmapped = [
  { name: 'plain JavaScript without a map', setup: () => write('plain.js', 'function f() {}\n'), reason: /has no sourceMappingURL comment and no \.map file beside it/ },
  { name: 'a remote map (never fetched)', setup: () => write('remote.js', 'function f() {}\n//# sourceMappingURL=https://example.invalid/x.js.map\n'), reason: /not a local file/ },
  { name: 'a map file that is missing', setup: () => write('gone.js', 'function f() {}\n//# sourceMappingURL=gone.js.map\n'), reason: /gone\.js\.map: no such file/ },
  { name: 'a map that is not JSON', setup: () => (write('bad.js.map', '{nope'), write('bad.js', 'function f() {}\n//# sourceMappingURL=bad.js.map\n')), reason: /cannot be parsed/ },
  { name: 'a node: internal', setup: () => 'node:internal/timers', reason: /not a file on this machine/ },
  { name: 'a script that is not on this machine', setup: () => join(dir, 'nowhere', 'x.js'), reason: /no such file/ },
  { name: 'a directory named like a script', setup: () => dir, reason: /not a regular file/ },
];

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

for (const c of unmapped) {
  test(`says why a location is not mapped, and keeps it: ${c.name}`, async () => {
    const at = { url: c.setup(), line: 1, column: 10 };
    const m = await new SourceMapper().map(at);
    assert.equal(m.note.mapped, false);
    assert.match(m.note.mapped ? '' : m.note.reason, c.reason);
    assert.deepEqual(m.location, at);
  });
}

test('a line the map has no mapping for is not guessed', async () => {
  const js = join(dir, 'filemap.js');
  const lines = readFileSync(js, 'utf8').split('\n').length;
  const m = await new SourceMapper().map({ url: js, line: lines + 5, column: 1 });
  assert.equal(m.note.mapped, false);
  assert.match(m.note.mapped ? '' : m.note.reason, /has no mapping on line/);
});
