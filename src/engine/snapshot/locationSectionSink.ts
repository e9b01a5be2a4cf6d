import { SnapshotLocations } from './parsedSnapshot';
import { NumberSink, ValuePositions } from './numberArrayTokenizer';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { doubled } from '../memory/doubled';
import { locationObjectColumn, WideColumn } from './wideColumn';

/**
 * Stores `locations` records (one per closure or script-backed object) into columns. The header
 * gives no count for them, so the columns grow by doubling and are trimmed at the end.
 */
export class LocationSectionSink implements NumberSink {
  readonly wide: WideColumn | null;
  private count = 0;
  private nodeOrdinal = new Uint32Array(1024);
  private scriptId = new Uint32Array(1024);
  private line = new Uint32Array(1024);
  private column = new Uint32Array(1024);

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly file: string,
  ) {
    this.wide = locationObjectColumn(layout);
  }

  take(values: Uint32Array, count: number, where: ValuePositions): number {
    const fields = this.layout.location;
    if (fields === null) {
      if (count > 0) this.fail(where.positionOf(0), '"locations" has entries but snapshot.meta has no location_fields');
      return 0;
    }
    const lf = this.layout.locationFieldCount;
    const nf = this.layout.nodeFieldCount;
    const nodeLimit = this.layout.nodeCount * nf;
    let j = 0;
    // The next value the tokenizer read wide and gave as an ordinal (see WideColumn), if any.
    let w = 0;
    for (; j + lf <= count; j += lf) {
      if (this.count === this.nodeOrdinal.length) this.grow();
      const k = this.count++;
      const at = j + fields.objectIndex;
      const objectIndex = values[at];
      if (w < where.wideCount && where.wideAt[w] === at) {
        this.nodeOrdinal[k] = objectIndex;
        w++;
      } else {
        if (objectIndex >= nodeLimit || objectIndex % nf !== 0) {
          this.fail(where.positionOf(at), `location object_index ${objectIndex} is not the start of a node`);
        }
        this.nodeOrdinal[k] = objectIndex / nf;
      }
      // No range check: the tokenizer already rejects values past 32 bits.
      this.scriptId[k] = values[j + fields.scriptId];
      this.line[k] = values[j + fields.line];
      this.column[k] = values[j + fields.column];
    }
    return j;
  }

  finish(position: number, leftover: number): void {
    if (leftover !== 0) {
      this.fail(position, `"locations" ends inside a location (${leftover} of ${this.layout.locationFieldCount} fields)`);
    }
  }

  result(): SnapshotLocations {
    const n = this.count;
    return {
      count: n,
      // Views, not copies (the never-written tail of each column costs no memory).
      nodeOrdinal: this.nodeOrdinal.subarray(0, n),
      scriptId: this.scriptId.subarray(0, n),
      line: this.line.subarray(0, n),
      column: this.column.subarray(0, n),
    };
  }

  private grow(): void {
    this.nodeOrdinal = doubled(this.nodeOrdinal);
    this.scriptId = doubled(this.scriptId);
    this.line = doubled(this.line);
    this.column = doubled(this.column);
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, detail);
  }
}

/** The locations of a snapshot that has none. */
export function emptyLocations(): SnapshotLocations {
  return { count: 0, nodeOrdinal: new Uint32Array(0), scriptId: new Uint32Array(0), line: new Uint32Array(0), column: new Uint32Array(0) };
}
