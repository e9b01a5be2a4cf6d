import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRetainers } from '../../../src/engine/graph/buildRetainers';
import { EssentialEdges, dropNonPageEdges } from '../../../src/engine/graph/essentialEdges';
import { NODE_FLAG_PAGE_OBJECT } from '../../../src/engine/graph/heapGraph';
import { markPageObjects } from '../../../src/engine/graph/markPageObjects';
import { StringMarks } from '../../../src/engine/graph/stringMarks';
import { resolveEdgeTypeIds, resolveNodeTypeIds } from '../../../src/engine/graph/typeIds';
import { parsedFromJson } from '../snapshotBuilder';
import { randomGraph } from './randomGraph';

// The page rule applied afterwards (as when the page objects are marked on another thread while
// the retainers are filled) must give exactly the bits the rule applied during the fill gives.
for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
  test(`page rule after the fill = during it, random graph ${seed}`, async () => {
    const parsed = parsedFromJson(randomGraph(seed, 300 + seed * 40).toJson());
    const root = parsed.meta.rootOrdinal;
    const edgeTypes = resolveEdgeTypeIds(parsed.meta);
    const marks = new StringMarks(parsed.strings);
    const flags = new Uint8Array(parsed.nodeCount);
    await markPageObjects(parsed, resolveNodeTypeIds(parsed.meta), edgeTypes, marks, root, flags, {});

    const during = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root), {});
    const after = await buildRetainers(parsed, new EssentialEdges(parsed, edgeTypes, marks, flags, root, false), {});
    // Seeds whose graph has no user global have no page objects, and the rule drops nothing.
    const pages = flags.reduce((n, f) => n + (f & NODE_FLAG_PAGE_OBJECT), 0);
    const dropped = countBits(after.essential) - countBits(during.essential);
    if (pages > 0 && pages < parsed.nodeCount - 1) assert.ok(dropped > 0, `seed ${seed}: the rule has edges to drop`);
    dropNonPageEdges(parsed, flags, root, after);
    assert.deepEqual(after.essential, during.essential);
    assert.deepEqual(after.essentialSlot, during.essentialSlot);
    assert.deepEqual(after.retainerNode, during.retainerNode);
  });
}

function countBits(words: Uint32Array): number {
  let n = 0;
  for (const w of words) for (let x = w; x !== 0; x &= x - 1) n++;
  return n;
}
