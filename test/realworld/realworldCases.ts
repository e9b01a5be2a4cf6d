import { FindingKind } from '../../src/protocol/finding';

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
  /** What the first finding's fix must say: the idiom for this kind and library (optional). */
  fix?: RegExp;
}

export const REALWORLD_CASES: readonly RealworldCase[] = [
  // pooled-buffer-slice: big buffers kept by small views
  { program: 'wsLastMessage.js', library: 'ws (socket read chunk)', kind: 'pooled-buffer-slice', container: 'lastStatusByDevice', fix: /Buffer\.from\(view\).*`ws` hands out/ },
  { program: 'lruEtagSlab.js', library: 'lru-cache + express (Buffer pool slabs)', kind: 'pooled-buffer-slice', container: 'etagCache', fix: /keep the string, or store an unpooled copy/ },
  { program: 'genericPoolSubarray.js', library: 'generic-pool (app buffer pool)', kind: 'pooled-buffer-slice', container: 'sessionTokens', fix: /Store a copy in Map `sessionTokens`/ },
  { program: 'msgpackrBinField.js', library: 'msgpackr (decoder input)', kind: 'pooled-buffer-slice', container: 'hashIndex', fix: /Store a copy in Map `hashIndex`/ },
  // long-lived-closure
  { program: 'axiosRetryClosure.js', library: 'axios + express', kind: 'long-lived-closure', container: 'retryHandlers', fix: /remove `retryDelivery` from Map `retryHandlers`/ },
  { program: 'expressReportTrap.js', library: 'express (shared-context trap)', kind: 'long-lived-closure', container: 'widgetRefreshers', fix: /outside the scope that holds `rows`/ },
  // unbounded-collection
  { program: 'promLabelByUrl.js', library: 'prom-client + express', kind: 'unbounded-collection', container: 'httpRequests', fix: /route template/ },
  { program: 'dataloaderLongLived.js', library: 'dataloader + express', kind: 'unbounded-collection', container: 'userLoader', fix: /DataLoader per request/ },
  { program: 'nodeCacheMemo.js', library: 'node-cache + express', kind: 'unbounded-collection', container: 'geoCache', fix: /stdTTL.*maxKeys/ },
  // pending-promise
  { program: 'wsRpcPending.js', library: 'ws (JSON-RPC pending map)', kind: 'pending-promise', container: 'pendingCalls', fix: /deadline.*from Map `pendingCalls`/ },
  { program: 'grpcNoDeadline.js', library: '@grpc/grpc-js (no deadline)', kind: 'pending-promise', container: 'ResolvingCall', fix: /deadline: Date\.now\(\)/ },
  // request-scoped-retention
  { program: 'expressAuditReq.js', library: 'express', kind: 'request-scoped-retention', container: 'auditTrail', fix: /only the fields you need/ },
  { program: 'alsSlowRequests.js', library: 'express + AsyncLocalStorage', kind: 'request-scoped-retention', container: 'slowRequests', fix: /only the fields you need/ },
  // closed-client, listener-leak, open-handle, timer-leak
  { program: 'wsClosedSet.js', library: 'ws', kind: 'closed-client', container: 'chatClients' },
  { program: 'socketioClosedMap.js', library: 'socket.io', kind: 'closed-client', container: 'presence' },
  { program: 'http2ClosedSessions.js', library: 'node:http2', kind: 'closed-client', container: 'sessions' },
  { program: 'abortSignalListeners.js', library: 'AbortSignal (express)', kind: 'listener-leak', container: 'shutdown' },
  { program: 'axiosInterceptors.js', library: 'axios', kind: 'listener-leak', container: 'interceptors' },
  { program: 'mqttMessageListeners.js', library: 'mqtt (aedes)', kind: 'listener-leak', container: 'MqttClient' },
  { program: 'undiciPoolPerRequest.js', library: 'undici', kind: 'open-handle', container: 'Pool' },
  { program: 'axiosAgentPerRequest.js', library: 'axios (http.Agent)', kind: 'open-handle', container: 'Agent' },
  { program: 'cronTaskPerRequest.js', library: 'node-cron', kind: 'timer-leak', container: 'checkReminder' },
  { program: 'nodeCachePerTenant.js', library: 'node-cache', kind: 'timer-leak', container: 'NodeCache' },
  // controls: warm up, then stay flat
  { program: 'expressLruControl.js', library: 'express + lru-cache (max)', kind: null, container: '' },
  { program: 'wsBroadcastControl.js', library: 'ws (delete on close)', kind: null, container: '' },
  { program: 'pQueueWorkerControl.js', library: 'p-queue (jobs time out)', kind: null, container: '' },
  { program: 'promRouteTemplateControl.js', library: 'prom-client by route + dataloader per request', kind: null, container: '' },
  { program: 'fetchGatewayControl.js', library: 'express + global fetch (Node bounds its resource timing buffer)', kind: null, container: '' },
];
