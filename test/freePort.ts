import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago, for a child's `--inspect-port` or a server. Not 0
 * where heapscope must find the port itself (it would ask every port the target listens on), and
 * never 9229, which other processes on a shared machine may hold.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
