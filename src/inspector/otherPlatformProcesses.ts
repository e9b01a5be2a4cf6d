import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseInspectFlags } from './inspectFlags';
import { probeNodeInspector } from './inspectorHttp';
import { NodeProcessInfo, looksLikeNodeExecutable } from './nodeProcess';
import { ProbeOptions, mayProbe } from './probeOptions';

// macOS and Windows have no /proc: the system's own tools answer instead. Untested on this
// project's Linux CI; kept small so the Linux path stays the reference.

const run = promisify(execFile);

/** macOS (and other BSDs): `ps` for processes, `lsof` for listening ports and cwd. */
export async function listDarwinNodeProcesses(options: ProbeOptions = {}): Promise<NodeProcessInfo[]> {
  const { stdout } = await run('ps', ['-axww', '-o', 'pid=,uid=,comm=,args='], { maxBuffer: 64 << 20 });
  const listening = await lsofListening();
  const out: NodeProcessInfo[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || Number(m[1]) === process.pid || !looksLikeNodeExecutable(m[3])) continue;
    const pid = Number(m[1]);
    const argv = m[4].split(/\s+/);
    const cwd = await run('lsof', ['-a', '-d', 'cwd', '-p', String(pid), '-Fn'])
      .then(({ stdout: s }) => /^n(.*)$/m.exec(s)?.[1] ?? null)
      .catch(() => null);
    out.push({ pid, argv, commandLine: m[4], cwd, executable: m[3], uid: Number(m[2]), inspector: await pickInspector(argv, listening.get(pid) ?? [], options) });
  }
  return out;
}

async function lsofListening(): Promise<Map<number, number[]>> {
  const byPid = new Map<number, number[]>();
  const { stdout } = await run('lsof', ['-nP', '-iTCP', '-sTCP:LISTEN', '-Fpn'], { maxBuffer: 64 << 20 }).catch(() => ({ stdout: '' }));
  let pid = 0;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('p')) pid = Number(line.slice(1));
    const port = /^n.*:(\d+)$/.exec(line);
    if (port && pid) byPid.set(pid, [...(byPid.get(pid) ?? []), Number(port[1])]);
  }
  return byPid;
}

/** Windows: PowerShell's CIM view of processes, `netstat -ano` for listening ports. */
export async function listWindowsNodeProcesses(options: ProbeOptions = {}): Promise<NodeProcessInfo[]> {
  const script =
    "Get-CimInstance Win32_Process -Filter \"Name like 'node%'\" | Select-Object ProcessId,CommandLine,ExecutablePath | ConvertTo-Json -Compress";
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-Command', script], { maxBuffer: 64 << 20 });
  const parsed: unknown = stdout.trim() ? JSON.parse(stdout) : [];
  const rows = (Array.isArray(parsed) ? parsed : [parsed]) as { ProcessId: number; CommandLine: string | null; ExecutablePath: string | null }[];
  const { stdout: net } = await run('netstat', ['-ano', '-p', 'tcp']).catch(() => ({ stdout: '' }));
  const listening = new Map<number, number[]>();
  for (const line of net.split('\n')) {
    const m = /^\s*TCP\s+\S+:(\d+)\s+\S+\s+LISTENING\s+(\d+)/i.exec(line);
    if (m) listening.set(Number(m[2]), [...(listening.get(Number(m[2])) ?? []), Number(m[1])]);
  }
  return Promise.all(
    rows
      .filter((r) => r.ProcessId !== process.pid && looksLikeNodeExecutable(r.ExecutablePath ?? 'node'))
      .map(async (r) => {
        const argv = (r.CommandLine ?? '').match(/"[^"]*"|\S+/g)?.map((a) => a.replace(/^"|"$/g, '')) ?? [];
        return {
          pid: r.ProcessId,
          argv,
          commandLine: r.CommandLine ?? '',
          cwd: null,
          executable: r.ExecutablePath,
          uid: null,
          inspector: await pickInspector(argv, listening.get(r.ProcessId) ?? [], options),
        };
      }),
  );
}

/** As on Linux: the port the flags name is trusted unasked; other ports only under mayProbe. */
async function pickInspector(argv: string[], ports: number[], options: ProbeOptions): Promise<{ host: string; port: number } | null> {
  const flags = parseInspectFlags(argv);
  if (flags.port !== 0 && ports.includes(flags.port)) return { host: '127.0.0.1', port: flags.port };
  if (!mayProbe(flags, options)) return null;
  for (const port of ports) if (await probeNodeInspector('127.0.0.1', port, 500)) return { host: '127.0.0.1', port };
  return null;
}
