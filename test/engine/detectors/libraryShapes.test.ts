import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closedClientDetector } from '../../../src/engine/detectors/closedClientDetector';
import { Detector } from '../../../src/engine/detectors/detector';
import { Finding } from '../../../src/protocol/finding';
import { listenerLeakDetector } from '../../../src/engine/detectors/listenerLeakDetector';
import { openHandleDetector } from '../../../src/engine/detectors/openHandleDetector';
import { runDetectors } from '../../../src/engine/detectors/runDetectors';
import { timerLeakDetector } from '../../../src/engine/detectors/timerLeakDetector';
import { graphOf } from '../analysis/builderGraph';
import { HeapShapes } from './heapShapes';
import { abortListeners, cronTasks, interceptors, poolSockets, socketIoClients, wsClients } from './libraryHeaps';

/**
 * The detectors on heap shapes of real libraries (read from snapshots of test/realworld/programs/
 * on Node 20): the count is exact, the title names the library's object and the fix its idiom.
 * test/realworld/realworld.test.ts runs the programs themselves on Node 20 to 26.
 */
interface LibraryCase {
  name: string;
  detector: Detector;
  rounds: number;
  build: (n: number) => HeapShapes;
  /** Expected count and title of the single finding, or null for none. */
  count: number | null;
  title?: RegExp;
  fix?: RegExp;
}

const CASES: LibraryCase[] = [
  { name: 'closed ws connections in a Set', detector: closedClientDetector, rounds: 1, build: () => wsClients(7, false), count: 7,
    title: /^7 closed clients \(WebSocket, connection gone\) still held by Set `chatClients`$/, fix: /ws\.on\('close', \(\) => chatClients\.delete\(ws\)\)/ },
  { name: 'open ws connections are not closed clients', detector: closedClientDetector, rounds: 1, build: () => wsClients(7, true), count: null },
  { name: 'closed ws connections growing', detector: closedClientDetector, rounds: 3, build: (n) => wsClients(5 * n, false), count: 15 },
  { name: 'disconnected socket.io sockets in a Map', detector: closedClientDetector, rounds: 1, build: () => socketIoClients(6, 'closed'), count: 6,
    title: /still held by Map `presence`$/, fix: /socket\.on\('disconnect', \(\) => presence\.delete\(key\)\)/ },
  { name: 'connected socket.io sockets', detector: closedClientDetector, rounds: 1, build: () => socketIoClients(6, 'open'), count: null },
  { name: 'AbortSignal listeners counted along the Listener chain', detector: listenerLeakDetector, rounds: 1, build: () => abortListeners(23), count: 23,
    title: /^23 `abort` listeners \(`cancelReport`\) added to AbortSignal `#signal` of AbortController and never removed$/, fix: /signal\.removeEventListener\('abort', cancelReport\).*once: true.*AbortSignal\.any/ },
  { name: '10 AbortSignal listeners are fine', detector: listenerLeakDetector, rounds: 1, build: () => abortListeners(10), count: null },
  { name: 'AbortSignal listeners growing', detector: listenerLeakDetector, rounds: 3, build: (n) => abortListeners(12 * n), count: 36 },
  { name: 'axios interceptors, ejected slots not counted', detector: listenerLeakDetector, rounds: 1, build: () => interceptors(14, 5), count: 14,
    title: /^14 interceptors \(`forwardAuth`\) added to InterceptorManager `request`/, fix: /eject\(id\)/ },
  { name: 'a few interceptors are fine', detector: listenerLeakDetector, rounds: 1, build: () => interceptors(4, 20), count: null },
  { name: "open sockets counted by the pool that opened them, not the server's far ends", detector: openHandleDetector, rounds: 3, build: (n) => poolSockets(6 * n, 6 * n + 2), count: 18,
    title: /^18 open TCP sockets of Pool, 6 more at every snapshot/, fix: /pool\.close\(\)/ },
  { name: 'only accepted sockets growing', detector: openHandleDetector, rounds: 3, build: (n) => poolSockets(2, 5 * n), count: 15, title: /accepted by a server/ },
  { name: 'node-cron tasks never stopped', detector: timerLeakDetector, rounds: 3, build: (n) => cronTasks(10 * n), count: 30,
    title: /^30 node-cron timers \(one per InlineScheduledTask\) running `checkReminder` never stopped$/, fix: /task\.stop\(\)/ },
];

const noPause = { checkpoint: async () => {} };

async function findingsOf(c: Pick<LibraryCase, 'rounds' | 'build'>, detect: (graphs: Awaited<ReturnType<typeof graphOf>>[]) => Promise<Finding[]>): Promise<Finding[]> {
  const graphs = [];
  for (let n = 1; n <= c.rounds; n++) graphs.push(await graphOf(c.build(n).b));
  return detect(graphs);
}

for (const c of CASES) {
  test(`${c.detector.kind}: ${c.name}`, async () => {
    const findings = await findingsOf(c, (snapshots) => c.detector.detect({ snapshots }, noPause));
    if (c.count === null) {
      assert.deepEqual(findings.map((f) => f.title), []);
      return;
    }
    assert.equal(findings.length, 1, findings.map((f) => f.title).join(' | '));
    const [f] = findings;
    assert.equal(f.count, c.count, f.title);
    if (c.title) assert.match(f.title, c.title);
    if (c.fix) assert.match(f.fix, c.fix);
    assert.ok(f.path.length > 1 && f.path[0].type === 'root', 'a path from a root');
  });
}

test('ranking: a growing Set of closed ws connections is a closed-client finding, not an unbounded collection', async () => {
  const findings = await findingsOf({ rounds: 3, build: (n) => wsClients(40 * n, false) }, (snapshots) => runDetectors({ snapshots }, noPause));
  assert.deepEqual(findings.map((f) => [f.kind, f.count]), [['closed-client', 120]]);
});
