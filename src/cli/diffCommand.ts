import { CliCommand } from './cliCommand';
import { formatBytes, formatCount, formatCountDelta, formatDelta } from '../protocol/format';
import { parseSnapshotFileArgs } from './snapshotFileArgs';
import { oneLine } from './oneLine';
import { withEngine } from './withEngine';

/**
 * `heapscope diff A B [C] [--json] [--top N]`: snapshots of one process in capture order,
 * matched by node id. JSON (stable, documented in the README):
 * {"files":[…],"classes":[{"name","newCount","deletedCount","countDelta","newSize","deletedSize",
 *  "sizeDelta"}],"retainedFromMiddle":null | [{"name","count","selfSize","retainedSize"}]}
 */
export const diffCommand: CliCommand = {
  name: 'diff',
  usage: 'diff A B [C] [--json] [--top N]',
  description: 'what changed between snapshots of one process (with C: allocated between A and B, still alive in C)',
  async run(args, io) {
    const { files: positionals, json, top } = parseSnapshotFileArgs(args, { min: 2, max: 3, expected: 'expected two or three snapshot files' });
    const result = await withEngine(io, async (engine, call) => {
      const handles: string[] = [];
      for (const file of positionals) handles.push((await engine.open({ file }, call())).handle);
      return engine.diff({ handles }, call());
    });
    if (json) {
      io.stdout.write(`${JSON.stringify({
        files: positionals,
        classes: result.classes.map((c) => ({
          name: c.name, newCount: c.newCount, deletedCount: c.deletedCount, countDelta: c.countDelta,
          newSize: c.newSize, deletedSize: c.deletedSize, sizeDelta: c.sizeDelta,
        })),
        retainedFromMiddle: result.retainedFromMiddle?.map((c) => ({ name: c.name, count: c.count, selfSize: c.selfSize, retainedSize: c.retainedSize })) ?? null,
      })}\n`);
      return 0;
    }
    const lines = [
      `${positionals[0]} → ${positionals[1]}: classes by size change (${Math.min(top, result.classes.length)} of ${formatCount(result.classes.length)}):`,
      `  ${'size Δ'.padStart(11)} ${'count Δ'.padStart(9)} ${'new'.padStart(8)} ${'deleted'.padStart(8)}  class`,
      ...result.classes.slice(0, top).map((c) =>
        `  ${formatDelta(c.sizeDelta).padStart(11)} ${formatCountDelta(c.countDelta).padStart(9)} ${formatCount(c.newCount).padStart(8)} ${formatCount(c.deletedCount).padStart(8)}  ${oneLine(c.name)}`),
    ];
    if (result.retainedFromMiddle) {
      lines.push('', `Allocated between ${positionals[0]} and ${positionals[1]}, still alive in ${positionals[2]}:`,
        `  ${'retained'.padStart(10)} ${'self'.padStart(10)} ${'count'.padStart(9)}  class`,
        ...result.retainedFromMiddle.slice(0, top).map((c) =>
          `  ${formatBytes(c.retainedSize).padStart(10)} ${formatBytes(c.selfSize).padStart(10)} ${formatCount(c.count).padStart(9)}  ${oneLine(c.name)}`));
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
