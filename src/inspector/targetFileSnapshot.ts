import { chmod, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CaptureOptions } from './captureSnapshot';
import { InspectorError, isInspectorError } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { exitsWithin } from './switchInspector';
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
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  const dir = await mkdtemp(targetDirPrefix(dirname(options.file)));
  const written = join(dir, 'snapshot.heapsnapshot');
  let bytesWritten = 0;
  let lastActivity = Date.now();
  let failure: Error | undefined;
  let closeVerdict: Promise<Error> | undefined;
  let failed: (error: Error) => void = () => undefined;
  const failedPromise = new Promise<never>((_, reject) => {
    failed = (error) => {
      failure ??= error;
      reject(failure);
    };
  });
  failedPromise.catch(() => undefined);
  const report = (phase: 'snapshot' | 'writing', done: number, total: number) => {
    try {
      options.onProgress?.({ phase, done, total, bytesWritten });
    } catch (error) {
      failed(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const unsubscribe = connection.onClose(() => {
    closeVerdict = exitsWithin(session.pid, 500).then(
      (exited) =>
        new InspectorError(
          'EEXITED',
          `pid ${session.pid} ${exited ? 'exited' : 'closed the inspector connection'} during the capture ` +
            `(${bytesWritten} bytes written); the partial file was removed`,
        ),
    );
    void closeVerdict.then(failed);
  });
  // V8 reports no progress to a file it writes itself: the file's growth is the sign of life.
  let walked = false;
  const watchdog = setInterval(() => {
    void stat(written).then(
      (s) => {
        if (failure || s.size === bytesWritten) return;
        if (!walked) report('snapshot', 1, 1);
        walked = true;
        bytesWritten = s.size;
        lastActivity = Date.now();
        report('writing', bytesWritten, 0);
      },
      () => undefined,
    );
    if (Date.now() - lastActivity > stallTimeoutMs) {
      failed(
        new InspectorError(
          'ETIMEDOUT',
          `${session.describe()} wrote nothing for ${Math.round(stallTimeoutMs / 1000)} s during the capture: ` +
            `its main thread seems blocked; the partial file was removed`,
        ),
      );
    }
  }, Math.min(250, stallTimeoutMs / 4));
  const onAbort = () => failed(new InspectorError('ECANCELLED', 'the capture was cancelled; the partial file was removed'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let sessionFailed = false;
  try {
    report('snapshot', 0, 0);
    const expression =
      `(typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('v8') : require('v8'))` +
      `.writeHeapSnapshot(${JSON.stringify(written)})`;
    let answer;
    try {
      answer = await Promise.race([
        connection.send('Runtime.evaluate', { expression, returnByValue: true, silent: true, includeCommandLineAPI: true }, { timeoutMs: 0 }),
        failedPromise,
      ]);
    } catch (error) {
      sessionFailed = true;
      throw error;
    }
    if (answer.exceptionDetails || answer.result.value !== written) {
      const why = answer.exceptionDetails?.exception?.description ?? answer.exceptionDetails?.text ?? 'no file written';
      throw new NotLocalError(`pid ${session.pid} could not write ${written}: ${why.split('\n')[0]}`);
    }
    const size = (await stat(written)).size;
    bytesWritten = size;
    if (!walked) report('snapshot', 1, 1);
    report('writing', size, 0);
    if (failure) {
      sessionFailed = true;
      throw failure;
    }
    await chmod(written, 0o600);
    await rename(written, options.file);
    return { bytes: size };
  } catch (error) {
    if (sessionFailed) {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      await session.detach();
      if (isInspectorError(error, 'EEXITED') && closeVerdict) throw await closeVerdict;
    }
    throw error;
  } finally {
    clearInterval(watchdog);
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe();
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
