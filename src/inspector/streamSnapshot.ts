import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import type { InspectorSession } from './inspectorSession';
import { CaptureGuard } from './captureGuard';
import { partialFilePath } from './captureLeftovers';
import { InspectorError } from './inspectorError';
import type { CaptureOptions } from './captureSnapshot';
import { ErrorCode } from '../protocol/errorCode';

/**
 * Takes one heap snapshot over CDP and streams it to disk (the garbage collection, if asked for,
 * is captureSnapshot's). Chunks are written as they arrive; when the
 * disk falls behind, the WebSocket is paused, so the capturing process holds at most a few
 * chunks whatever the snapshot's size. On cancel, timeout or target exit the session is detached
 * (V8 cannot be stopped mid-snapshot, and a session receiving a stale snapshot is useless), once
 * V8 has sent the rest (see the catch below), and the partial file is removed.
 */
export async function streamSnapshot(session: InspectorSession, options: CaptureOptions): Promise<{ bytes: number }> {
  const connection = session.connection;
  const partial = partialFilePath(options.file);
  const out = createWriteStream(partial, { flags: 'wx' });
  const guard = new CaptureGuard(session, options, 'received');
  /** The disk failed us (full, gone) while the target is still sending: see the catch below. */
  let writeFailed = false;
  out.on('error', (e) => {
    writeFailed = true;
    guard.fail(new InspectorError(ErrorCode.Disk, `cannot write ${options.file}: ${e.message}`, { cause: e }));
  });

  const unsubscribe = [
    connection.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
      guard.alive();
      if (guard.failure) return;
      guard.bytesWritten += Buffer.byteLength(chunk);
      if (!out.write(chunk)) {
        connection.transport.pause();
        out.once('drain', () => connection.transport.resume());
      }
      guard.report('writing', guard.bytesWritten, 0);
    }),
    connection.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }) => {
      guard.alive();
      guard.report('snapshot', done, total);
    }),
  ];
  let taking: Promise<unknown> | undefined;
  guard.startWatchdog(1000);

  try {
    await guard.race(session.ensureHeapProfiler());
    // The answer comes after the last chunk; the watchdog, not a fixed timeout, bounds the wait.
    taking = connection.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }, { timeoutMs: 0 });
    taking.catch(() => undefined);
    session.holdOpenWhile(Promise.race([taking, guard.stalled]));
    await guard.race(taking);
    await guard.race(
      new Promise<void>((resolve, reject) => {
        out.end(() => resolve());
        out.once('error', reject);
      }),
    );
    await rename(partial, options.file);
    return { bytes: guard.bytesWritten };
  } catch (error) {
    out.destroy();
    await unlink(partial).catch(() => undefined);
    if (taking && !connection.closed) {
      // Closing the connection while V8 still streams the snapshot to it crashed the target
      // (SIGSEGV in Node's inspector I/O thread, which still had chunks to write to the closing
      // socket) on every Node version tried: a Ctrl-C mid-stream killed 4 of 8 targets on Node 20
      // and 22, 2 of 4 on 24, 5 of 8 on 26. So a cancel, a full disk or a throwing callback lets
      // the snapshot finish, dropping the chunks, before it detaches; the watchdog still bounds
      // the wait. (A capturing process killed hard cannot wait: README, "Capture path".)
      connection.transport.resume();
      await Promise.race([taking.catch(() => undefined), guard.stalled]);
    }
    // The session is mid-snapshot or dead: end it, switching the inspector off if we switched it on.
    await session.detach();
    throw await guard.explained(error);
  } finally {
    guard.dispose();
    for (const u of unsubscribe) u();
    connection.transport.resume();
  }
}
