import { FindingKind } from '../../src/engine/detectors/finding';

/**
 * The real-world corpus: leak programs and controls on real npm libraries (pinned in
 * test/realworld/package.json, installed by `npm run realworld:install`). Each program in
 * programs/ runs through test/fixtures/fixtureHarness.js, so it can write its own snapshots
 * (`--snapshots DIR`) or be captured from outside (`--serve`), and it reports its own count of
 * what it leaks (`truth`) with every snapshot: that count, not a number written here, is what
 * Heapscope's count is checked against.
 */
export interface RealworldCase {
  /** File name in test/realworld/programs/. */
  program: string;
  /** The library or API whose objects leak (documentation for the reader and the bench table). */
  library: string;
  /** The kind Heapscope must rank first; null for a control, which must yield no finding. */
  kind: FindingKind | null;
  /** A name the first finding's retainer path must contain: the container a fix would change. */
  container: string;
}

export const REALWORLD_CASES: readonly RealworldCase[] = [
  // unbounded-collection
  { program: 'promLabelByUrl.js', library: 'prom-client + express', kind: 'unbounded-collection', container: 'httpRequests' },
  // controls: warm up, then stay flat
  { program: 'expressLruControl.js', library: 'express + lru-cache (max)', kind: null, container: '' },
];
