import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MemorySampler, attach } from '../../src/inspector/inspector';
import { killAllTargets, startTarget } from './nodeTargets';

after(killAllTargets);

/**
 * The target grows in steps (2 MB of heap and 1 MB of Buffer every 300 ms, then two forced GCs)
 * and at the end of each step prints its own process.memoryUsage() with the step's start and end
 * on its clock. Between steps it does nothing, so a sample whose request and answer both fall
 * between two steps must show what the earlier report shows, up to what handling the request
 * allocated. (Node runs inspector requests on an interrupt, even in the middle of a synchronous
 * step, so a sample that overlaps a step is skipped as ambiguous.)
 */
const STEPPING_TARGET = `
  const keep = [];
  setInterval(() => {
    const start = Date.now();
    keep.push(new Array(250000).fill(keep.length + 0.5), Buffer.alloc(1 << 20, 1));
    global.gc(); global.gc();
    console.log(JSON.stringify({ start, at: Date.now(), ...process.memoryUsage() }));
  }, 300);
  console.log('ready');
`;

interface Report {
  start: number;
  at: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

test('samples match the target’s own process.memoryUsage() within sampling error, and count its GCs', async () => {
  const target = await startTarget(STEPPING_TARGET, ['--inspect-port=0', '--expose-gc']);
  const session = await attach({ pid: target.pid });
  const sampler = new MemorySampler(session, { onSample: () => undefined });
  const compared: string[] = [];
  let gcSeen = 0;
  try {
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      const sentAt = Date.now();
      const sample = await sampler.sampleOnce();
      gcSeen += sample.gc?.count ?? 0;
      // Let reports printed up to now come through the pipe before pairing.
      await new Promise((r) => setTimeout(r, 80));
      const reports = target.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Report);
      const before = reports.filter((r) => r.at <= sentAt).pop();
      // A step between request and answer makes the pairing ambiguous: skip that sample.
      if (!before || reports.some((r) => r.at > sentAt && r.start <= sample.time)) continue;
      const tolerance = { heapUsed: 1 << 20, heapTotal: 1 << 20, external: 64 * 1024, arrayBuffers: 64 * 1024, rss: 4 << 20 };
      for (const key of Object.keys(tolerance) as (keyof typeof tolerance)[]) {
        const diff = Math.abs(sample[key] - before[key]);
        assert.ok(diff <= tolerance[key], `${key}: sampled ${sample[key]}, target said ${before[key]} (diff ${diff})`);
      }
      compared.push(`${before.at}`);
    }
    // Several distinct steps compared, so a stale or constant figure could not pass.
    assert.ok(new Set(compared).size >= 5, `compared only ${new Set(compared).size} steps`);
    // Two forced collections per step, about 13 steps: the observer saw most of them.
    assert.ok(gcSeen >= 10, `saw ${gcSeen} collections`);
  } finally {
    await sampler.stop();
  }
  const { result } = await session.connection.send('Runtime.evaluate', {
    expression: `globalThis[Symbol.for('heapscope.memoryWatch')] === undefined`,
    returnByValue: true,
  });
  assert.equal(result.value, true, 'stop() removed the GC observer from the target');
  await session.detach();
  await target.kill();
});

test('start() samples about once per interval and never overlaps; pause() stops samples until resume()', async () => {
  const target = await startTarget("setInterval(() => {}, 1000); console.log('ready');");
  const session = await attach({ pid: target.pid });
  const times: number[] = [];
  const sampler = new MemorySampler(session, { intervalMs: 200, onSample: (s) => times.push(s.time) });
  sampler.start();
  await new Promise((r) => setTimeout(r, 1100));
  sampler.pause();
  const atPause = times.length;
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(times.length, atPause, 'no sample while paused');
  sampler.resume();
  await new Promise((r) => setTimeout(r, 500));
  await sampler.stop();
  await session.detach();
  await target.kill();
  assert.ok(atPause >= 4 && atPause <= 7, `${atPause} samples in 1.1 s at 200 ms`);
  assert.ok(times.length > atPause, 'sampling went on after resume()');
  for (let i = 1; i < times.length; i++) assert.ok(times[i] > times[i - 1]);
});
