import { readFile, readdir, readlink } from 'node:fs/promises';

/** A TCP socket in LISTEN state, as /proc/net/tcp(6) shows it. */
export interface ListeningSocket {
  /** Printable local address: '127.0.0.1', '0.0.0.0', '::1', '::', … */
  address: string;
  port: number;
  inode: number;
}

const TCP_LISTEN = '0A';

/**
 * Parses /proc/net/tcp or /proc/net/tcp6 and keeps the listening sockets. Addresses there are
 * hex, each 32-bit word in host (little-endian) order; the port is big-endian hex.
 */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].trim().split(/\s+/);
    if (f.length < 10 || f[3] !== TCP_LISTEN) continue;
    const [hexAddress, hexPort] = f[1].split(':');
    out.push({ address: decodeAddress(hexAddress), port: parseInt(hexPort, 16), inode: Number(f[9]) });
  }
  return out;
}

function decodeAddress(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return compressIpv6(groups);
}

function compressIpv6(groups: string[]): string {
  // Longest run of zero groups becomes '::' (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** True for addresses a loopback client reaches: loopback itself or the wildcard. */
export function reachableFromLoopback(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';
}

/** Every listening TCP socket in this network namespace (Linux). */
export async function readListeningSockets(): Promise<ListeningSocket[]> {
  const texts = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8').catch(() => '')));
  return texts.flatMap(parseProcNetTcp);
}

/** The socket inodes a process holds open (Linux). Throws EACCES for another user's process. */
export async function socketInodesOf(pid: number): Promise<Set<number>> {
  const dir = `/proc/${pid}/fd`;
  const inodes = new Set<number>();
  for (const fd of await readdir(dir)) {
    const link = await readlink(`${dir}/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) inodes.add(Number(m[1]));
  }
  return inodes;
}

/** The listening sockets a process owns (Linux); empty if its fds cannot be read. */
export async function listeningSocketsOf(pid: number, all?: ListeningSocket[]): Promise<ListeningSocket[]> {
  const sockets = all ?? (await readListeningSockets());
  const inodes = await socketInodesOf(pid).catch(() => new Set<number>());
  return sockets.filter((s) => inodes.has(s.inode));
}

/**
 * Which processes listen on a TCP port (Linux): scans every readable /proc/PID/fd. Several pids
 * can share one socket (fork); all are returned.
 */
export async function pidsListeningOn(port: number): Promise<number[]> {
  const inodes = new Set((await readListeningSockets()).filter((s) => s.port === port).map((s) => s.inode));
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const held = await socketInodesOf(Number(name)).catch(() => new Set<number>());
    for (const inode of held) {
      if (inodes.has(inode)) {
        pids.push(Number(name));
        break;
      }
    }
  }
  return pids;
}
