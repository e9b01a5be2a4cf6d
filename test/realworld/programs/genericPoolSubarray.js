'use strict';
// A binary-protocol ingest worker reads records into 64 KiB buffers borrowed from a
// generic-pool, and remembers each session's auth token as `buf.subarray(...)` of the frame it
// arrived in. The buffer goes back to the pool and is handed out again for the next frame, while
// `sessionTokens` still views its bytes; the pool also grows and drops buffers, which the token
// views keep alive. Fix: store `Buffer.from(token)` (a copy), never a view into a pool buffer.
const genericPool = require('generic-pool');
const { runFixture } = require('../../fixtures/fixtureHarness');

const FRAME_BUFFER = 64 * 1024;
const FRAMES_PER_ROUND = 120;
const SESSIONS_PER_FRAME = 3;

const framePool = genericPool.createPool({
  create: async () => Buffer.allocUnsafeSlow(FRAME_BUFFER),
  destroy: async () => {},
}, { min: 2, max: 8, idleTimeoutMillis: 30_000, evictionRunIntervalMillis: 0 });

const sessionTokens = new Map();
let nextSession = 0;

/** Fills `buf` with a frame of SESSIONS_PER_FRAME login records; returns their offsets. */
function readFrame(buf) {
  const records = [];
  let off = 0;
  for (let i = 0; i < SESSIONS_PER_FRAME; i++) {
    const session = `s-${nextSession++}`;
    const token = Buffer.from(`tok_${session}_${'k'.repeat(40)}`);
    off += buf.write(session.padEnd(16), off);
    token.copy(buf, off);
    records.push({ session, start: off, end: off + token.length });
    off += token.length + 2000;
  }
  return records;
}

async function ingestFrame() {
  const buf = await framePool.acquire();
  try {
    for (const r of readFrame(buf)) sessionTokens.set(r.session, buf.subarray(r.start, r.end));
  } finally {
    await framePool.release(buf);
  }
}

runFixture('generic-pool-subarray', [{
  async round() {
    // Bursts borrow several buffers at once; afterwards the pool drops all but its minimum.
    for (let i = 0; i < FRAMES_PER_ROUND; i += 6) {
      await Promise.all(Array.from({ length: 6 }, () => ingestFrame()));
    }
    const idle = [];
    while (framePool.available > 0 && framePool.size > 2) idle.push(await framePool.acquire());
    for (const b of idle) await framePool.destroy(b);
  },
  truth: () => sessionTokens.size,
  async teardown() {
    await framePool.drain();
    await framePool.clear();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
