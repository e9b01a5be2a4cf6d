import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EdgesHead } from '../../../src/engine/snapshot/edgesHead';

describe('EdgesHead', () => {
  const cases: { name: string; fed: number; end: number; share: number; minBytes: number; expected: number | null }[] = [
    { name: 'half of what is left', fed: 100, end: 300, share: 0.5, minBytes: 0, expected: 200 },
    { name: 'a smaller share', fed: 100, end: 300, share: 0.25, minBytes: 0, expected: 250 },
    { name: 'too little left to give', fed: 100, end: 300, share: 0.5, minBytes: 101, expected: null },
    { name: 'nothing left', fed: 300, end: 300, share: 0.5, minBytes: 0, expected: null },
    { name: 'all of it would include what is read', fed: 100, end: 300, share: 1, minBytes: 0, expected: null },
  ];
  for (const { name, fed, end, share, minBytes, expected } of cases) {
    it(`leaves the parser ${name}`, () => {
      const head = new EdgesHead(1);
      head.fed = fed;
      assert.equal(head.takeOver(end, share, minBytes), expected);
      assert.equal(head.stopAt, expected ?? -1);
    });
  }

  it('leaves the parser a tail once', () => {
    const head = new EdgesHead(1);
    assert.equal(head.takeOver(1000, 0.5, 0), 500);
    assert.equal(head.takeOver(1000, 0.5, 0), null);
    assert.equal(head.stopAt, 500);
  });
});
