import { Detector } from './detector';
import { longLivedClosureDetector } from './longLivedClosureDetector';
import { pooledBufferSliceDetector } from './pooledBufferSliceDetector';

/** Every detector, explicitly. Order does not rank findings; runDetectors does. */
export const detectorList: readonly Detector[] = [
  pooledBufferSliceDetector,
  longLivedClosureDetector,
];
