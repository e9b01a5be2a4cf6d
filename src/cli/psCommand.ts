import { parseArgs } from 'node:util';
import { NodeProcessInfo, WorkerThread, attach, listNodeProcesses, listWorkers } from '../inspector/inspector';
import { CliCommand, CliUsageError } from './cliCommand';

/** `heapscope ps`: the Node.js processes this user can attach to. */
export const psCommand: CliCommand = {
  name: 'ps',
  usage: 'ps [--json] [--probe] [--workers] [--pid PID]',
  description: 'List running Node.js processes and where their inspector listens (--probe: ask every loopback port; --workers: their worker threads)',
  async run(args, io) {
    let json: boolean;
    let probe: boolean;
    let withWorkers: boolean;
    let onlyPid: number | undefined;
    try {
      const { values } = parseArgs({
        args: [...args],
        options: { json: { type: 'boolean' }, probe: { type: 'boolean' }, workers: { type: 'boolean' }, pid: { type: 'string' } },
        strict: true,
      });
      json = values.json ?? false;
      probe = values.probe ?? false;
      withWorkers = values.workers ?? false;
      if (values.pid !== undefined) {
        onlyPid = Number(values.pid);
        if (!Number.isInteger(onlyPid) || onlyPid <= 0) throw new CliUsageError(`--pid takes a positive integer, not '${values.pid}'`);
      }
    } catch (error) {
      if (error instanceof CliUsageError) throw error;
      throw new CliUsageError((error as Error).message);
    }
    const processes = (await listNodeProcesses({ probe })).filter((p) => onlyPid === undefined || p.pid === onlyPid);
    // Workers are only listed through an inspector that is already on: ps never switches one on.
    const workers = new Map<number, WorkerThread[] | null>();
    if (withWorkers) for (const p of processes) workers.set(p.pid, p.inspector ? await workersOf(p) : null);
    if (json) {
      const out = withWorkers ? processes.map((p) => ({ ...p, workers: workers.get(p.pid) ?? null })) : processes;
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
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
    const line = (r: string[]) => `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}\n`;
    io.stdout.write(line(header));
    processes.forEach((p, i) => {
      io.stdout.write(line(rows[i]));
      if (!withWorkers) return;
      const list = workers.get(p.pid);
      if (list === null) io.stdout.write(`  workers: unknown (inspector off; capture --pid ${p.pid} --worker switches it on)\n`);
      for (const w of list ?? []) io.stdout.write(`  worker #${w.index}  threadId ${w.threadId}  ${w.title}${w.url ? `  ${w.url}` : ''}\n`);
    });
    if (processes.length === 0) io.stderr.write('heapscope ps: no Node.js processes found\n');
    return 0;
  },
};

async function workersOf(p: NodeProcessInfo): Promise<WorkerThread[] | null> {
  try {
    const session = await attach({ pid: p.pid }, { switchOn: false });
    try {
      return await listWorkers(session);
    } finally {
      await session.detach();
    }
  } catch {
    return null;
  }
}
