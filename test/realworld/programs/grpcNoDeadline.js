'use strict';
// An API gateway calls an inventory service over gRPC (@grpc/grpc-js) with no deadline. The
// inventory server (in this process, on 127.0.0.1) stalls on warehouse lookups it cannot reach
// and never answers; every such call stays pending on the client, its async caller suspended.
// Fix: a deadline on every call (`{ deadline: Date.now() + 2000 }`), and cancel on shutdown.
const grpc = require('@grpc/grpc-js');
const { runFixture } = require('../../fixtures/fixtureHarness');

const CALLS_PER_ROUND = 60;

const json = {
  serialize: (v) => Buffer.from(JSON.stringify(v)),
  deserialize: (b) => JSON.parse(b.toString()),
};
const InventoryService = {
  checkStock: {
    path: '/inventory.Inventory/CheckStock', requestStream: false, responseStream: false,
    requestSerialize: json.serialize, requestDeserialize: json.deserialize,
    responseSerialize: json.serialize, responseDeserialize: json.deserialize,
  },
};
const InventoryClient = grpc.makeGenericClientConstructor(InventoryService, 'Inventory');

let server;
let client;
let outstanding = 0;
let nextSku = 0;
let expectedStalls = 0;
const stalled = [];

function checkStock(sku) {
  return new Promise((resolve, reject) => {
    client.checkStock({ sku, warehouse: sku.endsWith('3') || sku.endsWith('6') ? 'eu-west-offline' : 'eu-west-1' }, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

async function productPage(sku) {
  outstanding += 1;
  try {
    const stock = await checkStock(sku);
    return { sku, available: stock.available };
  } finally {
    outstanding -= 1;
  }
}

runFixture('grpc-no-deadline', [{
  settleMs: 150,
  setup() {
    server = new grpc.Server();
    server.addService(InventoryService, {
      checkStock(call, callback) {
        if (call.request.warehouse.endsWith('offline')) {
          stalled.push(call); // the warehouse never answers
          return;
        }
        callback(null, { sku: call.request.sku, available: 3 });
      },
    });
    return new Promise((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) return reject(err);
        client = new InventoryClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        resolve();
      });
    });
  },
  async round() {
    const answered = [];
    for (let i = 0; i < CALLS_PER_ROUND; i++) {
      const sku = `sku-${nextSku++}`;
      const call = productPage(sku);
      if (sku.endsWith('3') || sku.endsWith('6')) expectedStalls += 1;
      else answered.push(call);
    }
    await Promise.all(answered);
    while (stalled.length < expectedStalls) await new Promise((r) => setTimeout(r, 10));
  },
  truth: () => outstanding,
  teardown() {
    client.close();
    server.forceShutdown();
  },
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
