/**
 * Heapscope's way into a running Node.js process. No `vscode` import: the CLI and the extension
 * both use this module, and only this module (import from 'src/inspector/inspector').
 *
 * Finding processes
 *   listNodeProcesses({ probe }?): Promise<NodeProcessInfo[]>
 *     pid, argv/commandLine, cwd, executable, uid, and `inspector: {host, port} | null` — the
 *     inspector listening in that process now (Linux: its own sockets via /proc/net/tcp(6) and
 *     /proc/PID/fd, so another process's inspector is never attributed to it). Sends nothing to
 *     the app's own ports: only where the flags (argv, NODE_OPTIONS) say the inspector's port is
 *     random (--inspect-port=0) are the process's ports asked GET /json/version, or everywhere
 *     with `probe: true` (the user asked).
 *
 * Attaching — always ends in a session whose pid was confirmed over CDP (`process.pid`)
 *   attach({ pid }, options)         inspector already on: connect. Off: switch it on with
 *                                    process._debugProcess(pid) from a helper process (SIGUSR1),
 *                                    on 127.0.0.1 and the target's --inspect-port (default 9229).
 *   attach({ url: 'ws://…' })        any inspector or CDP proxy WebSocket URL
 *   attach({ host, port })           an inspector's host:port (/json/list is read)
 *   sessionFromConnection(new CdpConnection(transport, label))
 *                                    for a connection built elsewhere, e.g. on
 *                                    js-debug's `extension.js-debug.requestCDPProxy` result:
 *                                    `attach({ url: \`ws://${host}:${port}${path ?? ''}\` })`.
 *   options: { signal, timeoutMs (5 s), commandTimeoutMs (10 s), onStatus, lingerMs, nodePath }
 *     nodePath: in the VS Code extension host pass a real node binary if you have one; otherwise
 *     process.execPath is used with ELECTRON_RUN_AS_NODE=1.
 *
 * The session (InspectorSession) — detach it in `finally`, always
 *   session.pid, session.endpoint, session.switchedOn
 *   session.heapUsage()               {usedSize, totalSize}: word the cost warning with it
 *   runPreflight(connection, pid)     {estimatedBytes, availableBytes, limitSource, fits}: every
 *                                     capture runs it (after its GC) and refuses with
 *                                     PreflightRefusal (ENOROOM) unless `force`
 *   session.capture({ file, gc, signal, onProgress, stallTimeoutMs }) → CaptureResult
 *   session.captureSeries({ count, intervalSeconds, dir, signal, onProgress, onSnapshot })
 *   session.lookupBufferViews(nodeIds, { signal }) → Map<id, {byteOffset, byteLength, bufferByteLength} | null>
 *                      (also exported as lookupBufferViews(session, nodeIds)). Node ids must come
 *                      from a snapshot this same session captured: V8 forgets them when the
 *                      session ends. null = collected since, or not an ArrayBuffer view.
 *   listWorkers(session) → WorkerThread[] {threadId, index, title, url}: its worker threads (NodeWorker)
 *   openWorkerSession(session, '3' | '#1') → InspectorSession on that worker, through the parent's
 *                      connection: capture/preflight it like the main thread; detach it, then the parent.
 *   session.detach() → {switchedOff, portClosed, keptOnFor?}: if Heapscope switched the inspector
 *                      on (this session or another, in any process: see sharedSwitch.ts) and this
 *                      is the last Heapscope session holding it, switch it off
 *                      and wait for its port to close.
 *   new MemorySampler(session, { intervalMs, onSample }) .start() / .pause() / .resume() / .stop()
 *                      process.memoryUsage() and GC counts about once a second (memorySampler.ts);
 *                      stop() removes the GC observer it installed in the target.
 *   new GrowthTrigger({ growBytes, windowMs, cooldownMs }).add(sample) → capture now?
 *   captureSeries({ …, allocationSites: {}, trackAllocations }) also writes X.heapprofile beside
 *                      each snapshot (AllocationSampling, V8's sampling heap profiler).
 *   sampleAllocations(session, { durationMs, file, signal, onProgress }) → the profiler on demand,
 *                      no snapshot: profiles through the window, the last written to `file`.
 *   A cancelled, timed-out or failed capture detaches the session itself (V8 cannot stop a
 *   snapshot half-way), removes the partial file, and switches the inspector off if we switched
 *   it on. Attach again to continue.
 *
 * Errors are InspectorError with a stable `code` (see inspectorError.ts): ENOPROC, ENOTNODE,
 * EPERM, EPORTBUSY (the message names the pid holding the port), EWRONGPID, ETIMEDOUT, EEXITED,
 * ECANCELLED, ECONNECT, EREFUSED, ECDP. CDP failures are CdpError: `.method` names the command
 * and the stack is the caller's. A SwitchOnTimeoutError (ETIMEDOUT) carries `cleanup`, a promise
 * that settles once the late-opening inspector has been switched off again: await it before
 * exiting.
 *
 * Memory: chunks go straight to disk with backpressure (the WebSocket is paused while the file
 * stream drains). Measured with bench/captureMemory.bench.ts: a 345 MB snapshot raised the
 * capturing process's RSS by 0.1 MB.
 *
 * Cost: a snapshot blocks the target's event loop for seconds (measured: 190 MB heap, 14–16 s)
 * and can raise its RSS by several times its heap. Warn the user before capture() with
 * heapUsage().
 */
