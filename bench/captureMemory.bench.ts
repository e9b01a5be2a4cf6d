// Measures how much the capturing process's memory grows while it streams a large heap snapshot
// to disk (issue 3: a 300 MB snapshot must raise the capturer's RSS by less than 100 MB).
//
//   node --import tsx bench/captureMemory.bench.ts [objects=3500000]
//
// Starts a target holding `objects` small objects (about 90 bytes of snapshot each), captures it
// with the library in this process while sampling RSS every 50 ms, prints one JSON line and
// removes the file. The target is started without an inspector and is switched off and killed at
// the end.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attach } from '../src/inspector/inspector';

async function main(): Promise<void> {
  const objects = Number(process.argv[2] ?? 3_500_000);
  const target = spawn(
    process.execPath,
    ['--inspect-port=0', '--max-old-space-size=4096', '-e', `globalThis.keep = Array.from({ length: ${objects} }, (_, i) => ({ i })); console.log('ready'); setInterval(() => {}, 1000);`],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve) => target.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const dir = mkdtempSync(join(tmpdir(), 'heapscope-bench-'));
  try {
    const session = await attach({ pid: target.pid! }, { commandTimeoutMs: 120_000 });
    try {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const heap = await session.heapUsage();
      const result = await session.capture({ file: join(dir, 'big.heapsnapshot'), stallTimeoutMs: 300_000 });
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      console.log(
        JSON.stringify({
          objects,
          targetHeapUsedMB: mb(heap.usedSize),
          snapshotMB: mb(result.bytes),
          captureSeconds: Math.round(result.durationMs / 100) / 10,
          capturerRssBeforeMB: mb(before),
          capturerRssPeakMB: mb(peak),
          capturerRssGrowthMB: mb(peak - before),
          growthPerSnapshot: Math.round(((peak - before) / result.bytes) * 1000) / 1000,
        }),
      );
    } finally {
      await session.detach();
    }
  } finally {
    target.kill('SIGKILL');
    await once(target, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
