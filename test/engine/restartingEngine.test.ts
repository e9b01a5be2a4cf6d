import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEngineWorker } from '../../src/engine/engineClient';
import { RestartingEngine } from '../../src/engine/restartingEngine';
import { RpcError } from '../../src/protocol/rpc';
import { LEAKY_APP, childSnapshots } from './childSnapshots';
import { tempDir } from '../tempDir';
import { assertBuilt, distBundle } from '../distBundle';

const WORKER = distBundle('engineWorker.js');

let tmp: ReturnType<typeof tempDir>;
let snapshot: string;

before(async () => {
  assertBuilt(WORKER);
  tmp = tempDir('restart');
  [snapshot] = await childSnapshots(`${LEAKY_APP}\ngrow(300); snap();`, 1, tmp.dir);
});
after(() => tmp.remove());

test('the engine worker killed mid-analysis: the error names the cause, the next command starts a new worker', async () => {
  const engine = new RestartingEngine(() => startEngineWorker({ workerPath: WORKER }));
  try {
    let killedAt: string | null = null;
    const opening = engine.remote.open(
      { file: snapshot },
      {
        onProgress: (e) => {
          // Past the parse, in the graph passes: the analysis is half done.
          if (killedAt === null && e.phase !== 'parse') {
            killedAt = e.phase;
            process.kill(engine.pid as number, 'SIGKILL');
          }
        },
      },
    );
    const firstPid = engine.pid;
    const generation = engine.generation;
    await assert.rejects(opening, (e: RpcError) => e.code === 'EWORKER' && /^engine worker was killed \(SIGKILL\)/.test(e.message));
    assert.ok(killedAt, 'killed during a graph phase');
    assert.notEqual(engine.generation, generation, 'handles of the dead worker are known to be gone');
    const info = await engine.remote.open({ file: snapshot });
    assert.ok(engine.pid && engine.pid !== firstPid, `a new worker (${firstPid} → ${engine.pid})`);
    assert.ok(info.nodeCount > 10_000);
    const page = await engine.remote.classPage({ handle: info.handle, offset: 0, limit: 5, sortBy: 'name', descending: false, filter: 'leaky' });
    assert.deepEqual(page.rows.map((r) => [r.name, r.count]), [['LeakyThing', 300]]);
  } finally {
    engine.dispose();
  }
});