export { listNodeProcesses } from './listNodeProcesses';
/** Linux only: one process's /proc details (isNode, inspect flags from argv and NODE_OPTIONS), and who listens on a port. */
export { describeLinuxProcess } from './linuxProcesses';
export { pidsListeningOn } from './listeningSockets';
export type { ProbeOptions } from './probeOptions';
export type { NodeProcessInfo } from './nodeProcess';
export { attach, sessionFromConnection, SwitchOnTimeoutError } from './attach';
export type { AttachOptions, AttachTarget } from './attach';
export { InspectorSession } from './inspectorSession';
export type { DetachReport } from './inspectorSession';
export type { CaptureMethod, CaptureOptions, CaptureProgress, CaptureResult } from './captureSnapshot';
export { PreflightRefusal, describePreflight, runPreflight } from './preflight';
export type { Preflight, PreflightOptions } from './preflight';
export type { HostRoots, LimitSource, MemoryHeadroom } from './memoryHeadroom';
export type { SeriesOptions } from './captureSeries';
export { lookupBufferViews } from './bufferViews';
export { listWorkers, openWorkerSession, workerMatcher } from './nodeWorkers';
export type { WorkerThread } from './nodeWorkers';
export type { BufferViewInfo, LookupOptions } from './bufferViews';
export { CdpConnection, CdpError } from './cdpConnection';
export type { CdpMethod, CdpParams, CdpResult, CdpEvent, CdpEventParams, SendOptions } from './cdpConnection';
export type { CdpTransport } from './cdpTransport';
export { openWebSocketTransport } from './webSocketTransport';
export { InspectorError, isInspectorError } from './inspectorError';
export type { InspectorErrorCode } from './inspectorError';
export { snapshotFileName, snapshotPath } from './snapshotFileName';
export { sampleAllocations } from './sampleAllocations';
export type { SampleOptions, SampleResult } from './sampleAllocations';
export { sweepCaptureLeftovers } from './captureLeftovers';
export { MemorySampler } from './memorySampler';
export type { MemorySample, SamplerOptions } from './memorySampler';
export { GrowthTrigger, watchedBytes } from './growthTrigger';
export type { GrowthRule } from './growthTrigger';
export { AllocationSampling, DEFAULT_SAMPLING_INTERVAL, profilePathFor, profilesBeside } from './allocationSampling';
