import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { GraphThread, startGraphThread } from '../../../src/engine/thread/startGraphThread';

/**
 * One helper thread for a test file: started before its tests (the script must be found when
 * running from source), disposed after them. Returns the thread once started.
 */
export function testGraphThread(): () => GraphThread {
  let thread: GraphThread | null = null;
  before(() => {
    thread = startGraphThread();
    assert.ok(thread, 'the thread script is found when running from source');
  });
  after(async () => {
    await thread?.dispose();
  });
  return () => {
    assert.ok(thread, 'the helper thread is started');
    return thread;
  };
}
