import { readFile, readdir, readlink } from 'node:fs/promises';
import { InspectFlags, parseInspectFlags } from './inspectFlags';
import { probeNodeInspector } from './inspectorHttp';
import { ListeningSocket, listeningSocketsOf, readListeningSockets, reachableFromLoopback } from './listeningSockets';
import { NodeProcessInfo, looksLikeNodeExecutable } from './nodeProcess';
import { ProbeOptions, mayProbe } from './probeOptions';

/** What /proc tells about one process, Node or not. */
export interface ProcessDetails extends NodeProcessInfo {
  isNode: boolean;
  flags: InspectFlags;
}

/**
 * Reads /proc/PID (Linux). Resolves to null when there is no such process. Fields another user's
 * process hides (exe, cwd, environ, fds) come back null or empty rather than failing.
 */
export async function describeLinuxProcess(
  pid: number,
  sockets?: ListeningSocket[],
  options: ProbeOptions = {},
): Promise<ProcessDetails | null> {
  let cmdline: string;
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return null;
  }
  if (cmdline.length === 0) return null; // kernel thread or zombie
  const argv = cmdline.replace(/\0$/, '').split('\0');
  const [exeLink, cwd, status, environ] = await Promise.all([
    readlink(`/proc/${pid}/exe`).catch(() => null),
    readlink(`/proc/${pid}/cwd`).catch(() => null),
    readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''),
  ]);
  const executable = exeLink?.replace(/ \(deleted\)$/, '') ?? null;
  const isNode = looksLikeNodeExecutable(executable ?? argv[0]);
  const uidMatch = /^Uid:\s+(\d+)/m.exec(status);
  const nodeOptions = /(?:^|\0)NODE_OPTIONS=([^\0]*)/.exec(environ)?.[1] ?? '';
  const flags = parseInspectFlags(argv, nodeOptions);
  const details: ProcessDetails = {
    pid,
    argv,
    commandLine: argv.join(' '),
    cwd,
    executable,
    uid: uidMatch ? Number(uidMatch[1]) : null,
    inspector: null,
    isNode,
    flags,
  };
  if (isNode) details.inspector = await findInspector(pid, flags, sockets ?? (await readListeningSockets()), options);
  return details;
}

/**
 * Which of the process's own listening sockets is its inspector. The port its flags name is
 * trusted without a word sent to it. Only when the flags leave the port open (--inspect=0,
 * --inspect-port=0), or the user asked (`probe`), is each socket reachable from loopback asked
 * GET /json/version: the other ports of a Node process are the app's own servers (HTTP, Redis,
 * raw TCP), and opening a process picker must send them nothing. Ports owned by the pid only, so
 * another process's inspector never shows here.
 */
export async function findInspector(
  pid: number,
  flags: InspectFlags,
  sockets: ListeningSocket[],
  options: ProbeOptions = {},
): Promise<{ host: string; port: number } | null> {
  const own = (await listeningSocketsOf(pid, sockets)).filter((s) => reachableFromLoopback(s.address));
  const expected = own.find((s) => flags.port !== 0 && s.port === flags.port);
  if (expected) return { host: connectHost(expected.address), port: expected.port };
  if (!mayProbe(flags, options)) return null;
  for (const s of own) {
    if (await probeNodeInspector(connectHost(s.address), s.port, 500)) return { host: connectHost(s.address), port: s.port };
  }
  return null;
}

function connectHost(address: string): string {
  if (address === '0.0.0.0' || address.startsWith('::ffff:')) return '127.0.0.1';
  if (address === '::') return '::1';
  return address;
}

/** Every Node.js process this user can see (Linux), except the calling process itself. */
export async function listLinuxNodeProcesses(options: ProbeOptions = {}): Promise<NodeProcessInfo[]> {
  const sockets = await readListeningSockets();
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const out: NodeProcessInfo[] = [];
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const d = await describeLinuxProcess(pid, sockets, options);
    if (d?.isNode) {
      const { isNode: _n, flags: _f, ...info } = d;
      out.push(info);
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}
