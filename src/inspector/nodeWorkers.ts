import { CdpConnection } from './cdpConnection';
import { InspectorError } from './inspectorError';
import { InspectorSession } from './inspectorSession';
import type { NodeWorker } from './nodeProtocol';
import { WorkerTransport } from './workerTransport';
import { ErrorCode } from '../protocol/errorCode';

/** A worker thread of an attached process. */
export interface WorkerThread {
  /**
   * Its threadId (`worker.threadId` in the program), read from the title Node gives it
   * ("[worker 3] name"); NodeWorker's own workerId only counts attachments, so it is not used.
   */
  threadId: number;
  /** 1-based, in threadId (creation) order. */
  index: number;
  title: string;
  url: string;
}

/** Waits this long after NodeWorker.enable answers for announcements still on the way. */
const SETTLE_MS = 150;

/**
 * Asks for every worker (NodeWorker.enable, which attaches a session to each and announces it
 * with attachedToWorker), then lets go of them all (NodeWorker.disable) unless one is kept.
 * Workers never wait for us (waitForDebuggerOnStart: false).
 */
async function enumerate(parent: InspectorSession, keep?: (w: WorkerThread) => boolean): Promise<{ workers: WorkerThread[]; kept?: { worker: WorkerThread; sessionId: string } }> {
  const connection = parent.connection;
  const seen: { info: NodeWorker.AttachedToWorkerEvent; worker: WorkerThread }[] = [];
  const off = connection.on('NodeWorker.attachedToWorker', (info) => {
    const { title, url } = info.workerInfo;
    const threadId = Number(/^\[worker (\d+)\]/.exec(title)?.[1] ?? NaN);
    seen.push({ info, worker: { threadId, index: 0, title, url } });
  });
  try {
    await connection.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  } finally {
    off();
  }
  seen.sort((a, b) => a.worker.threadId - b.worker.threadId);
  seen.forEach((s, i) => (s.worker.index = i + 1));
  const workers = seen.map((s) => s.worker);
  const chosen = keep ? seen.find((s) => keep(s.worker)) : undefined;
  if (!chosen) {
    await connection.send('NodeWorker.disable', undefined).catch(() => undefined);
    return { workers };
  }
  // The ones not chosen: their sessions go now, so only the chosen worker has a debugger attached.
  await Promise.all(seen.filter((s) => s !== chosen).map((s) => connection.send('NodeWorker.detach', { sessionId: s.info.sessionId }).catch(() => undefined)));
  return { workers, kept: { worker: chosen.worker, sessionId: chosen.info.sessionId } };
}

/** The worker threads of the attached process, main thread not included. */
export async function listWorkers(parent: InspectorSession): Promise<WorkerThread[]> {
  return (await enumerate(parent)).workers;
}

/**
 * Parses a worker choice: a threadId ("3"), or "#N" for the Nth worker listed (1-based).
 */
export function workerMatcher(choice: string): (w: WorkerThread) => boolean {
  const byIndex = /^#(\d+)$/.exec(choice);
  if (byIndex) return (w) => w.index === Number(byIndex[1]);
  return (w) => String(w.threadId) === choice;
}

/**
 * A session on one worker thread, through the parent's connection: capture and preflight it like
 * the main thread. Its detach() lets go of the worker; the parent session stays attached (detach
 * it as usual, which also ends this one).
 */
export async function openWorkerSession(parent: InspectorSession, choice: string): Promise<InspectorSession> {
  const { workers, kept } = await enumerate(parent, workerMatcher(choice));
  if (!kept) {
    const listed = workers.length === 0 ? 'it has no worker threads' : `its workers are ${workers.map((w) => `${w.threadId} (#${w.index})`).join(', ')}`;
    throw new InspectorError(ErrorCode.NoProcess, `${parent.describe()} has no worker thread ${choice}: ${listed}`);
  }
  const transport = new WorkerTransport(parent.connection, kept.sessionId);
  const connection = new CdpConnection(transport, `${parent.connection.endpoint} worker ${kept.worker.threadId}`, parent.connection.timeoutMs);
  transport.onClose(() => void parent.connection.send('NodeWorker.disable', undefined).catch(() => undefined));
  return new InspectorSession({ connection, pid: parent.pid, endpoint: null, switchedOn: false, worker: kept.worker });
}
