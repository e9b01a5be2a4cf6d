/**
 * One measurement, run in its own child process so its peak RSS is its own:
 *
 *   node .bench/measureOne.cjs TOOL FILE   →  one JSON line {tool, wallMs, maxRssMb, nodeCount, detail}
 *
 * Each tool does what a user waits for before seeing a summary by constructor with retained sizes:
 *   heapscope        our engine's open + summary (parse, graph with dominators and retained sizes, class table)
 *   heapscope-parse  our parser alone (with its helper thread, as the engine runs it)
 *   vscode           @vscode/v8-heap-parser: decode_bytes + class groups with retained sizes
 *   devtools         chrome-devtools-frontend's heap snapshot worker: full load + Summary aggregates
 *   memlab           @memlab/core: parse, shortest paths, dominators and retained sizes, counts per class
 * Wall and CPU time cover the work, not Node's start-up or module loading. CPU time counts every
 * thread of the process (DevTools' worker and the WASM parser are single-threaded; V8's GC helpers
 * are not), so it can exceed wall time.
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine/engine';
import { loadSnapshot } from '../src/engine/loadSnapshot';
import type { LoadSchedule } from '../src/engine/loadSchedule';
import { parseSnapshotFile } from '../src/engine/snapshot/parseSnapshotFile';
import { edgesOnThread } from '../src/engine/thread/edgesOnThread';
import { startGraphThread } from '../src/engine/thread/startGraphThread';
import { TaskContext } from '../src/protocol/rpc';
import { loadWithDevTools } from '../test/reference/devtoolsReference';

export const TOOLS = ['heapscope', 'heapscope-parse', 'vscode', 'devtools', 'memlab'] as const;
export type Tool = (typeof TOOLS)[number];

export interface Measurement {
  tool: Tool;
  wallMs: number;
  /** User + system CPU of the work: on a shared machine, what the tool costs regardless of load. */
  cpuMs: number;
  /** The kernel's part of cpuMs: mostly first touches of fresh pages (see bench/README.md). */
  sysMs: number;
  maxRssMb: number;
  nodeCount: number;
  /** Something from the result, so the work cannot be skipped and runs can be compared. */
  detail: string;
  /** With HEAPSCOPE_MEMORY_PHASES: RSS per phase (see PhaseMemory). */
  phases?: PhaseMemory[];
  samples?: [number, string, number][];
}

/**
 * With HEAPSCOPE_MEMORY_PHASES set (bench/memoryPhases.bench.ts), each progress report samples
 * this process's RSS and its peak so far (VmRSS, VmHWM), and the run's JSON line gets them per
 * phase: which step raised the peak, and by how much.
 */
export interface PhaseMemory {
  phase: string;
  /** RSS at the phase's first report, the most seen during it, and the process's peak at its last (MB). */
  firstRssMb: number;
  maxRssMb: number;
  hwmMb: number;
}
const phases: PhaseMemory[] = [];
/** With HEAPSCOPE_MEMORY_PHASES=all, every sample: [ms since start, phase, RSS MB]. */
const samples: [number, string, number][] = [];
const started0 = performance.now();
const samplePhases = !!process.env.HEAPSCOPE_MEMORY_PHASES;
function sampleMemory(phase: string): void {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) / 1024;
  const rss = kb('VmRSS');
  if (process.env.HEAPSCOPE_MEMORY_PHASES === 'all') samples.push([Math.round(performance.now() - started0), phase, Math.round(rss)]);
  const last = phases[phases.length - 1];
  if (last?.phase !== phase) phases.push({ phase, firstRssMb: rss, maxRssMb: rss, hwmMb: kb('VmHWM') });
  else {
    last.maxRssMb = Math.max(last.maxRssMb, rss);
    last.hwmMb = kb('VmHWM');
  }
}

const context: TaskContext = {
  progress(phase: string) {
    if (samplePhases) sampleMemory(phase);
  },
  signal: new AbortController().signal,
  throwIfCancelled() {},
  checkpoint: async () => {},
};

