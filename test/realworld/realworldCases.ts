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
  // pooled-buffer-slice: big buffers kept by small views
  { program: 'wsLastMessage.js', library: 'ws (socket read chunk)', kind: 'pooled-buffer-slice', container: 'lastStatusByDevice' },
  { program: 'lruEtagSlab.js', library: 'lru-cache + express (Buffer pool slabs)', kind: 'pooled-buffer-slice', container: 'etagCache' },
  { program: 'genericPoolSubarray.js', library: 'generic-pool (app buffer pool)', kind: 'pooled-buffer-slice', container: 'sessionTokens' },
  { program: 'msgpackrBinField.js', library: 'msgpackr (decoder input)', kind: 'pooled-buffer-slice', container: 'hashIndex' },
  // long-lived-closure
  { program: 'axiosRetryClosure.js', library: 'axios + express', kind: 'long-lived-closure', container: 'retryHandlers' },
  { program: 'expressReportTrap.js', library: 'express (shared-context trap)', kind: 'long-lived-closure', container: 'widgetRefreshers' },
  // unbounded-collection
  { program: 'promLabelByUrl.js', library: 'prom-client + express', kind: 'unbounded-collection', container: 'httpRequests' },
  { program: 'dataloaderLongLived.js', library: 'dataloader + express', kind: 'unbounded-collection', container: 'userLoader' },
  { program: 'nodeCacheMemo.js', library: 'node-cache + express', kind: 'unbounded-collection', container: 'geoCache' },
  // pending-promise
  { program: 'wsRpcPending.js', library: 'ws (JSON-RPC pending map)', kind: 'pending-promise', container: 'pendingCalls' },
  { program: 'grpcNoDeadline.js', library: '@grpc/grpc-js (no deadline)', kind: 'pending-promise', container: 'ResolvingCall' },
  // request-scoped-retention
  { program: 'expressAuditReq.js', library: 'express', kind: 'request-scoped-retention', container: 'auditTrail' },
  { program: 'alsSlowRequests.js', library: 'express + AsyncLocalStorage', kind: 'request-scoped-retention', container: 'slowRequests' },
  // controls: warm up, then stay flat
  { program: 'expressLruControl.js', library: 'express + lru-cache (max)', kind: null, container: '' },
  { program: 'wsBroadcastControl.js', library: 'ws (delete on close)', kind: null, container: '' },
  { program: 'pQueueWorkerControl.js', library: 'p-queue (jobs time out)', kind: null, container: '' },
  { program: 'promRouteTemplateControl.js', library: 'prom-client by route + dataloader per request', kind: null, container: '' },
];
