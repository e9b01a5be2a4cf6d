import { StringTable } from '../snapshot/parsedSnapshot';

/** Bits of `StringMarks.of`. */
export const MARK_NATIVE_CONTEXT = 1 << 1;
export const MARK_MAP_DESCRIPTORS = 1 << 2;
export const MARK_EXTERNAL_STRING_DATA = 1 << 3;
export const MARK_DOCUMENT_DOM_TREES = 1 << 4;
export const MARK_SLOPPY_FUNCTION_MAP = 1 << 5;
export const MARK_EPHEMERON = 1 << 6;
const MARK_KNOWN = 1;

/** What an ephemeron edge name says: the WeakMap's table id and the part shared by its pair. */
export interface EphemeronName {
  tableId: number;
  pairKey: string;
}

/**
 * V8 names the two edges that hold a WeakMap value "<n> / part of key (K @id) -> value (V @id)
 * pair in WeakMap (table @id)": one from the table, one from the key. DevTools recognises them by
 * this shape, so we must too, to get the same dominators and distances.
 */
const EPHEMERON = /^\d+( \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\))$/;

/**
 * The few names DevTools gives special meaning to, recognised by string index. Each string is
 * decoded at most once, on first use, so only names actually asked about are ever decoded.
 */
export class StringMarks {
  private readonly marks: Uint8Array;
  private readonly ephemerons = new Map<number, EphemeronName>();

  constructor(private readonly strings: StringTable) {
    this.marks = new Uint8Array(strings.count);
  }

  /** MARK_* bits of string `index`. */
  of(index: number): number {
    const m = this.marks[index];
    return m !== 0 ? m : this.classify(index);
  }

  ephemeron(index: number): EphemeronName | undefined {
    return this.of(index) & MARK_EPHEMERON ? this.ephemerons.get(index) : undefined;
  }

  private classify(index: number): number {
    if (index >= this.marks.length) return 0;
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
          const match = EPHEMERON.exec(s);
          if (match) {
            m |= MARK_EPHEMERON;
            this.ephemerons.set(index, { tableId: parseInt(match[2], 10), pairKey: match[1] });
          }
        }
      }
    }
    this.marks[index] = m;
    return m;
  }
}
