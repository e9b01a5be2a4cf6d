import { join } from 'node:path';
import { runProcess } from '../runProcess';

/**
 * Runs `script` in a real child Node process. The script gets `snap()` which writes the next
 * snapshot (v8.writeHeapSnapshot) to one of `count` files; resolves with the file paths.
 * `node` picks another Node binary (see test/nodeBinaries.ts).
 */
export async function childSnapshots(script: string, count: number, dir: string, node = process.execPath): Promise<string[]> {
  const tag = node === process.execPath ? '' : `-${node.replace(/[^a-z0-9]+/gi, '_').slice(-40)}`;
  const files = Array.from({ length: count }, (_, i) => join(dir, `s${i + 1}${tag}.heapsnapshot`));
  const prelude = `const __files = ${JSON.stringify(files)}; let __i = 0; const snap = () => require('v8').writeHeapSnapshot(__files[__i++]);\n`;
  const run = await runProcess(node, ['-e', prelude + script]);
  if (run.code !== 0) throw new Error(`snapshot child exited ${run.code ?? run.signal}: ${run.stderr}`);
  return files;
}

/** A small app with the shapes the analysis must name: a Map cache, a closure, class instances. */
export const LEAKY_APP = `
class LeakyThing { constructor(i) { this.i = i; this.payload = 'p'.repeat(200) + i; } }
const cache = new Map();
function makeHandler() { const big = new Array(20000).fill(7); const small = 1; function onDone() { return small; } onDone.peek = () => big.length; return onDone; }
globalThis.handlers = [makeHandler()];
globalThis.cache = cache;
let n = 0;
function grow(k) { for (let j = 0; j < k; j++) { cache.set('k' + n, new LeakyThing(n)); n++; } }
`;
