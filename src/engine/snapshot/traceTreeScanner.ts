import { doubled } from '../memory/doubled';
import { TraceTree } from './allocationTraces';
import { describeByte, SnapshotParseError } from './snapshotParseError';
import { TraceLayout } from './traceLayout';

// What may come next, inside some array of the tree.
const OPENED = 0; // after '[': a number, a ']' or (in a record's children place) a '['
const COMMA = 1; // after ',': a number or '['
const VALUE = 2; // after a number or a children array: ',' or ']'

const MAX_VALUE = 0xffffffff;

/**
 * Reads `trace_tree`, which V8 writes nested (heap-snapshot-generator.cc, SerializeTraceNode):
 * the section is the root's record, `id,function_info_index,count,size,[children]`, and each
 * children array holds its records one after another, each ending in its own children array. The
 * nesting is as deep as the deepest stack, so this is a byte state machine with an explicit stack
 * of open parents, never recursion; every array level is "a list of records", the section's own
 * (parent -1) included. Nodes come out in file order, each parent before its children, into
 * growable columns. Fed chunk by chunk like the other scanners; positions in errors are file offsets.
 */
export class TraceTreeScanner {
  done = false;
  private count = 0;
  private id = new Uint32Array(256);
  private functionIndex = new Uint32Array(256);
  private parent = new Uint32Array(256);
  private allocationCount = new Uint32Array(256);
  private allocationSize = new Uint32Array(256);
  /** stack[d] is the parent ordinal + 1 of the records in the array open at depth d (0 for the section's). */
  private stack = new Uint32Array(64);
  private depth = 0;
  private field = 0;
  private next = OPENED;
  private inNumber = false;
  private value = 0;
  private started = false;
  maxFunctionIndex = 0;

  constructor(
    private readonly layout: TraceLayout,
    private readonly file: string,
  ) {}

  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    const nf = this.layout.treeFieldCount;
    const childrenField = this.layout.treeNode.children;
    let i = pos;
    while (i < end) {
      const c = bytes[i];
      const d = (c - 0x30) >>> 0;
      if (d <= 9) {
        if (!this.inNumber) {
          if (this.next === VALUE) this.fail(base + i, `unexpected ${describeByte(c)}, expected ',' or ']' in "trace_tree"`);
          if (this.depth === 0) this.fail(base + i, `unexpected ${describeByte(c)}, expected '[' to start "trace_tree"`);
          if (this.field === childrenField) this.fail(base + i, `a trace node has ${nf - 1} numbers and then its children array, not another number`);
          this.inNumber = true;
          this.value = 0;
        }
        this.value = this.value * 10 + d;
        if (this.value > MAX_VALUE) this.fail(base + i, 'a number in "trace_tree" is beyond 32 bits');
        i++;
        continue;
      }
      if (this.inNumber) this.number();
      i++;
      switch (c) {
        case 0x20: case 0x0a: case 0x0d: case 0x09:
          break;
        case 0x2c: // ','
          if (this.next !== VALUE) this.fail(base + i - 1, `unexpected ',' in "trace_tree"`);
          this.next = COMMA;
          break;
        case 0x5b: // '['
          if (this.depth === 0) {
            if (this.started) this.fail(base + i - 1, `unexpected '[' after "trace_tree"`);
            this.started = true;
          } else {
            if (this.next === VALUE) this.fail(base + i - 1, `unexpected '[', expected ',' or ']' in "trace_tree"`);
            if (this.field !== childrenField) this.fail(base + i - 1, `a trace node's children array comes after its ${nf - 1} numbers`);
          }
          this.push(this.depth === 0 ? 0 : this.count);
          this.field = 0;
          this.next = OPENED;
          break;
        case 0x5d: // ']'
          if (this.next === COMMA) this.fail(base + i - 1, `unexpected ']' after ',' in "trace_tree"`);
          if (this.field !== 0) this.fail(base + i - 1, `a trace node ends after ${this.field} of its ${nf} fields`);
          this.depth--;
          // The children array closed its parent's record; at depth 0 the section is over.
          this.field = 0;
          this.next = VALUE;
          if (this.depth === 0) {
            this.done = true;
            return i;
          }
          break;
        default:
          this.fail(base + i - 1, `unexpected ${describeByte(c)} in "trace_tree"`);
      }
    }
    return i;
  }

  result(): TraceTree {
    const n = this.count;
    const parent = new Int32Array(n);
    for (let k = 0; k < n; k++) parent[k] = this.parent[k] - 1;
    return {
      count: n,
      id: this.id.subarray(0, n),
      functionIndex: this.functionIndex.subarray(0, n),
      parent,
      allocationCount: this.allocationCount.subarray(0, n),
      allocationSize: this.allocationSize.subarray(0, n),
    };
  }

  /** One number of the record at the current depth; the first one starts a new node. */
  private number(): void {
    this.inNumber = false;
    const { treeNode } = this.layout;
    const f = this.field;
    if (f === 0) {
      if (this.count === this.id.length) this.grow();
      this.parent[this.count++] = this.stack[this.depth - 1];
    }
    const k = this.count - 1;
    const v = this.value;
    if (f === treeNode.id) this.id[k] = v;
    else if (f === treeNode.functionInfoIndex) {
      this.functionIndex[k] = v;
      if (v > this.maxFunctionIndex) this.maxFunctionIndex = v;
    } else if (f === treeNode.count) this.allocationCount[k] = v;
    else if (f === treeNode.size) this.allocationSize[k] = v;
    this.field = f + 1;
    this.next = VALUE;
  }

  /** `parentPlusOne` is the ordinal + 1 of the node whose children open (its record is the last started). */
  private push(parentPlusOne: number): void {
    if (this.depth === this.stack.length) this.stack = doubled(this.stack);
    this.stack[this.depth++] = parentPlusOne;
  }

  private grow(): void {
    this.id = doubled(this.id);
    this.functionIndex = doubled(this.functionIndex);
    this.parent = doubled(this.parent);
    this.allocationCount = doubled(this.allocationCount);
    this.allocationSize = doubled(this.allocationSize);
  }

  private fail(position: number, detail: string): never {
    throw new SnapshotParseError(this.file, position, detail);
  }
}
