import { seededRandom } from '../../seededRandom';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';
import { tempDir } from '../../tempDir';
import { escapeNonAscii, trickyJson } from './trickySnapshots';
import { snapshotJsonToText } from '../snapshotBuilder';
import { writeRealSnapshot } from './writeRealSnapshot';

const tmp = tempDir('fuzz');
after(() => tmp.remove());


/** Bytes that change JSON structure, besides plain bit flips. */
const SPICY = Buffer.concat([Buffer.from('"\\,[]{}:0123456789u -.e\n'), Buffer.from([0x00, 0x80, 0xff])]);

function corrupt(original: Buffer, seed: number): Buffer {
  const next = seededRandom(seed);
  const bytes = Buffer.from(original);
  if (next() < 0.3) {
    // One digit for another: the structure stays, values change (ids, sizes, indexes, counts).
    let at = Math.floor(next() * bytes.length);
    while (at < bytes.length && !(bytes[at] >= 0x30 && bytes[at] <= 0x39)) at++;
    if (at < bytes.length) bytes[at] = 0x30 + ((bytes[at] - 0x30 + 1 + Math.floor(next() * 9)) % 10);
    return bytes;
  }
  const flips = 1 + Math.floor(next() * 4);
  for (let f = 0; f < flips; f++) {
    const at = Math.floor(next() * bytes.length);
    bytes[at] = next() < 0.5 ? bytes[at] ^ (1 << Math.floor(next() * 8)) : SPICY[Math.floor(next() * SPICY.length)];
  }
  return bytes;
}

/** What "a consistent graph" means to everything downstream: every index points somewhere real. */
function assertConsistent(p: ParsedSnapshot, label: string): void {
  const fail = (what: string) => assert.fail(`${label}: ${what}`);
  if (p.firstEdge[0] !== 0 || p.firstEdge[p.nodeCount] !== p.edgeCount) fail('firstEdge bounds');
  if (p.meta.rootOrdinal >= p.nodeCount) fail('root');
  for (let i = 0; i < p.nodeCount; i++) {
    if (p.firstEdge[i + 1] < p.firstEdge[i]) fail(`firstEdge[${i}] decreases`);
    if (p.nodeType[i] >= p.meta.nodeTypes.length) fail(`node ${i} type`);
    if (p.nodeName[i] >= p.strings.count) fail(`node ${i} name`);
  }
  const named = new Set(['context', 'property', 'internal', 'shortcut', 'weak']);
  for (let e = 0; e < p.edgeCount; e++) {
    if (p.edgeToNode[e] >= p.nodeCount) fail(`edge ${e} target`);
    const type = p.meta.edgeTypes[p.edgeType[e]];
    if (type === undefined) fail(`edge ${e} type`);
    if (named.has(type) && p.edgeNameOrIndex[e] >= p.strings.count) fail(`edge ${e} name`);
  }
  for (let l = 0; l < p.locations.count; l++) if (p.locations.nodeOrdinal[l] >= p.nodeCount) fail(`location ${l}`);
  for (let s = 0; s < p.strings.count; s++) p.strings.get(s);
}

async function parseOrReject(file: string, label: string): Promise<'parsed' | 'rejected'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no result in 20 s`)), 20_000);
  });
  try {
    const parsed = await Promise.race([parseSnapshotFile(file), hang]);
    assertConsistent(parsed, label);
    return 'parsed';
  } catch (error) {
    if (error instanceof SnapshotParseError) {
      assert.ok(error.position >= 0 && error.position <= readFileSync(file).length, `${label}: position ${error.position}`);
      return 'rejected';
    }
    throw new Error(`${label}: ${String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

describe('parseSnapshotFile on corrupted snapshots (seeded fuzz)', () => {
  it('builder snapshot: 600 corruptions either parse consistently or fail with EPARSE', async () => {
    const original = Buffer.from(escapeNonAscii(snapshotJsonToText(trickyJson())));
    const file = `${tmp.dir}/builder.heapsnapshot`;
    const outcomes = { parsed: 0, rejected: 0 };
    for (let seed = 1; seed <= 600; seed++) {
      writeFileSync(file, corrupt(original, seed));
      outcomes[await parseOrReject(file, `builder seed ${seed}`)]++;
    }
    // Both outcomes must occur, or the corruption is not reaching the interesting places.
    assert.ok(outcomes.parsed > 20 && outcomes.rejected > 20, JSON.stringify(outcomes));
  });

  it('real snapshot: 30 corruptions either parse consistently or fail with EPARSE', { timeout: 120_000 }, async () => {
    const original = readFileSync(writeRealSnapshot(process.execPath, `${tmp.dir}/real.heapsnapshot`));
    const file = `${tmp.dir}/real-corrupted.heapsnapshot`;
    const outcomes = { parsed: 0, rejected: 0 };
    for (let seed = 1; seed <= 30; seed++) {
      writeFileSync(file, corrupt(original, seed));
      outcomes[await parseOrReject(file, `real seed ${seed}`)]++;
    }
    assert.ok(outcomes.parsed > 0 && outcomes.rejected > 0, JSON.stringify(outcomes));
  });
});
