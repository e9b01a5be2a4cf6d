'use strict';
// A reminders API schedules a node-cron task per created reminder ("every minute, check whether
// it is due") and never stops the task once the reminder fired or was deleted: each task keeps
// its own re-armed timer and the reminder it closes over, one more per request.
// Fix: keep the task and `task.stop()` (or `task.destroy()`) when the reminder is done, or one
// cron task for all reminders reading a table.
const cron = require('node-cron');
const { runFixture } = require('../../fixtures/fixtureHarness');

const REMINDERS_PER_ROUND = 20;

let created = 0;
let stopped = 0;

function createReminder(userId, text) {
  const reminder = { userId, text, dueAt: Date.now() + 3_600_000, notes: new Array(12).fill(text) };
  cron.schedule('* * * * *', function checkReminder() {
    if (Date.now() >= reminder.dueAt) reminder.fired = true;
  });
  created += 1;
  return reminder;
}

runFixture('cron-task-per-request', [
  {
    settleMs: 100,
    round(n) {
      for (let i = 0; i < REMINDERS_PER_ROUND; i++) createReminder(`user-${i % 5}`, `call back ${n}-${i}`);
    },
    // Tasks the program scheduled and never stopped.
    truth: () => created - stopped,
    teardown() {
      for (const task of cron.getTasks().values()) task.stop();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
