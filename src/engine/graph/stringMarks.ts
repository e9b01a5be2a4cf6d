import { StringTable } from '../snapshot/parsedSnapshot';

/** Bits of `StringMarks.of`. */
export const MARK_NATIVE_CONTEXT = 1 << 1;
export const MARK_MAP_DESCRIPTORS = 1 << 2;
export const MARK_EXTERNAL_STRING_DATA = 1 << 3;
export const MARK_DOCUMENT_DOM_TREES = 1 << 4;
export const MARK_SLOPPY_FUNCTION_MAP = 1 << 5;
export const MARK_EPHEMERON = 1 << 6;
const MARK_KNOWN = 1;

/**
 * V8 names the two edges that hold a WeakMap value "<n> / part of key (K @id) -> value (V @id)
 * pair in WeakMap (table @id)": one from the table, one from the key. DevTools recognises them by
 * this shape, so we must too, to get the same dominators and distances.
 */
const EPHEMERON = /^\d+( \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\))$/;

/** The length of '(map descriptors)', the shortest name marked below (EPHEMERON needs ~60). */
const SHORTEST_MARKED = 17;

/**
 * The few names DevTools gives special meaning to, recognised by string index. Each string is
 * decoded at most once, on first use, so only names actually asked about are ever decoded.
 */
export class StringMarks {
  private readonly marks: Uint8Array;
  /**
   * Per string index: the WeakMap table id of an ephemeron name. A typed array rather than the
   * map above because the essential-edge pass asks it once per ephemeron edge (hundreds of
   * thousands on real heaps) and a Map lookup there cost more than the rest of the edge test.
   * Float64 so an id past 2^32 in a hostile name never wraps onto a real node id. Allocated on
   * the first ephemeron name; snapshots without WeakMaps never pay for it.
   */
  private tableIds: Float64Array | undefined;
  /** Whether table ids go in `tableIds`: until forgetTableIds. */
  private bulk = true;

  constructor(private readonly strings: StringTable) {
    this.marks = new Uint8Array(strings.count);
  }

  /**
   * Lets go of the table ids, which only the essential-edge pass reads in bulk (8 bytes per
   * string: 20 MB on a 1 GB heap); ephemeronTableId decodes the name again after. Why: the
   * dominators, the build's peak, come next.
   */
  forgetTableIds(): void {
    this.tableIds = undefined;
    this.bulk = false;
  }

  /** MARK_* bits of string `index`. */
  of(index: number): number {
    const m = this.marks[index];
    return m !== 0 ? m : this.classify(index);
  }

  /**
   * The WeakMap table id named by ephemeron string `index`; call only where `of` has
   * MARK_EPHEMERON. After forgetTableIds the name is decoded again at each ask, not kept. (The
   * distances pair names by their text: see EphemeronPairs.)
   */
  ephemeronTableId(index: number): number {
    return this.tableIds ? this.tableIds[index] : tableIdOf(this.strings.get(index));
  }

  private classify(index: number): number {
    if (index >= this.marks.length) return 0;
    // Most names asked about are internal edge names such as "123", hundreds of thousands of
    // them unique; none can be one of the names below if it is shorter than the shortest.
    if (this.strings.maxLength !== undefined && this.strings.maxLength(index) < SHORTEST_MARKED) {
      this.marks[index] = MARK_KNOWN;
      return MARK_KNOWN;
    }
    const s = this.strings.get(index);
    let m = MARK_KNOWN;
    switch (s) {
      case 'system / NativeContext': m |= MARK_NATIVE_CONTEXT; break;
      case '(map descriptors)': m |= MARK_MAP_DESCRIPTORS; break;
      case 'system / ExternalStringData': m |= MARK_EXTERNAL_STRING_DATA; break;
      case '(Document DOM trees)': m |= MARK_DOCUMENT_DOM_TREES; break;
      case 'sloppy_function_map': m |= MARK_SLOPPY_FUNCTION_MAP; break;
      default: {
        const c = s.charCodeAt(0);
        if (c >= 48 && c <= 57) {
          const tableId = tableIdOf(s);
          if (tableId >= 0) {
            m |= MARK_EPHEMERON;
            if (this.bulk) (this.tableIds ??= new Float64Array(this.marks.length))[index] = tableId;
          }
        }
      }
    }
    this.marks[index] = m;
    return m;
  }
}

/** The table id of an ephemeron name, or -1 if `s` is not one. */
function tableIdOf(s: string): number {
  const match = EPHEMERON.exec(s);
  return match ? parseInt(match[2], 10) : -1;
}
