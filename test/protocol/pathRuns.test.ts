import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_RUN, pathRuns } from '../../src/protocol/pathRuns';

/** Steps written as "edge:type:name"; `runs` as [start, count, text]. */
const cases: { name: string; steps: string[]; from?: number; runs: [number, number, string][] }[] = [
  { name: 'no repeats', steps: ['a:property:A', 'b:property:B', 'c:property:C'], runs: [] },
  { name: 'two alike stay two steps', steps: ['next:property:Listener', 'next:property:Listener'], runs: [] },
  { name: 'three alike are a run', steps: ['x:property:Y', 'next:property:Listener', 'next:property:Listener', 'next:property:Listener', 'callback:property:fn'],
    runs: [[1, 3, '3 × `next` through Listener']] },
  { name: '36 links of an EventTarget listener list', steps: ['kEvents:property:Map', ...Array<string>(36).fill('next:property:Listener')],
    runs: [[1, 36, '36 × `next` through Listener']] },
  { name: 'same edge, another node name: no run', steps: ['next:property:A', 'next:property:B', 'next:property:A'], runs: [] },
  { name: 'same edge name, another type: no run', steps: ['0:element:Array', '0:hidden:Array', '0:element:Array'], runs: [] },
  { name: 'two runs', steps: [...Array<string>(4).fill('previous:internal:system / Context'), 'v:context:Map', ...Array<string>(1200).fill('next:property:Node')],
    runs: [[0, 4, '4 × `previous` through system / Context'], [5, 1200, '1,200 × `next` through Node']] },
  { name: 'the root entry never joins a run', steps: ['next:property:Listener', 'next:property:Listener', 'next:property:Listener', 'next:property:Listener'], from: 1,
    runs: [[1, 3, '3 × `next` through Listener']] },
];

for (const c of cases) {
  test(`pathRuns: ${c.name}`, () => {
    const steps = c.steps.map((s) => {
      const [edge, type, name] = s.split(':');
      return { edge, type, name };
    });
    assert.deepEqual(pathRuns(steps, c.from).map((r) => [r.start, r.count, r.text]), c.runs);
    for (const r of pathRuns(steps, c.from)) assert.ok(r.count >= MIN_RUN);
  });
}
