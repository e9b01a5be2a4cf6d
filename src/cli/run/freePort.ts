import { createServer } from 'node:net';

/**
 * A TCP port free on loopback now: the kernel picks it for a listener that is closed at once. Another
 * process could take it before the app does; the app then fails to listen and says so.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}
