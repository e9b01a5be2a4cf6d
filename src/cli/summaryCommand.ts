import { CliCommand } from './cliCommand';
import { oneLine } from './oneLine';
import { formatBytes, formatCount } from '../protocol/format';
import { parseSnapshotFileArgs } from './snapshotFileArgs';
import { withEngine } from './withEngine';

/**
 * `heapscope summary FILE [--json] [--top N]`. JSON (stable, documented in the README):
 * {"nodeCount","edgeCount","totalSize","classes":[{"name","count","selfSize","retainedSize"}],
 *  "top":[{"id","name","type","selfSize","retainedSize"}]}; every class, largest retained first;
 * `top` holds N objects (default 20).
 */
export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'summary FILE [--json] [--top N]',
  description: 'classes by retained size and the largest objects of a .heapsnapshot',
  async run(args, io) {
    const { files: [file], json, top } = parseSnapshotFileArgs(args, { min: 1, max: 1, expected: 'expected exactly one FILE' });
    const summary = await withEngine(io, async (engine, call) => {
      const info = await engine.open({ file }, call());
      return engine.summary({ handle: info.handle, top }, call());
    });
    if (json) {
      io.stdout.write(`${JSON.stringify({
        nodeCount: summary.nodeCount,
        edgeCount: summary.edgeCount,
        totalSize: summary.totalSize,
        classes: summary.classes.map((c) => ({ name: c.name, count: c.count, selfSize: c.selfSize, retainedSize: c.retainedSize })),
        top: summary.top.map((n) => ({ id: n.id, name: n.name, type: n.type, selfSize: n.selfSize, retainedSize: n.retainedSize })),
      })}\n`);
      return 0;
    }
    const lines = [
      `${file}: ${formatCount(summary.nodeCount)} nodes, ${formatCount(summary.edgeCount)} edges, ${formatBytes(summary.totalSize)} in total`,
      '',
      `Classes by retained size (${Math.min(top, summary.classes.length)} of ${formatCount(summary.classes.length)}):`,
      `  ${'retained'.padStart(10)} ${'self'.padStart(10)} ${'count'.padStart(9)}  class`,
      ...summary.classes.slice(0, top).map((c) =>
        `  ${formatBytes(c.retainedSize).padStart(10)} ${formatBytes(c.selfSize).padStart(10)} ${formatCount(c.count).padStart(9)}  ${oneLine(c.name)}`),
      '',
      'Largest objects by retained size:',
      `  ${'retained'.padStart(10)} ${'self'.padStart(10)} ${'id'.padStart(10)}  object`,
      ...summary.top.map((n) =>
        `  ${formatBytes(n.retainedSize).padStart(10)} ${formatBytes(n.selfSize).padStart(10)} ${`@${n.id}`.padStart(10)}  ${n.type} ${oneLine(n.name)}`),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
