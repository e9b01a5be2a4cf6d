import { AllocationTraces } from './allocationTraces';
import { NodeSectionSink } from './nodeSectionSink';
import { NumberArrayTokenizer, NumberSink } from './numberArrayTokenizer';
import { SectionReader } from './sectionReader';
import { SnapshotLayout } from './snapshotLayout';
import { SnapshotParseError } from './snapshotParseError';
import { TraceFunctionSink } from './traceFunctionSink';
import { TraceLayout } from './traceLayout';
import { TraceNodeIdSink } from './traceNodeIdSink';
import { TraceTreeScanner } from './traceTreeScanner';

export const TRACE_SECTIONS = ['trace_function_infos', 'trace_tree'] as const;
export type TraceSection = (typeof TRACE_SECTIONS)[number];

/**
 * The parser's part for allocation traces (see allocationTraces.ts), made only for a snapshot whose
 * header says it has them: the nodes' trace ids beside the node sink, the two trace sections,
 * and the checks that need all three and the strings.
 */
export class TraceSections {
  private nodeIds: TraceNodeIdSink | null = null;
  private functions: TraceFunctionSink | null = null;
  private tree: TraceTreeScanner | null = null;

  constructor(
    private readonly layout: SnapshotLayout,
    private readonly trace: TraceLayout,
    private readonly file: string,
  ) {}

  /** The sink `nodes` is read into: the node sink, with the trace ids taken beside it. */
  nodeSink(nodes: NodeSectionSink): NumberSink {
    this.nodeIds = new TraceNodeIdSink(nodes, this.trace, this.layout.nodeFieldCount, this.layout.nodeCount, this.file);
    return this.nodeIds;
  }

  async read(section: TraceSection, reader: SectionReader, tokenizer: NumberArrayTokenizer): Promise<void> {
    if (section === 'trace_function_infos') {
      this.functions = new TraceFunctionSink(this.trace, this.file);
      await reader.numbers(tokenizer, this.functions, section);
    } else {
      this.tree = new TraceTreeScanner(this.trace, this.file);
      await reader.run(this.tree, `"${section}"`);
    }
  }

  /** `position` (the end of the file) is where a missing section is reported. */
  result(stringCount: number, position: number): AllocationTraces {
    const fail = (detail: string): never => {
      throw new SnapshotParseError(this.file, position, detail);
    };
    if (!this.functions) return fail(`snapshot.trace_function_count is ${this.trace.functionCount} but there is no "trace_function_infos" section`);
    if (!this.tree) return fail(`snapshot.trace_function_count is ${this.trace.functionCount} but there is no "trace_tree" section`);
    if (!this.nodeIds) return fail('unreachable: trace sections without nodes');
    if (this.functions.maxString >= stringCount) fail(`a trace function's name ${this.functions.maxString} is beyond the ${stringCount} strings`);
    const tree = this.tree.result();
    const functions = this.functions.result();
    if (tree.count > 0 && this.tree.maxFunctionIndex >= functions.count) {
      fail(`a trace node's function_info_index ${this.tree.maxFunctionIndex} is beyond the ${functions.count} trace functions`);
    }
    // A node's trace id that names no trace node is left unresolved (no stack), not refused.
    return { nodeTraceId: this.nodeIds.nodeTraceId, tree, functions };
  }
}
