/**
 * Column allocation for the parser. The columns live in SharedArrayBuffers so a graph thread can
 * read them while the engine's own thread works on other steps (see startGraphThread): posting a
 * view of shared memory to a worker thread passes the memory, not a copy. Reads and writes of a
 * shared typed array compile to the same code as of an ordinary one.
 */
export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** A Buffer (for the string chunks' byte helpers) over fresh shared memory. */
export function sharedBuffer(length: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(length));
}

/** Whether a view's memory can be handed to another thread without a copy. */
export function isShared(view: ArrayBufferView): boolean {
  return view.buffer instanceof SharedArrayBuffer;
}
