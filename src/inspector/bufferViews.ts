import { CdpError } from './cdpConnection';
import { throwIfAborted } from './inspectorError';
import type { InspectorSession } from './inspectorSession';
import { ErrorCode } from '../protocol/errorCode';

/** What a live Buffer / TypedArray / DataView says about the memory it views. */
export interface BufferViewInfo {
  byteOffset: number;
  byteLength: number;
  /** byteLength of the whole ArrayBuffer behind the view (8192 for a pooled Buffer slice). */
  bufferByteLength: number;
}

export interface LookupOptions {
  signal?: AbortSignal;
  /** Requests in flight at once. Each one walks the target's heap, so the target does the waiting. */
  concurrency?: number;
  /** Per-lookup timeout. Default: the connection's command timeout. */
  timeoutMs?: number;
}

const READ_VIEW = `function () {
  return ArrayBuffer.isView(this) ? [this.byteOffset, this.byteLength, this.buffer.byteLength] : null;
}`;

/**
 * For the detectors: given heap snapshot node ids of Buffers/TypedArrays, reads each one's
 * byteOffset, byteLength and its ArrayBuffer's byteLength from the live process. The ids must come
 * from a snapshot taken by this same session (V8 forgets ids when the session's heap profiler
 * goes away). An id whose object has been collected, or is not an ArrayBuffer view, maps to null.
 *
 * Lookups are pipelined (HeapProfiler.getObjectByHeapObjectId, then Runtime.callFunctionOn), and
 * the remote objects are released in one go at the end.
 */
export async function lookupBufferViews(
  session: InspectorSession,
  nodeIds: readonly number[],
  options: LookupOptions = {},
): Promise<Map<number, BufferViewInfo | null>> {
  await session.ensureHeapProfiler();
  const connection = session.connection;
  const objectGroup = `heapscope-views-${Date.now()}`;
  const result = new Map<number, BufferViewInfo | null>();
  const ids = [...new Set(nodeIds)];
  const send = { signal: options.signal, timeoutMs: options.timeoutMs };

  const lookupOne = async (id: number): Promise<BufferViewInfo | null> => {
    let objectId: string | undefined;
    try {
      ({ result: { objectId } } = await connection.send('HeapProfiler.getObjectByHeapObjectId', { objectId: String(id), objectGroup }, send));
    } catch (error) {
      // "Object is not available": collected since the snapshot. Anything else is a real failure.
      if (error instanceof CdpError && error.code === ErrorCode.Cdp) return null;
      throw error;
    }
    if (!objectId) return null;
    const { result: value } = await connection.send(
      'Runtime.callFunctionOn',
      { objectId, functionDeclaration: READ_VIEW, returnByValue: true, silent: true },
      send,
    );
    const v: unknown = value.value;
    return Array.isArray(v) && v.length === 3 ? { byteOffset: v[0], byteLength: v[1], bufferByteLength: v[2] } : null;
  };

  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      throwIfAborted(options.signal, 'the buffer lookup');
      const id = ids[next++];
      result.set(id, await lookupOne(id));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, ids.length) }, worker));
  } finally {
    if (!connection.closed) await connection.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
  }
  return result;
}
