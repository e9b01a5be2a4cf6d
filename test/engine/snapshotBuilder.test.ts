import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotBuilder, parsedFromJson } from './snapshotBuilder';

test('builder output round-trips through JSON text into parsed columns', () => {
  const b = new SnapshotBuilder();
  const gc = b.gcRoots();
  const obj = b.node('object', 'Foo', 32);
  const str = b.node('string', 'he said "hi"\n', 24);
  b.edge(gc, obj, 'element', 1).edge(obj, str, 'property', 'greeting');
  b.location(obj, 7, 10, 3);
  const parsed = parsedFromJson(JSON.parse(b.toText()));
  assert.equal(parsed.nodeCount, 4);
  assert.equal(parsed.edgeCount, 3);
  assert.deepEqual([...parsed.firstEdge], [0, 1, 2, 3, 3]);
  assert.equal(parsed.meta.nodeTypes[parsed.nodeType[obj]], 'object');
  assert.equal(parsed.strings.get(parsed.nodeName[str]), 'he said "hi"\n');
  assert.equal(parsed.edgeToNode[2], str);
  assert.equal(parsed.strings.get(parsed.edgeNameOrIndex[2]), 'greeting');
  assert.equal(parsed.locations.nodeOrdinal[0], obj);
  assert.equal(parsed.nodeId[obj], b.id(obj));
  assert.throws(() => b.edge(obj, str, 'element', 'x'));
});
