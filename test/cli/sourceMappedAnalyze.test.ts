import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildSync } from 'esbuild';
import { tempDir } from '../tempDir';
import { LEAK_FILE, leakInSource, TS_SERVER_DIR } from '../engine/sourcemap/leakSource';
import { runCli } from './cliRun';

/**
 * A real TypeScript server (samples/tsServer) compiled by tsc, and the same bundled by esbuild,
 * each run for three rounds writing its own snapshots; `heapscope analyze` (dist/cli.js) must put
 * the closure leak at its line in src/reportJobs.ts, keeping the compiled place beside it. Without
 * a map the finding says so and stays in the JavaScript.
 */
const tmp = tempDir('sourcemapped');
const leak = leakInSource();
let tscOut = '';
let bundleOut = '';
let bareOut = '';

before(() => {
  tscOut = join(tmp.dir, 'tsc');
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', TS_SERVER_DIR, '--outDir', tscOut], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  bundleOut = join(tmp.dir, 'bundle');
  buildSync({ entryPoints: [join(TS_SERVER_DIR, 'src', 'server.ts')], bundle: true, platform: 'node', format: 'cjs', sourcemap: true, outfile: join(bundleOut, 'server.js'), logLevel: 'error' });
  // The tsc output with its maps and sourceMappingURL comments taken away.
  bareOut = join(tmp.dir, 'bare');
  cpSync(tscOut, bareOut, { recursive: true });
  for (const f of readdirSync(bareOut)) {
    const p = join(bareOut, f);
    if (f.endsWith('.map')) rmSync(p);
    else writeFileSync(p, readFileSync(p, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''));
  }
});
after(() => tmp.remove());

/** Runs a compiled server in its snapshot mode; resolves with its three snapshot files. */
function snapshots(server: string): Promise<string[]> {
  const out = join(server, '..', 'snapshots');
  mkdirSync(out, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [server, '--snapshots', out], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0
      ? resolve(stdout.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { snapshot: string }).snapshot))
      : reject(new Error(`${server} exited ${code}: ${stderr}`))));
  });
}

interface JsonFinding {
  kind: string;
  location: { url: string; line: number; column: number } | null;
  generatedLocation: { url: string; line: number; column: number } | null;
  sourceMap: { mapped: boolean; map?: string; reason?: string } | null;
  evidence: string[];
  path: { name: string; location?: { url: string; line: number; column: number } }[];
}

async function closureFinding(server: string): Promise<{ finding: JsonFinding; text: string }> {
  const files = await snapshots(server);
  const json = await runCli(['analyze', ...files, '--json'], 120_000);
  assert.equal(json.code, 0, json.stderr);
  const finding = (JSON.parse(json.stdout) as { findings: JsonFinding[] }).findings.find((f) => f.kind === 'long-lived-closure');
  assert.ok(finding, json.stdout);
  const text = await runCli(['analyze', ...files], 120_000);
  assert.equal(text.code, 0, text.stderr);
  return { finding, text: text.stdout };
}

const mapped = [
  { name: 'tsc-compiled (one .js.map per module)', server: () => join(tscOut, 'server.js'), js: () => join(tscOut, 'reportJobs.js'), map: () => join(tscOut, 'reportJobs.js.map') },
  { name: 'esbuild-bundled (one file, one map)', server: () => join(bundleOut, 'server.js'), js: () => join(bundleOut, 'server.js'), map: () => join(bundleOut, 'server.js.map') },
];

for (const c of mapped) {
  test(`a ${c.name} TypeScript server's closure leak is shown at its .ts line`, { timeout: 240_000 }, async () => {
    const { finding, text } = await closureFinding(c.server());
    assert.deepEqual(finding.location, { url: LEAK_FILE, ...leak });
    assert.equal(finding.generatedLocation?.url, c.js());
    assert.deepEqual(finding.sourceMap, { mapped: true, map: c.map() });
    assert.ok(finding.evidence.some((e) => e.includes(`reportJobs.ts:${leak.line}:${leak.column}`)), finding.evidence.join('\n'));
    // Closures along the path are mapped too (the path ends at the kept `onCancel`).
    const kept = finding.path.find((s) => s.name === 'onCancel');
    assert.deepEqual(kept?.location, { url: LEAK_FILE, ...leak });
    const g = finding.generatedLocation!;
    assert.ok(text.includes(`at ${LEAK_FILE}:${leak.line}:${leak.column} (compiled: ${g.url}:${g.line}:${g.column})`), text);
  });
}

test('without a source map the finding says so and keeps the JavaScript location', { timeout: 240_000 }, async () => {
  const { finding, text } = await closureFinding(join(bareOut, 'server.js'));
  assert.equal(finding.location?.url, join(bareOut, 'reportJobs.js'));
  assert.deepEqual(finding.generatedLocation, finding.location);
  assert.equal(finding.sourceMap?.mapped, false);
  assert.match(finding.sourceMap?.reason ?? '', /reportJobs\.js has no sourceMappingURL comment and no \.map file beside it/);
  assert.match(text, /\(no source map: .*reportJobs\.js has no sourceMappingURL comment/);
});
