import { doubled } from '../memory/doubled';
import { NumberSink, ValuePositions } from './numberArrayTokenizer';
import { SnapshotParseError } from './snapshotParseError';
import { TraceFunctions } from './allocationTraces';
import { TraceLayout } from './traceLayout';

/**
 * Stores `trace_function_infos` records. Their number is not the header's
 * trace_function_count: V8 counts those when it writes the header, and the snapshot's own
 * serialisation adds functions after that (73 records against a count of 57 on Node 20), so the
 * columns grow by doubling.
 */
export class TraceFunctionSink implements NumberSink {
  private count = 0;
  private name: Uint32Array;
  private scriptName: Uint32Array;
  private scriptId: Uint32Array;
  private line: Uint32Array;
  private column: Uint32Array;
  /** The largest string index seen, checked once the strings are known. */
  maxString = 0;

  constructor(
    private readonly trace: TraceLayout,
    private readonly file: string,
  ) {
    const n = Math.max(16, Math.min(trace.functionCount, 1 << 16) * 2);
    this.name = new Uint32Array(n);
    this.scriptName = new Uint32Array(n);
    this.scriptId = new Uint32Array(n);
    this.line = new Uint32Array(n);
    this.column = new Uint32Array(n);
  }

  take(values: Uint32Array, count: number, where: ValuePositions): number {
    const { fn, functionFieldCount: ff } = this.trace;
    let j = 0;
    for (; j + ff <= count; j += ff) {
      if (this.count === this.name.length) this.grow();
      // No range check: the tokenizer already rejects values past 32 bits.
      const k = this.count++;
      const name = (this.name[k] = values[j + fn.name]);
      const script = (this.scriptName[k] = values[j + fn.scriptName]);
      if (name > this.maxString) this.maxString = name;
      if (script > this.maxString) this.maxString = script;
      this.scriptId[k] = values[j + fn.scriptId];
      this.line[k] = values[j + fn.line];
      this.column[k] = values[j + fn.column];
    }
    return j;
  }

  finish(position: number, leftover: number): void {
    if (leftover !== 0) this.fail(position, `"trace_function_infos" ends inside a record (${leftover} of ${this.trace.functionFieldCount} fields)`);
  }

  result(): TraceFunctions {
    const n = this.count;
    return {
      count: n,
      name: this.name.subarray(0, n),
      scriptName: this.scriptName.subarray(0, n),
      scriptId: this.scriptId.subarray(0, n),
      line: this.line.subarray(0, n),
      column: this.column.subarray(0, n),
    };
  }

  private grow(): void {
    this.name = doubled(this.name);
    this.scriptName = doubled(this.scriptName);
    this.scriptId = doubled(this.scriptId);
    this.line = doubled(this.line);
    this.column = doubled(this.column);
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, detail);
  }
}
