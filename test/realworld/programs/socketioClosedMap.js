'use strict';
// A socket.io presence service indexes connected sockets by user id in a Map to push
// notifications to them, and forgets to drop a socket when it disconnects: every disconnected
// socket.io Socket, its engine.io connection and the user's session stay in `presence`.
// Fix: `socket.on('disconnect', () => presence.delete(userId))`.
const http = require('node:http');
const { Server } = require('socket.io');
const { io: connect } = require('socket.io-client');
const { runFixture } = require('../../fixtures/fixtureHarness');

const USERS_PER_ROUND = 30;

const presence = new Map();
let httpServer;
let io;
let port = 0;

function notify(userId, payload) {
  const socket = presence.get(userId);
  if (socket && socket.connected) socket.emit('notification', payload);
}

/** A user opens the app, gets the hello, and closes the tab. */
function visit(userId) {
  return new Promise((resolve, reject) => {
    const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], auth: { userId }, reconnection: false, forceNew: true });
    client.on('hello', () => client.disconnect());
    client.on('disconnect', () => resolve());
    client.on('connect_error', reject);
  });
}

runFixture('socketio-closed-map', [
  {
    settleMs: 200,
    async setup() {
      httpServer = http.createServer();
      io = new Server(httpServer);
      io.on('connection', (socket) => {
        const userId = socket.handshake.auth.userId;
        socket.data.session = { userId, since: Date.now(), unread: [] };
        presence.set(userId, socket);
        socket.emit('hello', { online: presence.size });
      });
      await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      port = httpServer.address().port;
    },
    async round(n) {
      const visits = [];
      for (let i = 0; i < USERS_PER_ROUND; i++) visits.push(visit(`user-${n}-${i}`));
      await Promise.all(visits);
      notify(`user-${n}-0`, 'welcome back');
    },
    truth: () => [...presence.values()].filter((socket) => socket.disconnected).length,
    async teardown() {
      io.close();
    },
  },
]).catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
