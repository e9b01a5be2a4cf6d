import { HeapGraph } from '../graph/heapGraph';
import { Finding, FindingKind } from '../../protocol/finding';

/**
 * One leak pattern. Each detector lives in its own file under src/engine/detectors/ and is
 * registered in `detectorList.ts`. It reads the analysed graphs and returns typed findings; it
 * never ranks against other detectors (runDetectors does that).
 */
export interface Detector {
  readonly kind: FindingKind;
  detect(input: DetectorInput, ctx: DetectorContext): Promise<Finding[]>;
}

export interface DetectorInput {
  /** One snapshot, or a series of one process in capture order; the last is the current one. */
  readonly snapshots: readonly HeapGraph[];
}

export interface DetectorContext {
  /** Yields now and then so a cancel can arrive; throws when cancelled. */
  checkpoint(): Promise<void>;
}
