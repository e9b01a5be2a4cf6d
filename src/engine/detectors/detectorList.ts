import { closedClientDetector } from './closedClientDetector';
import { Detector } from './detector';
import { listenerLeakDetector } from './listenerLeakDetector';
import { longLivedClosureDetector } from './longLivedClosureDetector';
import { openHandleDetector } from './openHandleDetector';
import { pendingPromiseDetector } from './pendingPromiseDetector';
import { pooledBufferSliceDetector } from './pooledBufferSliceDetector';
import { requestScopedRetentionDetector } from './requestScopedRetentionDetector';
import { timerLeakDetector } from './timerLeakDetector';
import { unboundedCollectionDetector } from './unboundedCollectionDetector';

/** Every detector, explicitly. Order does not rank findings; runDetectors does. */
export const detectorList: readonly Detector[] = [
  pooledBufferSliceDetector,
  longLivedClosureDetector,
  unboundedCollectionDetector,
  listenerLeakDetector,
  timerLeakDetector,
  pendingPromiseDetector,
  closedClientDetector,
  openHandleDetector,
  requestScopedRetentionDetector,
];
