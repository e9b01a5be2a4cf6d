import { Detector } from './detector';

/** Every detector, explicitly. Order does not rank findings; runDetectors does. */
export const detectorList: readonly Detector[] = [];
