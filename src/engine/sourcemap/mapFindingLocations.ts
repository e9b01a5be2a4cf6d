import { closureLocation, shortLocation } from '../detectors/closureLocation';
import { Finding } from '../../protocol/finding';
import { idIndexFor, readerFor } from '../detectors/graphViews';
import { HeapGraph } from '../graph/heapGraph';
import { SourceMapper } from './sourceMapper';

/**
 * After the detectors (which read the JavaScript that runs, at the generated position), maps
 * every location a finding shows to the file the user edits: the finding's `location` (the
 * generated one is kept in `generatedLocation`, and `sourceMap` says how, or why not), the
 * `file:line:col` written into its title and evidence, and each closure along its path
 * (`path[i].location`, from `graph`, the last snapshot's).
 */
export async function mapFindingLocations(findings: Finding[], graph: HeapGraph, mapper: SourceMapper, checkpoint: () => Promise<void>): Promise<void> {
  const r = readerFor(graph);
  const ids = idIndexFor(graph);
  for (const f of findings) {
    await checkpoint();
    if (f.location) {
      const m = await mapper.map(f.location);
      f.location = m.location;
      f.generatedLocation = m.generated;
      f.sourceMap = m.note;
      if (m.note.mapped) {
        const from = shortLocation(m.generated);
        const to = shortLocation(m.location);
        f.title = f.title.split(from).join(to);
        f.evidence = f.evidence.map((e) => e.split(from).join(to));
      }
    } else {
      f.generatedLocation = null;
      f.sourceMap = null;
    }
    for (const step of f.path) {
      const node = ids.ordinalOf(step.id);
      if (node < 0 || graph.nodeType[node] !== graph.types.closure) continue;
      const at = closureLocation(r, node);
      if (!at) continue;
      const m = await mapper.map(at);
      step.location = m.location;
      if (m.note.mapped) step.generatedLocation = m.generated;
    }
  }
}


/**
 * Each finding's `allocatedAt` (set from allocation profiles after the detectors) to the file the
 * user edits; left as V8 gave it where there is no map.
 */
export async function mapAllocatedAt(findings: Finding[], mapper: SourceMapper): Promise<void> {
  for (const f of findings) {
    const at = f.allocatedAt;
    if (!at) continue;
    const m = await mapper.map({ url: at.script, line: at.line, column: at.column });
    if (m.note.mapped) f.allocatedAt = { ...at, script: m.location.url, line: m.location.line, column: m.location.column };
  }
}
