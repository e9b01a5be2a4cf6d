import type { Protocol } from 'devtools-protocol';
import { BufferViewInfo, LookupOptions, lookupBufferViews } from './bufferViews';
import { CdpConnection } from './cdpConnection';
import { CaptureOptions, CaptureResult, captureSnapshot } from './captureSnapshot';
import { SeriesOptions, captureSeries } from './captureSeries';
import { InspectorError } from './inspectorError';
import { BEAT_MS, beat, leaveHolders } from './sharedSwitch';
import { describeEndpoint, waitForPortClosed } from './switchInspector';
import { ErrorCode } from '../protocol/errorCode';

/** How the session left the target. */
export interface DetachReport {
  /** We switched the inspector on, so we asked the target to switch it off. */
  switchedOff: boolean;
  /** The inspector port is closed again (always true when this session did not switch it off). */
  portClosed: boolean;
  /**
   * Other Heapscope sessions (this process or another) still hold the inspector that one of them
   * switched on, so it stays on until the last of them leaves. Absent when there are none.
   */
  keptOnFor?: number;
}

export interface SessionInit {
  connection: CdpConnection;
  /** The target's pid, confirmed over CDP (`process.pid`). */
  pid: number;
  /** Where the inspector listens, when known (not for a CDP proxy URL). */
  endpoint: { host: string; port: number } | null;
  /** True if this attach switched the inspector on: detach() switches it off again. */
  switchedOn: boolean;
  /** How long detach() waits for the port to close. Default 10 s. */
  closeTimeoutMs?: number;
  /** Set for a worker thread's session (nodeWorkers.ts), carried inside its parent's connection. */
  worker?: { threadId: number; index: number; title: string; url: string };
  /**
   * This session's entry in the target's record of Heapscope sessions holding an inspector one
   * of them switched on (see sharedSwitch.ts); null when it holds nothing.
   */
  holderId?: string | null;
}

/**
 * One attached target. Keep it as short-lived as possible: while it exists the target has a
 * debugger attached, and a process about to exit waits for it. Always `detach()` (in `finally`).
 */
export class InspectorSession {
  readonly connection: CdpConnection;
  readonly pid: number;
  readonly endpoint: { host: string; port: number } | null;
  readonly switchedOn: boolean;
  readonly worker: SessionInit['worker'] | null;
  private readonly closeTimeoutMs: number;
  private heapProfilerEnabled: Promise<void> | undefined;
  private detaching: Promise<DetachReport> | undefined;
  /** The last capture asked for; the next waits for it. */
  private captures: Promise<unknown> = Promise.resolve();
  private readonly holderId: string | null;
  private readonly beating: ReturnType<typeof setInterval> | undefined;
  /** What V8 is still sending on this connection: detach() closes it only once these settle. */
  private readonly streams = new Set<Promise<void>>();

  constructor(init: SessionInit) {
    this.connection = init.connection;
    this.pid = init.pid;
    this.endpoint = init.endpoint;
    this.switchedOn = init.switchedOn;
    this.closeTimeoutMs = init.closeTimeoutMs ?? 10_000;
    this.worker = init.worker ?? null;
    this.holderId = init.holderId ?? null;
    const id = this.holderId;
    if (id !== null) {
      this.beating = setInterval(() => beat(this.connection, id), BEAT_MS);
      this.beating.unref();
      this.connection.onClose(() => clearInterval(this.beating));
    }
  }

  /** True while this session counts among the holders of an inspector Heapscope switched on. */
  get holdsSwitchOn(): boolean {
    return this.holderId !== null;
  }

  /** For messages: "pid 123 (127.0.0.1:9229)". */
  describe(): string {
    if (this.worker) return `worker thread ${this.worker.threadId} of pid ${this.pid}`;
    return `pid ${this.pid}${this.endpoint ? ` (${describeEndpoint(this.endpoint.host, this.endpoint.port)})` : ''}`;
  }

  get detached(): boolean {
    return this.detaching !== undefined;
  }

  /** The target's JS heap size, for the cost warning before a capture. */
  async heapUsage(): Promise<Pick<Protocol.Runtime.GetHeapUsageResponse, 'usedSize' | 'totalSize'>> {
    this.assertAttached();
    const { usedSize, totalSize } = await this.connection.send('Runtime.getHeapUsage', undefined);
    return { usedSize, totalSize };
  }

  /** HeapProfiler.enable once per session; object ids stay valid until the session ends. */
  ensureHeapProfiler(): Promise<void> {
    this.assertAttached();
    this.heapProfilerEnabled ??= this.connection.send('HeapProfiler.enable', undefined).then(() => undefined);
    return this.heapProfilerEnabled;
  }

  /**
   * Takes a snapshot. Captures on one session run one after another: V8 sends every chunk of a
   * snapshot as the same event, so two at once on one connection would write each other's
   * chunks. (Captures of one process from two sessions are fine: each session gets its own.)
   */
  capture(options: CaptureOptions): Promise<CaptureResult> {
    const run = this.captures.then(() => captureSnapshot(this, options));
    this.captures = run.catch(() => undefined);
    return run;
  }

  captureSeries(options: SeriesOptions): Promise<CaptureResult[]> {
    return captureSeries(this, options);
  }

  lookupBufferViews(nodeIds: readonly number[], options?: LookupOptions): Promise<Map<number, BufferViewInfo | null>> {
    return lookupBufferViews(this, nodeIds, options);
  }

  /**
   * Keeps the connection open until `stream` settles (the caller bounds it): closing it while V8
   * streams a snapshot can crash the target (see streamSnapshot.ts).
   */
  holdOpenWhile(stream: Promise<unknown>): void {
    const settled = stream.then(
      () => undefined,
      () => undefined,
    );
    this.streams.add(settled);
    void settled.then(() => this.streams.delete(settled));
  }

  /**
   * Ends the session and leaves the target as it was: if we switched its inspector on, asks it to
   * switch off (queued behind whatever the target is doing, so it also works for a busy target),
   * disconnects, and waits for the port to close. Safe to call more than once.
   */
  detach(): Promise<DetachReport> {
    this.detaching ??= this.doDetach();
    return this.detaching;
  }

  private async doDetach(): Promise<DetachReport> {
    const connection = this.connection;
    clearInterval(this.beating);
    const responsible = this.switchedOn || this.holderId !== null;
    /** Other Heapscope sessions that keep the inspector on; 0 when this one switches it off. */
    let keptOnFor = 0;
    if (responsible && !connection.closed) {
      // Wait briefly for the answer so we know the request arrived; a blocked target still
      // runs it later, because queued messages are dispatched even after we disconnect. Then
      // the inspector is assumed switched off, and the port check below says if it was not.
      keptOnFor = await leaveHolders(connection, this.holderId, 2000).catch(() => 0);
    }
    // The leave went first (it is queued behind the snapshot all the same); the close waits.
    await Promise.all(this.streams);
    await connection.close().catch(() => undefined);
    if (keptOnFor > 0) return { switchedOff: false, portClosed: true, keptOnFor };
    if (!responsible || !this.endpoint) return { switchedOff: false, portClosed: true };
    const portClosed = await waitForPortClosed(this.pid, this.endpoint.host, this.endpoint.port, this.closeTimeoutMs);
    return { switchedOff: true, portClosed };
  }

  private assertAttached(): void {
    if (this.detaching) throw new InspectorError(ErrorCode.Connect, `the session with ${this.describe()} is already detached`);
  }
}
