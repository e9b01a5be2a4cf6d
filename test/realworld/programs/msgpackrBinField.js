'use strict';
// An image service receives msgpack-encoded upload events (~40 KB each: metadata plus a
// preview) and indexes each image's 32-byte content hash. msgpackr decodes `bin` fields as views
// into the input buffer (no copy), so the small `hash` kept in `hashIndex` keeps the whole ~40 KB
// message it was decoded from. Fix: `Buffer.from(event.hash)` (a copy) or the hash as hex text.
const crypto = require('node:crypto');
const { Packr } = require('msgpackr');
const { runFixture } = require('../../fixtures/fixtureHarness');

const EVENTS_PER_ROUND = 60;

const packr = new Packr();
const hashIndex = new Map();
let nextImage = 0;

/** An upload event as a producer would send it, arriving as several socket chunks. */
function incomingChunks() {
  const id = `img-${nextImage++}`;
  const preview = crypto.randomBytes(40_000);
  const encoded = packr.pack({ id, owner: `user-${nextImage % 50}`, contentType: 'image/webp', hash: crypto.createHash('sha256').update(preview).digest(), preview });
  const chunks = [];
  for (let off = 0; off < encoded.length; off += 16_384) chunks.push(Buffer.from(encoded.subarray(off, off + 16_384)));
  return chunks;
}

function onUploadEvent(chunks) {
  const event = packr.unpack(Buffer.concat(chunks));
  hashIndex.set(event.id, event.hash);
}

runFixture('msgpackr-bin-field', [{
  round() {
    for (let i = 0; i < EVENTS_PER_ROUND; i++) onUploadEvent(incomingChunks());
  },
  truth: () => hashIndex.size,
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
