import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NumberArrayTokenizer } from '../../../src/engine/snapshot/numberArrayTokenizer';

const FAR = 2 ** 32 + 17; // positions are doubles: past 4 GB too

/**
 * Feeds `text` (after the '[') in windows of `window` bytes, taking whole records of `fields` values
 * after each feed as a sink does, and returns every value with the position the tokenizer gives it.
 */
function read(text: string, window: number, fields: number): [number, number][] {
  const bytes = Buffer.from(text);
  const tokenizer = new NumberArrayTokenizer('t.heapsnapshot', '"edges"');
  const seen: [number, number][] = [];
  let taken = 0;
  for (let pos = 0; !tokenizer.done; ) {
    pos = tokenizer.feed(bytes, pos, Math.min(bytes.length, pos + window), FAR);
    // Positions of values kept from earlier feeds and of this feed's, asked in a shuffled order.
    const records = tokenizer.done ? tokenizer.count : tokenizer.count - (tokenizer.count % fields);
    const asked = Array.from({ length: records }, (_, j) => j).reverse();
    const positions = new Map(asked.map((j) => [j, tokenizer.positionOf(j)]));
    for (let j = 0; j < records; j++) seen.push([tokenizer.values[j], positions.get(j) ?? -1]);
    tokenizer.consume(records);
    taken += records;
  }
  assert.equal(taken, seen.length);
  return seen;
}

/**
 * As a sink that never asks for a position while taking records: the values the tokenizer keeps
 * for the next batch (a record's start) must still know where they began once the window moves on.
 */
function carried(text: string, window: number, fields: number): [number, number][] {
  const bytes = Buffer.from(text);
  const tokenizer = new NumberArrayTokenizer('t.heapsnapshot', '"edges"');
  const seen: [number, number][] = [];
  for (let pos = 0; !tokenizer.done; ) {
    pos = tokenizer.feed(bytes, pos, Math.min(bytes.length, pos + window), FAR);
    tokenizer.consume(tokenizer.count - (tokenizer.count % fields));
    // Asked after the next window too, when this one's bytes are no longer the tokenizer's.
    if (!tokenizer.done && pos < bytes.length) {
      const kept = Array.from({ length: tokenizer.count }, (_, j): [number, number] => [tokenizer.values[j], tokenizer.positionOf(j)]);
      const next = Buffer.from(bytes); // a different buffer, as the cursor's double buffering gives
      pos = tokenizer.feed(next, pos, Math.min(bytes.length, pos + window), FAR);
      kept.forEach(([value, position], j) => {
        assert.equal(tokenizer.values[j], value);
        assert.equal(tokenizer.positionOf(j), position);
      });
      seen.push(...kept);
      tokenizer.consume(tokenizer.count - (tokenizer.count % fields));
    }
  }
  return seen;
}

describe('NumberArrayTokenizer positions, found on demand', () => {
  const text = '10,2,333\n,4, 55 ,6,\t7890123,0\n,8]';
  const expected = [...text.matchAll(/\d+/g)].map((m): [number, number] => [Number(m[0]), FAR + (m.index ?? 0)]);
  for (const fields of [1, 2, 3, 7]) {
    for (let window = 1; window <= text.length; window++) {
      it(`${fields}-value records, ${window}-byte windows`, () => {
        assert.deepEqual(read(text, window, fields), expected);
        const byValue = new Map(expected);
        for (const [value, position] of carried(text, window, fields)) assert.equal(position, byValue.get(value), `value ${value}`);
      });
    }
  }
});
