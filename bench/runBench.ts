/**
 * `npm run bench` — times our full analysis against the peers, side by side, in one run:
 *
 *   node --import tsx bench/runBench.ts [--sizes 250,900] [--runs 3] [--tools heapscope,vscode,devtools,memlab]
 *
 * Every measurement is its own child process (bench/measureOne.ts, bundled) so its peak RSS is its
 * own; measurements run one after another, never at once. Prints the median wall time and the
 * largest peak RSS per tool and size, and each peer's ratio to ours. Peers come from bench/node_modules
 * (`npm run bench:install`); DevTools' worker from the chrome-devtools-frontend devDependency.
 */
import { spawnSync } from 'node:child_process';
import { workerEnv } from '../src/engine/engineClient';
import { WORKER_EXEC_ARGV } from '../src/engine/workerExecArgv';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { devToolsBundle } from '../test/reference/devToolsBundle';
import { BENCH_DIR, ensureBenchSnapshot } from './benchSnapshots';
import { Measurement, Tool, TOOLS } from './measureOne';
import { option } from './benchOption';

const REPO = join(__dirname, '..');
// Two levels under the repo, as test/reference/ is: the DevTools harness finds the repo from there.
const HARNESS = join(BENCH_DIR, 'harness', 'measureOne.cjs');

/**
 * In one bundle every module shares `module`, so the DevTools harness's own command-line entry
 * (`require.main === module`) would run too; it is switched off for the bundle.
 */
const onlyOurMain: Plugin = {
  name: 'only-our-main',
  setup(build) {
    build.onLoad({ filter: /devtoolsReference\.ts$/ }, (args) => ({
      loader: 'ts',
      contents: readFileSync(args.path, 'utf8').replace('require.main === module', 'false'),
    }));
  },
};

async function buildHarness(): Promise<void> {
  mkdirSync(join(BENCH_DIR, 'harness'), { recursive: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(__dirname, 'measureOne.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: HARNESS,
    external: ['esbuild', '@vscode/v8-heap-parser', '@memlab/core'],
    logLevel: 'error',
    plugins: [onlyOurMain],
  });
  // Our engine's helper thread, next to the harness as startGraphThread looks for it.
  await esbuild.build({
    entryPoints: [join(__dirname, '..', 'src', 'engine', 'thread', 'graphThread.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(BENCH_DIR, 'harness', 'graphThread.js'),
    logLevel: 'error',
  });
}

function measure(tool: Tool, file: string): Measurement | { tool: Tool; error: string } {
  // Peers need far more than V8's default heap on big snapshots; the limit does not change ours.
  const flags = tool.startsWith('heapscope') ? WORKER_EXEC_ARGV : [];
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', ...flags, HARNESS, tool, file], {
    cwd: REPO,
    // Ours runs as it ships: with the engine worker's environment and flags.
    env: tool.startsWith('heapscope') ? workerEnv(process.env) : process.env,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    maxBuffer: 1 << 26,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    const why = r.error?.message ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.status}`);
    // The first line naming an error says why (a stack's last lines do not).
    const lines = r.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    const reason = lines.find((l) => /error|panicked|out of memory|memory access/i.test(l)) ?? lines[lines.length - 1] ?? '';
    return { tool, error: `${why}${reason ? `: ${reason.slice(0, 200)}` : ''}` };
  }
  return JSON.parse(line) as Measurement;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Row {
  tool: Tool;
  wallMs: number;
  cpuMs: number;
  sysMs: number;
  maxRssMb: number;
  detail: string;
  error?: string;
}

async function main(): Promise<void> {
  const sizes = option('sizes', '250,900').split(',').map(Number);
  const runs = Math.max(1, Number(option('runs', '3')));
  // Seconds to wait before each run: long enough and every run starts on memory the host has
  // taken back (see bench/README.md), the same for every tool.
  const pauseMs = Math.max(0, Number(option('pause', '0'))) * 1000;
  const tools = option('tools', 'heapscope,heapscope-parse,vscode,devtools,memlab').split(',') as Tool[];
  for (const t of tools) if (!TOOLS.includes(t)) throw new Error(`unknown tool ${t}`);
  if (tools.some((t) => t === 'vscode' || t === 'memlab') && !existsSync(join(__dirname, 'node_modules'))) {
    throw new Error('peers missing: run `npm run bench:install` first');
  }
  if (tools.includes('devtools')) await devToolsBundle();
  await buildHarness();

  const out: string[] = [];
  for (const mb of sizes) {
    const file = ensureBenchSnapshot(mb);
    const rows: Row[] = [];
    for (const tool of tools) {
      const ok: Measurement[] = [];
      let error: string | undefined;
      for (let r = 0; r < runs && !error; r++) {
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const m = measure(tool, file);
        if ('error' in m) error = m.error;
        else ok.push(m);
        process.stderr.write(`${mb} MB ${tool} run ${r + 1}: ${'error' in m ? m.error : `${(m.wallMs / 1000).toFixed(2)} s wall, ${(m.cpuMs / 1000).toFixed(2)} s CPU (${(m.sysMs / 1000).toFixed(2)} s sys), ${m.maxRssMb.toFixed(0)} MB`}\n`);
      }
      rows.push({
        tool,
        wallMs: ok.length ? median(ok.map((m) => m.wallMs)) : NaN,
        cpuMs: ok.length ? median(ok.map((m) => m.cpuMs)) : NaN,
        sysMs: ok.length ? median(ok.map((m) => m.sysMs)) : NaN,
        maxRssMb: ok.length ? Math.max(...ok.map((m) => m.maxRssMb)) : NaN,
        detail: ok[0]?.detail ?? '',
        error,
      });
    }
    const ours = rows.find((r) => r.tool === 'heapscope') ?? rows[0];
    const spacing = pauseMs > 0 ? `${pauseMs / 1000} s pause before each` : 'back to back';
    out.push(`\n### ${mb} MB snapshot (${runs} run${runs > 1 ? 's' : ''} each, ${spacing}; median wall, CPU and sys, largest peak RSS; load average ${loadavg()[0].toFixed(1)})\n`);
    out.push('| tool | wall | CPU | of it sys | peak RSS | wall / ours | CPU / ours | RSS / ours | result |');
    out.push('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      if (r.error) {
        out.push(`| ${r.tool} | fails | | | | | | | ${r.error} |`);
        continue;
      }
      const ratio = (a: number, b: number) => (r === ours ? '1' : `${(a / b).toFixed(2)}×`);
      out.push(`| ${r.tool} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.sysMs / 1000).toFixed(2)} s | ${r.maxRssMb.toFixed(0)} MB | ` +
        `${ratio(r.wallMs, ours.wallMs)} | ${ratio(r.cpuMs, ours.cpuMs)} | ${ratio(r.maxRssMb, ours.maxRssMb)} | ${r.detail} |`);
    }
  }
  console.log(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
