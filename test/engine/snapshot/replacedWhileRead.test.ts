import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { after, it } from 'node:test';
import { EdgesHelper } from '../../../src/engine/snapshot/edgesSplit';
import { parseSnapshotFile } from '../../../src/engine/snapshot/parseSnapshotFile';
import { readEdgeSection } from '../../../src/engine/snapshot/readEdgeSection';
import { SnapshotBuilder, parsedFromJson } from '../snapshotBuilder';
import { assertSameSnapshot } from './assertSameSnapshot';
import { tempDir } from '../../tempDir';

const tmp = tempDir('replaced');
after(() => tmp.remove());

/** Same nodes, strings and edge count; the edges point elsewhere (`shift`), so only they differ. */
function graph(shift: number) {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const nodes = Array.from({ length: 50 }, (_, i) => b.node('object', `N${i}`, 16));
  for (const n of nodes) b.edge(gc, n, 'element', 1);
  nodes.forEach((n, i) => b.edge(n, nodes[(i + shift) % nodes.length], 'property', 'next'));
  return b.toJson();
}

it('a file replaced (renamed over) after the parse opened it: the helper thread does not read the new one', async () => {
  const oldJson = graph(1);
  const newJson = graph(7);
  const write = (name: string, json: typeof oldJson) => tmp.file(name, JSON.stringify(json));
  const file = write('snap.heapsnapshot', oldJson);
  const replacement = write('next.heapsnapshot', newJson);
  // The other thread starts when the parser meets the edges: that is when a capture's rename lands.
  const helper: EdgesHelper = {
    start: (request, call) => {
      renameSync(replacement, file);
      return readEdgeSection(request, { signal: call.signal, onProgress: (done) => call.onProgress(done) });
    },
  };
  const parsed = await parseSnapshotFile(file, { edgesHelper: helper, takeOverBytes: Infinity });
  // Read on one thread again, from the path: the new file, whole. Never old nodes with new edges.
  assertSameSnapshot(parsed, parsedFromJson(newJson), 'replaced');
});
