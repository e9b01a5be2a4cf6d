import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import type { InspectorSession } from './inspectorSession';
import { InspectorError, isInspectorError } from './inspectorError';
import { exitsWithin } from './switchInspector';
import { partialFilePath } from './captureLeftovers';
import type { CaptureOptions, CaptureProgress } from './captureSnapshot';

/**
 * Takes one heap snapshot over CDP and streams it to disk (the garbage collection, if asked for,
 * is captureSnapshot's). Chunks are written as they arrive; when the
 * disk falls behind, the WebSocket is paused, so the capturing process holds at most a few
 * chunks whatever the snapshot's size. On cancel, timeout or target exit the session is detached
 * (V8 cannot be stopped mid-snapshot, and a session receiving a stale snapshot is useless) and
 * the partial file is removed.
 */
export async function streamSnapshot(session: InspectorSession, options: CaptureOptions): Promise<{ bytes: number }> {
  const connection = session.connection;
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  const partial = partialFilePath(options.file);
  const out = createWriteStream(partial, { flags: 'wx' });
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
  const report = (p: Omit<CaptureProgress, 'bytesWritten'>) => {
    try {
      options.onProgress?.({ ...p, bytesWritten });
    } catch (error) {
      // A throwing callback must not leave the session half-way through a snapshot.
      failed(error instanceof Error ? error : new Error(String(error)));
    }
  };
  /** The disk failed us (full, gone) while the target is still sending: see the catch below. */
  let writeFailed = false;
  out.on('error', (e) => {
    writeFailed = true;
    failed(new InspectorError('ECONNECT', `cannot write ${options.file}: ${e.message}`, { cause: e }));
  });

  const unsubscribe = [
    connection.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
      lastActivity = Date.now();
      if (failure) return;
      bytesWritten += Buffer.byteLength(chunk);
      if (!out.write(chunk)) {
        connection.transport.pause();
        out.once('drain', () => connection.transport.resume());
      }
      report({ phase: 'writing', done: bytesWritten, total: 0 });
    }),
    connection.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }) => {
      lastActivity = Date.now();
      report({ phase: 'snapshot', done, total });
    }),
    connection.onClose(() => {
      closeVerdict = exitsWithin(session.pid, 500).then(
        (exited) =>
          new InspectorError(
            'EEXITED',
            `pid ${session.pid} ${exited ? 'exited' : 'closed the inspector connection'} during the capture ` +
              `(${bytesWritten} bytes received); the partial file was removed`,
          ),
      );
      void closeVerdict.then(failed);
    }),
  ];
  let taking: Promise<unknown> | undefined;
  let fireWatchdog: () => void = () => undefined;
  const watchdogFired = new Promise<void>((resolve) => (fireWatchdog = resolve));
  const watchdog = setInterval(() => {
    if (Date.now() - lastActivity > stallTimeoutMs) {
      fireWatchdog();
      failed(
        new InspectorError(
          'ETIMEDOUT',
          `${session.describe()} sent nothing for ${Math.round(stallTimeoutMs / 1000)} s during the capture: ` +
            `its main thread seems blocked; the partial file was removed`,
        ),
      );
    }
  }, Math.min(1000, stallTimeoutMs / 4));
  const onAbort = () => failed(new InspectorError('ECANCELLED', 'the capture was cancelled; the partial file was removed'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const step = <T>(p: Promise<T>) => Promise.race([p, failedPromise]);
    await step(session.ensureHeapProfiler());
    // The answer comes after the last chunk; the watchdog, not a fixed timeout, bounds the wait.
    taking = connection.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }, { timeoutMs: 0 });
    taking.catch(() => undefined);
    await step(taking);
    await step(
      new Promise<void>((resolve, reject) => {
        out.end(() => resolve());
        out.once('error', reject);
      }),
    );
    await rename(partial, options.file);
    return { bytes: bytesWritten };
  } catch (error) {
    out.destroy();
    await unlink(partial).catch(() => undefined);
    if (writeFailed && taking && !connection.closed) {
      // Leaving while V8 still streams the snapshot to this session crashed the target (SIGSEGV,
      // Node 20, a full disk 20 MB into a 40 MB snapshot): let it finish, dropping the chunks,
      // then detach. The watchdog still bounds the wait.
      connection.transport.resume();
      await Promise.race([taking.catch(() => undefined), watchdogFired]);
    }
    // The session is mid-snapshot or dead: end it, switching the inspector off if we switched it on.
    await session.detach();
    // A command cut off by the closing connection: say why it closed instead.
    if (isInspectorError(error, 'EEXITED') && closeVerdict) throw await closeVerdict;
    throw error;
  } finally {
    clearInterval(watchdog);
    options.signal?.removeEventListener('abort', onAbort);
    for (const u of unsubscribe) u();
    connection.transport.resume();
  }
}
