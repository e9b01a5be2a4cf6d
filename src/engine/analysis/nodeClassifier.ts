import { TypedSnapshot } from '../graph/heapGraph';
import { StringTable } from '../snapshot/parsedSnapshot';
import { displayClassName } from './displayClassName';
import { InterfaceNames } from './interfaceNames';
import { LocationCursor } from './locationCursor';
import { doubled } from '../memory/doubled';

/** Lines, columns, script ids and classes below this make exact numeric keys (see locatedClass). */
const POSITION_LIMIT = 2 ** 26;

/**
 * The per-node work of buildClassIndex (see classIndex.ts for the naming rules), as a sync
 * helper called in node ranges so V8 optimises the loop (it does poorly inside async functions).
 * Classes are numbered in first-seen order of their key; every distinct name string is decoded
 * once (`byNameIndex`), so the loop itself only reads typed arrays. Indexing: node ordinals;
 * `plainNodes[0 .. plainCount)` lists the plain objects (`object "Object"`) in node order.
 */
export class NodeClassifier {
  readonly names: string[] = [];
  readonly keys: string[] = [];
  readonly classOf: Uint32Array;
  plainNodes: Uint32Array = new Uint32Array(1024);
  plainCount = 0;

  private readonly byKey = new Map<string, number>();
  /** locatedClass's cache: by line and column, then by script and plain class. */
  private readonly byPosition = new Map<number, Map<number, number>>();
  private readonly nodeType: Uint8Array;
  private readonly nodeName: Uint32Array;
  private readonly strings: StringTable;
  private readonly objectType: number;
  private readonly nativeType: number;
  /** Per node ordinal: 1 + its entry in the graph's `locations`, 0 for none (no fill needed). */
  private readonly locations: LocationCursor;
  private readonly scriptId: Uint32Array;
  private readonly line: Uint32Array;
  private readonly column: Uint32Array;
  /** Per name string index: its plain class (-1: not decoded yet). */
  private readonly byNameIndex: Int32Array;
  /** Per node type: its class (-1: not seen yet). */
  private readonly typeClass: Int32Array;
  private readonly typeNames: readonly string[];
  private readonly fixed: Map<number, string>;
  private readonly detached: Uint8Array | null;
  private readonly detachedByNameIndex = new Map<number, number>();
  /** The class named "Object", once a name string decodes to it; -1 before. */
  private objectClass = -1;
  /** String index of the first object node named "Object": plain objects carry it. */
  private objectName = -1;

  /**
   * `classOf`, if given (nodeCount words), receives the classes: e.g. shared memory. `room`'s
   * arrays, if given, are the plain objects' list (nodeCount words: it never grows) and the
   * per-string classes (strings.count words), instead of fresh ones.
   */
  constructor(graph: TypedSnapshot, detached: Uint8Array | null, classOf?: Uint32Array, room?: { plainNodes: Uint32Array; byNameIndex?: Int32Array }) {
    const t = graph.types;
    this.classOf = classOf ?? new Uint32Array(graph.nodeCount);
    this.nodeType = graph.nodeType;
    this.nodeName = graph.nodeName;
    this.strings = graph.strings;
    this.objectType = t.object;
    this.nativeType = t.native;
    this.detached = detached;
    const loc = graph.locations;
    this.scriptId = loc.scriptId;
    this.line = loc.line;
    this.column = loc.column;
    this.locations = new LocationCursor(loc);
    this.byNameIndex = (room?.byNameIndex ?? new Int32Array(graph.strings.count)).fill(-1);
    if (room && room.plainNodes.length >= graph.nodeCount) this.plainNodes = room.plainNodes;
    this.typeNames = graph.meta.nodeTypes;
    this.typeClass = new Int32Array(this.typeNames.length).fill(-1);
    this.fixed = new Map<number, string>([
      [t.hidden, '(system)'], [t.code, '(compiled code)'], [t.closure, 'Function'], [t.regexp, 'RegExp'],
    ]);
  }

