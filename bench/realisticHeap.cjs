// Run by generateSnapshots.ts in a child process: builds a realistic object graph of a Node
// service (users, sessions with closures, caches, buffers, class instances, listeners, strings of
// every V8 kind) at a given scale, then writes a heap snapshot of itself.
//   node realisticHeap.cjs <scale> <out.heapsnapshot>
'use strict';
const v8 = require('node:v8');
const { EventEmitter } = require('node:events');

const scale = Number(process.argv[2]);
const out = process.argv[3];

class Order {
  constructor(id, user, items) {
    this.id = id;
    this.user = user;
    this.items = items;
    this.total = items.reduce((s, i) => s + i.price * i.qty, 0);
    this.status = id % 3 === 0 ? 'shipped' : 'pending';
  }
}
class LruCache {
  constructor() { this.map = new Map(); this.hits = 0; }
  set(k, v) { this.map.set(k, { value: v, at: Date.now() }); }
}

const words = ['alpha', 'beta', 'gamma', 'delta', 'épsilon', 'ζeta', '東京', 'emoji😀', 'kappa', 'lambda'];
const users = new Map();
const sessions = [];
const cache = new LruCache();
const orders = [];
const bus = new EventEmitter();
bus.setMaxListeners(0);
const buffers = [];
const pool = Buffer.alloc(64 * 1024);
const index = new Set();
const weak = new WeakMap();

for (let i = 0; i < scale; i++) {
  const name = `user-${i}-${words[i % words.length]}`;
  const user = {
    id: i,
    name,
    email: name + '@example.com',
    tags: [words[i % 7], words[(i * 3) % 10]],
    profile: { age: 20 + (i % 50), address: { city: words[i % 10], zip: String(10000 + i) } },
    createdAt: new Date(1700000000000 + i),
    score: i * 1.5,
  };
  users.set(name, user);
  index.add(i);
  const token = `tok_${i.toString(36)}_${'x'.repeat(i % 20)}`;
  const history = [i, i + 1, i + 2];
  sessions.push({ user, onDone: () => token.length + history.length, started: i });
  const items = [{ sku: `sku-${i % 500}`, price: i % 100, qty: 1 + (i % 4) }, { sku: 'gift', price: 0, qty: 1 }];
  orders.push(new Order(i, user, items));
  if (i % 4 === 0) cache.set('k' + i, JSON.stringify({ i, name }).slice(1));
  if (i % 16 === 0) bus.on('tick', function onTick() { return user.id; });
  if (i % 32 === 0) buffers.push(Buffer.from(`payload ${i} `.repeat(8)));
  if (i % 64 === 0) buffers.push(pool.subarray(i % 1024, (i % 1024) + 32));
  if (i % 8 === 0) weak.set(user, { seen: i });
}

globalThis.__workload = { users, sessions, cache, orders, bus, buffers, index, weak };
v8.writeHeapSnapshot(out);