async function run(tool: Tool, file: string): Promise<{ nodeCount: number; detail: string }> {
  switch (tool) {
    case 'heapscope': {
      // HEAPSCOPE_SCHEDULE (parallel | low-memory) forces the helper thread's schedule; unset, the engine chooses.
      const schedule = process.env.HEAPSCOPE_SCHEDULE as LoadSchedule | undefined;
      const engine = createEngine(schedule ? { load: (f, ctx) => loadSnapshot(f, ctx, { schedule }) } : {});
      const info = await engine.open({ file }, context);
      const summary = await engine.summary({ handle: info.handle, top: 20 }, context);
      return { nodeCount: info.nodeCount, detail: `${summary.classes.length} classes, top ${summary.classes[0]?.name} ${summary.classes[0]?.retainedSize}` };
    }
    case 'heapscope-parse': {
      // As loadSnapshot parses: the edges on the helper thread, started first.
      const thread = startGraphThread();
      const parsed = await parseSnapshotFile(file, { edgesHelper: thread ? edgesOnThread(thread) : undefined }).finally(() => thread?.dispose());
      return { nodeCount: parsed.nodeCount, detail: `${parsed.edgeCount} edges, ${parsed.strings.count} strings` };
    }
    case 'vscode': {
      // Loaded from bench/node_modules at run time: a peer, never a dependency of the extension.
      const parser = require(require.resolve('@vscode/v8-heap-parser', { paths: [__dirname, `${process.cwd()}/bench`] })) as {
        decode_bytes(input: Uint8Array): { get_class_groups(start: number, end: number, noRetained: boolean): { name(): string; retained_size: bigint }[] };
        init_panic_hook(): void;
      };
      // Without it a Rust panic is only "RuntimeError: unreachable"; with it, the panic's message.
      parser.init_panic_hook();
      const graph = parser.decode_bytes(readFileSync(file));
      const groups = graph.get_class_groups(0, 1e9, false);
      return { nodeCount: -1, detail: `${groups.length} classes, top ${groups[0]?.name()} ${groups[0]?.retained_size}` };
    }
    case 'devtools': {
      const result = await loadWithDevTools(file, { aggregates: true });
      const top = [...(result.aggregates ?? [])].sort((a, b) => b.retained - a.retained)[0];
      return { nodeCount: result.nodeCount, detail: `${result.aggregates?.length} classes, top ${top?.name} ${top?.retained}` };
    }
    case 'memlab': {
      const memlab = require(require.resolve('@memlab/core', { paths: [__dirname, `${process.cwd()}/bench`] })) as {
        utils: { getSnapshotFromFile(file: string, options: object): Promise<MemlabSnapshot> };
        TraceFinder: new () => { annotateShortestPaths(s: MemlabSnapshot): void; calculateAllNodesRetainedSizes(s: MemlabSnapshot): void };
      };
      const snapshot = await memlab.utils.getSnapshotFromFile(file, { buildNodeIdIndex: true });
      const finder = new memlab.TraceFinder();
      finder.annotateShortestPaths(snapshot);
      finder.calculateAllNodesRetainedSizes(snapshot);
      const classes = new Map<string, number>();
      snapshot.nodes.forEach((node) => {
        classes.set(node.name, (classes.get(node.name) ?? 0) + node.retainedSize);
      });
      return { nodeCount: snapshot.nodes.length, detail: `${classes.size} names` };
    }
  }
}

interface MemlabSnapshot {
  nodes: { length: number; forEach(visit: (node: { name: string; retainedSize: number }) => void): void };
}

if (require.main === module) {
  const [tool, file] = process.argv.slice(2) as [Tool, string];
  if (!TOOLS.includes(tool) || !file) {
    console.error(`usage: measureOne (${TOOLS.join('|')}) FILE`);
    process.exit(2);
  }
  // Silence the peers' own progress output; stdout carries only our JSON line.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const started = performance.now();
  const cpu = process.cpuUsage();
  run(tool, file).then(
    ({ nodeCount, detail }) => {
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      const sysMs = used.system / 1000;
      const maxRssMb = process.resourceUsage().maxRSS / 1024;
      if (samplePhases) sampleMemory('done');
      const m: Measurement = { tool, wallMs, cpuMs, sysMs, maxRssMb, nodeCount, detail, ...(samplePhases ? { phases } : {}), ...(samples.length ? { samples } : {}) };
      write(`${JSON.stringify(m)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
