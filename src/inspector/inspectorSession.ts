import type { Protocol } from 'devtools-protocol';
import { BufferViewInfo, LookupOptions, lookupBufferViews } from './bufferViews';
import { CdpConnection } from './cdpConnection';
import { CaptureOptions, CaptureResult, captureSnapshot } from './captureSnapshot';
import { SeriesOptions, captureSeries } from './captureSeries';
import { InspectorError } from './inspectorError';
import { SWITCH_OFF_EXPRESSION, describeEndpoint, waitForPortClosed } from './switchInspector';

/** How the session left the target. */
export interface DetachReport {
  /** We switched the inspector on, so we asked the target to switch it off. */
  switchedOff: boolean;
  /** The inspector port is closed again (always true when we did not switch it on). */
  portClosed: boolean;
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

  constructor(init: SessionInit) {
    this.connection = init.connection;
    this.pid = init.pid;
    this.endpoint = init.endpoint;
    this.switchedOn = init.switchedOn;
    this.closeTimeoutMs = init.closeTimeoutMs ?? 10_000;
    this.worker = init.worker ?? null;
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

  capture(options: CaptureOptions): Promise<CaptureResult> {
    return captureSnapshot(this, options);
  }

  captureSeries(options: SeriesOptions): Promise<CaptureResult[]> {
    return captureSeries(this, options);
  }

  lookupBufferViews(nodeIds: readonly number[], options?: LookupOptions): Promise<Map<number, BufferViewInfo | null>> {
    return lookupBufferViews(this, nodeIds, options);
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
    if (this.switchedOn && !connection.closed) {
      // Wait briefly for the answer so we know the request arrived; a blocked target still
      // runs it later, because queued messages are dispatched even after we disconnect.
      await connection
        .send('Runtime.evaluate', { expression: SWITCH_OFF_EXPRESSION, silent: true }, { timeoutMs: 2000 })
        .catch(() => undefined);
    }
    await connection.close().catch(() => undefined);
    if (!this.switchedOn || !this.endpoint) return { switchedOff: false, portClosed: true };
    const portClosed = await waitForPortClosed(this.pid, this.endpoint.host, this.endpoint.port, this.closeTimeoutMs);
    return { switchedOff: true, portClosed };
  }

  private assertAttached(): void {
    if (this.detaching) throw new InspectorError('ECONNECT', `the session with ${this.describe()} is already detached`);
  }
}
