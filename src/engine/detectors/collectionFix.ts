import { GraphReader } from './graphReader';
import { holderName } from './holderOf';

const METRIC_CLASSES: ReadonlySet<string> = new Set(['Counter', 'Gauge', 'Histogram', 'Summary']);

/**
 * The fix for a collection that grows without bound, in the idiom of the library that owns it
 * when the heap names one (the collection's owning class and property, as the program's
 * retainers show them), else the generic one: a bound on the cache.
 */
export function collectionFix(r: GraphReader, collection: number, label: string): string {
  const named = holderName(r, collection);
  const owner = named?.owner ?? null;
  const prop = named?.name ?? null;
  if (owner !== null && METRIC_CLASSES.has(owner) && prop === 'hashMap') {
    return `Label the metric by route template (\`req.route.path\`, e.g. \`/orders/:id\`) and other small fixed sets, never by raw URL, id or user: prom-client keeps one series per label set for the life of the registry (${label} holds them), until \`remove()\` or \`reset()\`.`;
  }
  if (owner === 'DataLoader' && prop === '_cacheMap') {
    return `Create a DataLoader per request (its cache is meant to last one request), or give the shared loader \`cache: false\` or a bounded \`cacheMap\`: ${label} memoises every key ever loaded.`;
  }
  if (owner === 'NodeCache' && prop === 'data') {
    return `Bound the node-cache: \`new NodeCache({ stdTTL, checkperiod, maxKeys })\` (its check-period timer only removes entries that have a TTL); ${label} keeps every key ever set.`;
  }
  return `Bound ${label}: a \`max\` on the cache (an LRU such as lru-cache) or a TTL, or delete entries when their owner is done; and release what evicted entries hold (close clients, clear timers).`;
}
