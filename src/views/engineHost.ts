import * as vscode from 'vscode';
import { CallOptions, Remote } from '../protocol/rpc';
import { EngineApi } from '../protocol/engineApi';
import { EngineWorker, startEngineWorker } from '../engine/engineClient';
import { RestartingEngine } from '../engine/restartingEngine';
import { describeError, log } from './heapscopeLog';
import { ErrorCode } from '../protocol/errorCode';

/**
 * Owns the engine worker for the extension's lifetime. It starts on first use (activation stays
 * cheap) and again after the worker died (crash, out of memory): see RestartingEngine, whose
 * `generation` tells the snapshot loader that its handles are gone. `remote` is stable across
 * restarts, so panels can keep it. Each worker's start, exit and call times go to the log.
 */
export class EngineHost extends RestartingEngine implements vscode.Disposable {
  constructor(extensionUri: vscode.Uri) {
    // A child process, so VS Code's extension host never parses a snapshot.
    super(() => loggedWorker(startEngineWorker({ workerPath: vscode.Uri.joinPath(extensionUri, 'dist', 'engineWorker.js').fsPath })));
  }

  override restart(): void {
    if (this.pid !== undefined) log.info('engine', `worker pid ${this.pid} stopped`);
    super.restart();
  }
}

/** The worker with every call timed in the log (method names and ms only, never parameters). */
function loggedWorker(worker: EngineWorker): EngineWorker {
  log.info('engine', `worker started, pid ${worker.pid ?? '?'}`);
  type AnyCall = (params: unknown, options?: CallOptions) => Promise<unknown>;
  const remote = new Proxy({} as Remote<EngineApi>, {
    get: (_target, key) => (params: unknown, options?: CallOptions) => {
      const call = (worker.remote as unknown as Record<PropertyKey, AnyCall>)[key];
      const started = Date.now();
      return call(params, options).then(
        (result) => {
          // Loads and analyses at info level; the webview's table slices (many, fast) at debug.
          const line = `${String(key)} took ${Date.now() - started} ms`;
          if (key === 'open' || key === 'analyze' || key === 'diff') log.info('engine', line);
          else log.debug('engine', line);
          return result;
        },
        (error: unknown) => {
          const code = (error as { code?: unknown }).code;
          if (code === ErrorCode.Worker) log.warn('engine', `worker pid ${worker.pid ?? '?'} exited: ${describeError(error)}`);
          else if (code !== ErrorCode.Cancelled) log.info('engine', `${String(key)} failed after ${Date.now() - started} ms: ${describeError(error)}`);
          throw error;
        },
      );
    },
  });
  return { remote, get pid() { return worker.pid; }, dispose: () => worker.dispose() };
}
