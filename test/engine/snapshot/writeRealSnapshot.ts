/** Real heap snapshots and CPU profiles, written by child Node processes, for the parser's tests. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A small service-like heap: maps of objects, closures over context, buffers, non-ASCII text. */
const PROGRAM = `
const v8 = require('node:v8');
const { EventEmitter } = require('node:events');
class Session { constructor(id, user) { this.id = id; this.user = user; this.opened = new Date(0); } }
const users = new Map();
const bus = new EventEmitter();
const words = ['naïve', '東京', 'emoji 😀', 'quote "x"', 'back\\\\slash', 'tab\\tnew\\nline'];
for (let i = 0; i < 3000; i++) {
  const user = { id: i, name: 'user ' + words[i % words.length] + ' ' + i, tags: [i % 7, 'tag' + (i % 13)] };
  users.set('u' + i, user);
  const secret = 'secret-' + i;
  if (i % 10 === 0) bus.on('ping', () => secret.length + user.id);
  if (i % 50 === 0) user.buffer = Buffer.from('payload ' + i);
  user.session = new Session(i, user);
}
globalThis.keep = { users, bus, weak: new WeakMap([[users, 1]]) };
v8.writeHeapSnapshot(process.argv[1]);
`;

/** Runs PROGRAM under `node` and returns the snapshot path. */
export function writeRealSnapshot(node: string, file: string): string {
  execFileSync(node, ['-e', PROGRAM, file], { stdio: 'pipe', timeout: 60_000 });
  return file;
}

/** Profiles a short busy loop with --cpu-prof and returns the .cpuprofile path. */
export function writeCpuProfile(node: string, dir: string): string {
  execFileSync(node, ['--cpu-prof', '--cpu-prof-dir', dir, '-e', 'let s = 0; for (let i = 0; i < 3e6; i++) s += Math.sqrt(i); console.log(s)'], {
    stdio: 'pipe',
    timeout: 60_000,
  });
  const profile = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!profile) throw new Error('node --cpu-prof wrote no profile');
  return join(dir, profile);
}
