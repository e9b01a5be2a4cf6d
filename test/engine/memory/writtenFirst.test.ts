import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedUint32, sharedUint8 } from '../../../src/engine/memory/sharedArrays';
import { writtenFirst } from '../../../src/engine/memory/writtenFirst';

const BYTES = 32 * 1024 * 1024;
const PAGE = 4096;

/** Reads then writes one byte per page, as a count or mark array does: the minor faults it takes. */
function faultsOfReadThenWrite(bytes: Uint8Array): number {
  const before = process.resourceUsage().minorPageFault;
  let sum = 0;
  for (let i = 0; i < bytes.length; i += PAGE) {
    sum += bytes[i];
    bytes[i] = sum & 1 ? 2 : 1;
  }
  return process.resourceUsage().minorPageFault - before;
}

const CASES = [
  { name: 'Uint8Array', make: () => new Uint8Array(BYTES) },
  { name: 'Uint32Array', make: () => new Uint32Array(BYTES / 4) },
  { name: 'shared Uint8Array', make: () => sharedUint8(BYTES) },
  { name: 'shared Uint32Array', make: () => sharedUint32(BYTES / 4) },
];

describe('writtenFirst', () => {
  const pages = BYTES / PAGE;
  for (const { name, make } of CASES) {
    it(`leaves a fresh ${name} zeroed, and backed so a read then a write takes no fault`, () => {
      const fresh = make();
      const view = writtenFirst(fresh);
      assert.equal(view, fresh);
      assert.equal(view.length, fresh.length);
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      assert.equal(bytes.indexOf(1), -1);
      // Allow a few faults for the test's own allocations (the run's counters are process-wide).
      const faults = faultsOfReadThenWrite(bytes);
      assert.ok(faults < pages / 16, `${faults} faults over ${pages} pages`);
    });
  }

  it('is what makes the difference: the same access on a fresh array faults on most pages', () => {
    const bytes = new Uint8Array(BYTES);
    const faults = faultsOfReadThenWrite(bytes);
    assert.ok(faults > pages / 2, `${faults} faults over ${pages} pages`);
  });
});
