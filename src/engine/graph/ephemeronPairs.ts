import { StringTable } from '../snapshot/parsedSnapshot';

/** Slots of a new table; it doubles whenever it would pass half full. */
const FIRST_CAPACITY = 1 << 10;

/**
 * The distances' set of WeakMap pairs met once so far, as DevTools keeps it
 * (`pendingEphemeronEdges` in its HeapSnapshot.ts): the two edges holding one WeakMap value are
 * named "<n> / part of key … pair in WeakMap (table @id)" with different <n>, and a pair is what
 * is left of the name after those leading digits, compared as text. Two names with equal text
 * are one pair even at different string indices, as in DevTools.
 *
 * Why not a Set of those strings, as DevTools: on a 1 GB heap ~100 k of them (sliced strings,
 * each holding its whole decoded name) stayed alive through the distances, the build's last
 * phase and then its peak, and grew the young generation with them. Here a pair is the string
 * index of the name that opened it plus a 32-bit hash of its text, in an open-addressing table
 * of two typed arrays (linear probing, backward-shift deletion: Knuth, TAOCP vol. 3, 6.4,
 * algorithm R), 8 bytes a slot and at most two slots per pending pair. A hash match is
 * confirmed by comparing the texts, so a collision never joins two pairs. Each ask decodes its
 * name, and a match the opener's; those strings die at once.
 */
export class EphemeronPairs {
  /** String index + 1 of the name that opened the pair in each slot; 0 = empty. */
  private opener = new Uint32Array(FIRST_CAPACITY);
  private hash = new Uint32Array(FIRST_CAPACITY);
  private size = 0;

  constructor(private readonly strings: StringTable) {}

  /** How many pairs are open (met once, or an odd number of times). */
  get pending(): number {
    return this.size;
  }

  /**
   * Meets an edge named by ephemeron string `name` (one StringMarks marks MARK_EPHEMERON). True
   * if its pair was open, which closes it; false if this opens it (DevTools: the delete failed,
   * so the name is added and the edge skipped).
   */
  meet(name: number): boolean {
    const text = this.strings.get(name);
    const start = pairStart(text);
    const h = pairHash(text, start);
    const { opener, hash } = this;
    const mask = opener.length - 1;
    let i = h & mask;
    for (; opener[i] !== 0; i = (i + 1) & mask) {
      if (hash[i] === h && samePair(text, start, this.strings.get(opener[i] - 1))) {
        this.remove(i);
        return true;
      }
    }
    opener[i] = name + 1;
    hash[i] = h;
    if (++this.size * 2 > opener.length) this.grow();
    return false;
  }

  /** Empties slot `i`, moving later entries of its probe run back so none is cut off from home. */
  private remove(i: number): void {
    const { opener, hash } = this;
    const mask = opener.length - 1;
    for (let j = (i + 1) & mask; opener[j] !== 0; j = (j + 1) & mask) {
      const home = hash[j] & mask;
      // The entry at j may move to i only if its home is not cyclically within (i, j].
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      opener[i] = opener[j];
      hash[i] = hash[j];
      i = j;
    }
    opener[i] = 0;
    this.size--;
  }

  private grow(): void {
    const oldOpener = this.opener, oldHash = this.hash;
    const opener = new Uint32Array(oldOpener.length * 2), hash = new Uint32Array(oldOpener.length * 2);
    const mask = opener.length - 1;
    for (let k = 0; k < oldOpener.length; k++) {
      if (oldOpener[k] === 0) continue;
      let i = oldHash[k] & mask;
      while (opener[i] !== 0) i = (i + 1) & mask;
      opener[i] = oldOpener[k];
      hash[i] = oldHash[k];
    }
    this.opener = opener;
    this.hash = hash;
  }
}

/** Where the pair's part starts: after the name's leading digits. */
function pairStart(text: string): number {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i;
}

/** FNV-1a over the UTF-16 units of text[start..]; exported for the collision test. */
export function pairHash(text: string, start: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function samePair(a: string, aStart: number, b: string): boolean {
  const bStart = pairStart(b);
  const length = a.length - aStart;
  if (b.length - bStart !== length) return false;
  for (let k = 0; k < length; k++) if (a.charCodeAt(aStart + k) !== b.charCodeAt(bStart + k)) return false;
  return true;
}
