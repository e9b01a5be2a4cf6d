import { ClientMessage, MessagePortLike, ServerMessage } from '../protocol/rpc';
import { serveRpc } from '../protocol/rpcServer';
import { createEngine } from './engine';
import { EngineApi } from '../protocol/engineApi';

/**
 * Entry of the engine child process (dist/engineWorker.js), started by startEngineWorker with
 * child_process.fork: serves createEngine() over the IPC channel. A 1 GB snapshot is parsed
 * here, never in the extension host or the CLI's own process.
 */
function main(): void {
  const send = process.send?.bind(process);
  if (!send) {
    process.stderr.write('engineWorker: must be started with child_process.fork (no IPC channel)\n');
    process.exit(2);
  }
  const port: MessagePortLike<ClientMessage<EngineApi>, ServerMessage> = {
    postMessage: (message) => {
      // The parent may be gone; a failed send is not worth crashing over, 'disconnect' exits.
      if (process.connected) send(message);
    },
    onMessage: (listener) => {
      const handler = (message: unknown) => listener(message as ClientMessage<EngineApi>);
      process.on('message', handler);
      return () => process.off('message', handler);
    },
  };
  serveRpc<EngineApi>(createEngine(), port);
  // Without its parent the worker has no one to answer: leave rather than linger.
  process.on('disconnect', () => process.exit(0));
}

main();
