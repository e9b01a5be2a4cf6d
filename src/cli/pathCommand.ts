import { CliCommand, CliUsageError } from './cliCommand';
import { formatBytes } from '../protocol/format';
import { parseCliArgs, positiveInt } from './parseCliArgs';
import { oneLine } from './oneLine';
import { pathRuns } from '../protocol/pathRuns';
import { withEngine } from './withEngine';

/**
 * `heapscope path FILE --id NODE_ID [--k N] [--json]`: why a node is alive. JSON (stable,
 * documented in the README): {"file","id","paths":[{"root":{"id","name"},"internal",
 * "steps":[{"edge","type","label","id","name","nodeType","selfSize","retainedSize"}]}]}
 */
export const pathCommand: CliCommand = {
  name: 'path',
  usage: 'path FILE --id NODE_ID [--k N] [--json]',
  description: 'the shortest retainer paths from the GC roots to a node',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' }, id: { type: 'string' }, k: { type: 'string' } });
    if (positionals.length !== 1) throw new CliUsageError('expected exactly one FILE');
    if (values.id === undefined) throw new CliUsageError('--id NODE_ID is required');
    const id = positiveInt(values.id.replace(/^@/, ''), '--id', 0);
    const k = positiveInt(values.k, '--k', 3);
    const [file] = positionals;
    const paths = await withEngine(io, async (engine, call) => {
      const info = await engine.open({ file }, call());
      return engine.paths({ handle: info.handle, nodeId: id, k }, call());
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ file, id, paths })}\n`);
      return 0;
    }
    if (paths.length === 0) {
      io.stdout.write(`@${id} is not reachable from the GC roots through strong edges (it would be collected)\n`);
      return 0;
    }
    const lines: string[] = [];
    paths.forEach((p, i) => {
      lines.push(`Path ${i + 1} of ${paths.length} from ${oneLine(p.root.name)}${p.internal ? ' (through V8 internals)' : ''}:`);
      const runs = new Map(pathRuns(p.steps).map((r) => [r.start, r]));
      for (let j = 0; j < p.steps.length; j++) {
        const run = runs.get(j);
        if (run) {
          // The run's last node is drawn: the path goes on from it.
          const end = p.steps[j + run.count - 1];
          lines.push(`  → ${oneLine(run.text).padEnd(40)} ${end.nodeType} ${oneLine(end.name)} @${end.id}  (retains ${formatBytes(end.retainedSize)})`);
          j += run.count - 1;
          continue;
        }
        const s = p.steps[j];
        lines.push(`  → ${oneLine(s.label).padEnd(40)} ${s.nodeType} ${oneLine(s.name)} @${s.id}  (retains ${formatBytes(s.retainedSize)})`);
      }
      lines.push('');
    });
    io.stdout.write(lines.join('\n'));
    return 0;
  },
};
