import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { attach } from '../../src/inspector/inspector';
import { IDLE_TARGET, assertLeftAsItWas, killAllTargets, startTarget } from './nodeTargets';
import { ensureNodeBinary } from '../nodeBinaries';
import { readSnapshotJson } from './snapshotJson';
import { tempDir } from '../tempDir';

const tmp = tempDir('versions');
const dir = tmp.dir;
after(async () => {
  await killAllTargets();
  tmp.remove();
});

for (const major of [22, 24]) {
  test(`Node ${major}: switch on, capture, look up a buffer, switch off`, async () => {
    const node = ensureNodeBinary(major);
    assert.match(execFileSync(node, ['-v'], { encoding: 'utf8' }), new RegExp(`^v${major}\\.`));
    const target = await startTarget(`globalThis.b = Buffer.from('hi'); ${IDLE_TARGET}`, ['--inspect-port=0'], node);
    const session = await attach({ pid: target.pid });
    try {
      const file = join(dir, `node${major}.heapsnapshot`);
      await session.capture({ file, gc: true });
      assert.ok(readSnapshotJson(file).nodeCount > 1000);
      const { result } = await session.connection.send('Runtime.evaluate', { expression: 'b' });
      const { heapSnapshotObjectId } = await session.connection.send('HeapProfiler.getHeapObjectId', { objectId: result.objectId! });
      const views = await session.lookupBufferViews([Number(heapSnapshotObjectId)]);
      assert.equal(views.get(Number(heapSnapshotObjectId))?.byteLength, 2);
    } finally {
      assert.deepEqual(await session.detach(), { switchedOff: true, portClosed: true });
    }
    assertLeftAsItWas(target);
    await target.kill();
  });
}
