/**
 * Target processes for the capture benches: a heap of a chosen shape and size in a real Node
 * process of a chosen version, a timer inside it that records how long its event loop was
 * blocked, and its peak RSS read from /proc (VmHWM, reset through clear_refs before each capture).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import type { InspectorSession } from '../src/inspector/inspector';
import { ensureNodeBinary } from '../test/nodeBinaries';

export type HeapShape = 'small-objects' | 'service' | 'large-arrays' | 'buffers';
export const HEAP_SHAPES: readonly HeapShape[] = ['small-objects', 'service', 'large-arrays', 'buffers'];

/** Builds about `mb` MB of the shape (JS heap, or external memory for buffers). */
function shapeScript(shape: HeapShape, mb: number): string {
  switch (shape) {
    case 'small-objects':
      // {i, s} plus a short string: about 56 bytes a pair.
      return `globalThis.keep = Array.from({ length: ${Math.round((mb * 1e6) / 60)} }, (_, i) => ({ i, s: 'k' + i }));`;
    case 'service':
      // Users with nested objects, dates and closures, roughly what a leaking server holds.
      return (
        `globalThis.keep = new Map(); for (let i = 0; i < ${Math.round((mb * 1e6) / 560)}; i++) {` +
        ` const name = 'user-' + i; const token = 'tok_' + i.toString(36);` +
        ` keep.set(name, { id: i, name, email: name + '@example.com', tags: ['a' + (i % 7), 'b'], createdAt: new Date(i),` +
        ` profile: { age: i % 50, address: { city: 'c' + (i % 10), zip: String(10000 + i) } }, onDone: () => token.length }); }`
      );
    case 'large-arrays':
      // Few large objects: arrays of doubles and flat strings in the large-object space.
      return (
        `globalThis.keep = []; for (let i = 0; i < ${Math.max(1, Math.round(mb / 16))}; i++) {` +
        ` keep.push(new Array(1e6).fill(i + 0.5)); keep.push(Buffer.alloc(4e6, 97 + (i % 26)).toString('latin1')); }`
      );
    case 'buffers':
      // External memory: Buffer contents live outside the JS heap and are not serialised.
      return `globalThis.keep = Array.from({ length: ${Math.round((mb * 1e6) / 65536)} }, (_, i) => Buffer.alloc(65536, i));`;
    default: {
      const never: never = shape;
      throw new Error(String(never));
    }
  }
}

// Every 5 ms: the longest gap between two ticks since the last reset is how long the loop was blocked.
const PAUSE_TRACKER =
  `globalThis.__pause = { last: performance.now(), max: 0 }; setInterval(() => { const now = performance.now();` +
  ` __pause.max = Math.max(__pause.max, now - __pause.last - 5); __pause.last = now; }, 5);`;

export interface BenchTarget {
  child: ChildProcess;
  pid: number;
  version: string;
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
// A bench stopped with Ctrl-C must not leave its multi-GB targets behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  });
}

export function nodeFor(major: number): string {
  return major === Number(process.versions.node.split('.')[0]) ? process.execPath : ensureNodeBinary(major);
}

export async function startBenchTarget(major: number, shape: HeapShape, mb: number): Promise<BenchTarget> {
  const script = `${shapeScript(shape, mb)} ${PAUSE_TRACKER} console.log('ready ' + process.version);`;
  const child = spawn(nodeFor(major), ['--inspect-port=0', '--max-old-space-size=8192', '-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const version = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (v\S+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`target exited (${code}) before it was ready`)));
  });
  return {
    child,
    pid: child.pid!,
    version,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    },
  };
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/** Resets the peak RSS (VmHWM) to the current RSS, and the target's pause tracker. */
export async function resetPeaks(session: InspectorSession): Promise<number> {
  writeFileSync(`/proc/${session.pid}/clear_refs`, '5');
  await session.connection.send('Runtime.evaluate', { expression: '__pause.max = 0, __pause.last = performance.now(), 0' });
  return statusKb(session.pid, 'VmRSS');
}

/** Peak RSS since the reset, and the longest event-loop block in ms. */
export async function readPeaks(session: InspectorSession): Promise<{ peakRss: number; pauseMs: number }> {
  // Give the tracker one tick after the snapshot so the gap it ended is counted.
  await new Promise((r) => setTimeout(r, 30));
  const { result } = await session.connection.send('Runtime.evaluate', { expression: '__pause.max', returnByValue: true });
  return { peakRss: statusKb(session.pid, 'VmHWM'), pauseMs: Number(result.value) };
}

export const mb = (n: number): number => Math.round(n / 1e5) / 10;
