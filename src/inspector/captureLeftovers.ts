import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pidNamespace } from './sharedSwitch';
import { isAlive } from './switchInspector';

/**
 * A capture writes its snapshot somewhere else first (a `.part` file beside the destination, or a
 * private directory the target writes into) and renames it into place when it is whole; a failed
 * or cancelled capture removes it. A capture whose own process dies cannot: the VS Code window is
 * reloaded or closed, the CLI is killed. So each work file's name says whose it is, the capturing
 * process's pid and a key for the machine and pid namespace it runs in, and the next Heapscope to
 * write into that folder (the extension when it starts, every capture before it writes) removes the
 * work files of owners that are gone. A file of another machine or pid namespace (a shared or
 * mounted folder) is never judged by a pid we cannot see; nor is one of a live owner.
 */

/** 8 hex digits naming this machine and pid namespace; the pid alone means nothing elsewhere. */
let ownKey: string | undefined;
function hostKey(): string {
  ownKey ??= createHash('sha256').update(`${hostname()}\0${pidNamespace() ?? ''}`).digest('hex').slice(0, 8);
  return ownKey;
}

function ownerTag(): string {
  return `${hostKey()}-${process.pid}`;
}

/** Where a snapshot streamed to `file` is written until it is whole. */
export function partialFilePath(file: string): string {
  return `${file}.${ownerTag()}-${randomBytes(4).toString('hex')}.part`;
}

/** The mkdtemp prefix of the private directory a target writes its own snapshot into. */
export function targetDirPrefix(dir: string): string {
  return join(dir, `.heapscope-${ownerTag()}-`);
}

const PARTIAL = /\.([0-9a-f]{8})-(\d+)-[0-9a-f]{8}\.part$/;
const TARGET_DIR = /^\.heapscope-([0-9a-f]{8})-(\d+)-[A-Za-z0-9]{6}$/;

/** The work file's owner pid when it is this machine's and namespace's, else null. */
function ownerOf(name: string): number | null {
  const m = PARTIAL.exec(name) ?? TARGET_DIR.exec(name);
  if (!m || m[1] !== hostKey()) return null;
  return Number(m[2]);
}

/**
 * Removes the capture work files in `dir` whose owner process is gone; resolves to their names.
 * A missing folder has none. A target still writing into a removed directory goes on into an
 * unlinked file, freed when it closes it.
 */
export async function sweepCaptureLeftovers(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    const owner = ownerOf(name);
    if (owner === null || owner === process.pid || isAlive(owner)) continue;
    await rm(join(dir, name), { recursive: true, force: true, maxRetries: 3 }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
