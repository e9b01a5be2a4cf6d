import assert from 'node:assert/strict';
import { SnapshotParseError } from '../../../src/engine/snapshot/snapshotParseError';

/** The SnapshotParseError that `run` throws; any other error is rethrown, and none fails the test. */
export function parseErrorOf(run: () => void): SnapshotParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotParseError) return error;
    throw error;
  }
  assert.fail('no error');
}
