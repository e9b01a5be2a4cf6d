import { FindingKind } from '../../protocol/finding';

/** Each finding kind as a rule of the report: a PascalCase name and one line saying what it is. */
export const KIND_RULES: Record<FindingKind, { name: string; description: string }> = {
  'pooled-buffer-slice': {
    name: 'PooledBufferSlice',
    description: 'Small Buffer views kept long-term pin the large pooled ArrayBuffers they were cut from.',
  },
  'long-lived-closure': {
    name: 'LongLivedClosure',
    description: 'A long-lived closure keeps large captured variables alive.',
  },
  'unbounded-collection': {
    name: 'UnboundedCollection',
    description: 'A Map, Set, array or object used as a cache grows across the series and is never trimmed.',
  },
  'listener-leak': {
    name: 'ListenerLeak',
    description: 'Event listeners are added per request or per object and never removed.',
  },
  'timer-leak': {
    name: 'TimerLeak',
    description: 'Intervals or timeouts are started and never cleared, keeping their callbacks and state alive.',
  },
  'pending-promise': {
    name: 'PendingPromise',
    description: 'Promises that never settle keep their reactions and the state they capture.',
  },
  'closed-client': {
    name: 'ClosedClient',
    description: 'Clients or connections that were closed are still referenced and keep their buffers.',
  },
  'open-handle': {
    name: 'OpenHandle',
    description: 'Sockets, servers or other handles are opened and never closed.',
  },
  'request-scoped-retention': {
    name: 'RequestScopedRetention',
    description: 'Objects that belong to one request outlive it, held by something app-wide.',
  },
};
