import { chmod, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CaptureOptions } from './captureSnapshot';
import { CaptureGuard } from './captureGuard';
import type { InspectorSession } from './inspectorSession';
import { targetDirPrefix } from './captureLeftovers';

/** Why the target could not write the file itself: the caller streams it over CDP instead. */
export class NotLocalError extends Error {}

/**
 * The target writes its own snapshot (`v8.writeHeapSnapshot`, through Runtime.evaluate) into a
 * directory Heapscope creates beside the destination with mode 0700, under a name Heapscope
 * chooses (never one from the target). Node opens that file 0600 before it walks the heap. When it
 * is complete it is renamed to the destination, so the destination only ever holds a whole
 * snapshot. Only for a target on this machine: if the target does not share our root directory,
 * or cannot write there (another user), NotLocalError says so and nothing is left behind.
 *
 * On cancel, stall or exit the directory is removed at once (a write still under way goes on into
 * an unlinked file, freed when the target closes it; one not yet started finds no directory and
 * fails inside the target's evaluate, harmlessly) and the session is detached, as streamSnapshot does.
 */
export async function targetFileSnapshot(session: InspectorSession, options: CaptureOptions): Promise<{ bytes: number }> {
  if (!(await sharesOurRoot(session.pid))) throw new NotLocalError(`pid ${session.pid} does not share this machine's root directory`);
  const connection = session.connection;
  const dir = await mkdtemp(targetDirPrefix(dirname(options.file)));
  const written = join(dir, 'snapshot.heapsnapshot');
  const guard = new CaptureGuard(session, options, 'written');
  // V8 reports no progress to a file it writes itself: the file's growth is the sign of life.
  let walked = false;
  guard.startWatchdog(250, () => {
    void stat(written).then(
      (s) => {
        if (guard.failure || s.size === guard.bytesWritten) return;
        if (!walked) guard.report('snapshot', 1, 1);
        walked = true;
        guard.bytesWritten = s.size;
        guard.alive();
        guard.report('writing', guard.bytesWritten, 0);
      },
      () => undefined,
    );
  });

  let sessionFailed = false;
  try {
    guard.report('snapshot', 0, 0);
    const expression =
      `(typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('v8') : require('v8'))` +
      `.writeHeapSnapshot(${JSON.stringify(written)})`;
    let answer;
    try {
      answer = await guard.race(
        connection.send('Runtime.evaluate', { expression, returnByValue: true, silent: true, includeCommandLineAPI: true }, { timeoutMs: 0 }),
      );
    } catch (error) {
      sessionFailed = true;
      throw error;
    }
    if (answer.exceptionDetails || answer.result.value !== written) {
      const why = answer.exceptionDetails?.exception?.description ?? answer.exceptionDetails?.text ?? 'no file written';
      throw new NotLocalError(`pid ${session.pid} could not write ${written}: ${why.split('\n')[0]}`);
    }
    const size = (await stat(written)).size;
    guard.bytesWritten = size;
    if (!walked) guard.report('snapshot', 1, 1);
    guard.report('writing', size, 0);
    if (guard.failure) {
      sessionFailed = true;
      throw guard.failure;
    }
    await chmod(written, 0o600);
    await rename(written, options.file);
    return { bytes: size };
  } catch (error) {
    if (sessionFailed) {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      await session.detach();
      throw await guard.explained(error);
    }
    throw error;
  } finally {
    guard.dispose();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

/**
 * True when /proc/PID/root is our own root directory: the target sees the file system we see, so
 * a path we name is the same file for both. False in another mount namespace (a container), for
 * a pid not on this machine, or when we may not look (another user).
 */
async function sharesOurRoot(pid: number): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    const [theirs, ours] = await Promise.all([stat(`/proc/${pid}/root/`), stat('/')]);
    return theirs.dev === ours.dev && theirs.ino === ours.ino;
  } catch {
    return false;
  }
}
