import { parseArgs } from 'node:util';
import { listNodeProcesses } from '../inspector/inspector';
import { CliCommand, CliUsageError } from './cliCommand';

/** `heapscope ps`: the Node.js processes this user can attach to. */
export const psCommand: CliCommand = {
  name: 'ps',
  usage: 'ps [--json] [--probe]',
  description: 'List running Node.js processes and where their inspector listens (--probe: ask every loopback port)',
  async run(args, io) {
    let json: boolean;
    let probe: boolean;
    try {
      const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' }, probe: { type: 'boolean' } }, strict: true });
      json = values.json ?? false;
      probe = values.probe ?? false;
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    const processes = await listNodeProcesses({ probe });
    if (json) {
      io.stdout.write(`${JSON.stringify(processes, null, 2)}\n`);
      return 0;
    }
    const rows = processes.map((p) => [
      String(p.pid),
      p.inspector ? `${p.inspector.host}:${p.inspector.port}` : '-',
      p.cwd ?? '?',
      p.commandLine.length > 100 ? `${p.commandLine.slice(0, 99)}…` : p.commandLine,
    ]);
    const header = ['PID', 'INSPECTOR', 'CWD', 'COMMAND'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [header, ...rows]) {
      io.stdout.write(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`);
    }
    if (processes.length === 0) io.stderr.write('heapscope ps: no Node.js processes found\n');
    return 0;
  },
};