  /** Classifies nodes [from, to). */
  classify(from: number, to: number): void {
    const { nodeType, nodeName, classOf, byNameIndex, typeClass, locations, objectType, nativeType, detached } = this;
    let { plainNodes, plainCount, objectName } = this;
    for (let node = from; node < to; node++) {
      const type = nodeType[node];
      if (type === objectType) {
        const nameIndex = nodeName[node];
        let c = byNameIndex[nameIndex];
        if (c < 0) c = this.nameClass(nameIndex);
        if (nameIndex === objectName || (objectName < 0 && c === this.objectClass)) {
          objectName = nameIndex;
          if (plainCount === plainNodes.length) plainNodes = this.growPlain();
          plainNodes[plainCount++] = node;
        }
        const at = locations.at(node);
        classOf[node] = at >= 0 ? this.locatedClass(at, c) : c;
      } else if (type === nativeType) {
        const nameIndex = nodeName[node];
        if (detached !== null && detached[node]) {
          classOf[node] = this.detachedClass(nameIndex);
          continue;
        }
        const c = byNameIndex[nameIndex];
        classOf[node] = c < 0 ? this.nameClass(nameIndex) : c;
      } else {
        const c = typeClass[type];
        classOf[node] = c < 0 ? this.typeClassOf(type) : c;
      }
    }
    this.plainCount = plainCount;
    this.objectName = objectName;
  }

  /** Plain objects matching an interface definition take its class (per location if located). */
  renamePlainObjects({ definitions, shapeOf, shapeDefinition }: InterfaceNames): void {
    const defClass = definitions.map((d) => this.plain(d.name));
    const { plainNodes, plainCount, classOf, locations } = this;
    // plainNodes are in node order, as the cursor needs.
    locations.rewind();
    for (let i = 0; i < plainCount; i++) {
      const match = shapeDefinition[shapeOf[i]];
      if (match < 0) continue;
      const node = plainNodes[i];
      const at = locations.at(node);
      classOf[node] = at >= 0 ? this.located(at, definitions[match].name) : defClass[match];
    }
  }

  private classFor(name: string, key: string): number {
    let c = this.byKey.get(key);
    if (c === undefined) {
      c = this.names.length;
      this.names.push(name);
      this.keys.push(key);
      this.byKey.set(key, c);
    }
    return c;
  }

  private plain(name: string): number {
    return this.classFor(name, `,${name}`);
  }

  /**
   * The class of plain class `c`'s name at locations entry `at`, looked up by two exact numbers
   * (each below 2^52) rather than the string key, which would be built for every located object
   * (a hundred thousand in a 250 MB snapshot) only to find the class it names already there.
   */
  private locatedClass(at: number, c: number): number {
    const line = this.line[at], column = this.column[at], script = this.scriptId[at];
    if (line >= POSITION_LIMIT || column >= POSITION_LIMIT || script >= POSITION_LIMIT || c >= POSITION_LIMIT) {
      return this.located(at, this.names[c]);
    }
    const where = line * POSITION_LIMIT + column;
    let byClass = this.byPosition.get(where);
    if (byClass === undefined) this.byPosition.set(where, byClass = new Map<number, number>());
    const key = script * POSITION_LIMIT + c;
    let located = byClass.get(key);
    if (located === undefined) byClass.set(key, located = this.located(at, this.names[c]));
    return located;
  }

  /** The class of `name` at locations entry `at`. */
  private located(at: number, name: string): number {
    return this.classFor(name, `${this.scriptId[at]},${this.line[at]},${this.column[at]},${name}`);
  }

  private nameClass(nameIndex: number): number {
    const name = displayClassName(this.strings.get(nameIndex));
    const c = this.plain(name);
    this.byNameIndex[nameIndex] = c;
    if (name === 'Object') this.objectClass = c;
    return c;
  }

  private detachedClass(nameIndex: number): number {
    let c = this.detachedByNameIndex.get(nameIndex);
    if (c === undefined) {
      c = this.plain(displayClassName(`Detached ${this.strings.get(nameIndex)}`));
      this.detachedByNameIndex.set(nameIndex, c);
    }
    return c;
  }

  private typeClassOf(type: number): number {
    const c = this.plain(this.fixed.get(type) ?? `(${this.typeNames[type]})`);
    this.typeClass[type] = c;
    return c;
  }

  private growPlain(): Uint32Array {
    this.plainNodes = doubled(this.plainNodes);
    return this.plainNodes;
  }
}
