'use strict';
// Control: a thumbnail worker drains jobs through p-queue (concurrency 4), each with a timeout
// so a stuck job is rejected rather than left pending; results are summarised in a fixed-size
// ring of recent outcomes. Every round's jobs settle, so Heapscope must report nothing.
const crypto = require('node:crypto');
const { runFixture } = require('../../fixtures/fixtureHarness');

const JOBS_PER_ROUND = 200;
const RECENT = 50;

let queue;
const recentOutcomes = new Array(RECENT).fill(null);
let finished = 0;

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('job timed out')), ms); })]).finally(() => clearTimeout(timer));
}

async function makeThumbnail(job) {
  const image = crypto.randomBytes(8_000 + (job % 7) * 1000);
  // Every 25th upstream read stalls forever; the timeout settles the job anyway.
  const stalls = job % 25 === 0;
  await withTimeout(new Promise((resolve) => { if (!stalls) setImmediate(resolve); }), 30);
  return crypto.createHash('md5').update(image).digest('hex');
}

runFixture('p-queue-worker-control', [{
  settleMs: 100,
  async setup() {
    const { default: PQueue } = await import('p-queue');
    queue = new PQueue({ concurrency: 4 });
  },
  async round() {
    const jobs = [];
    for (let i = 0; i < JOBS_PER_ROUND; i++) {
      const job = finished + i;
      jobs.push(queue.add(() => makeThumbnail(job)).then(
        (digest) => ({ job, digest }),
        (error) => ({ job, error: error.message }),
      ));
    }
    for (const outcome of await Promise.all(jobs)) recentOutcomes[finished++ % RECENT] = outcome;
    await queue.onIdle();
  },
  truth: () => queue.size + queue.pending,
}]).catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
