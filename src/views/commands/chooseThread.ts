import * as vscode from 'vscode';
import { InspectorSession, listWorkers, openWorkerSession } from '../../inspector/inspector';
import { reportFailure } from '../reportFailure';

/** The thread to capture: the process's main thread, or a worker's own session (released after). */
export interface ChosenThread {
  session: InspectorSession;
  /** Ends a worker's session; nothing for the main thread. */
  release(): Promise<void>;
}

/**
 * Picks what to capture. From the Targets view the worker comes with the command; from the
 * palette, a process with worker threads gets a quick pick (main thread first); one without goes
 * straight to its main thread.
 */
export async function chooseThread(session: InspectorSession, workerThreadId: number | undefined): Promise<ChosenThread | undefined> {
  let threadId = workerThreadId;
  if (threadId === undefined) {
    const workers = await listWorkers(session).catch(() => []);
    if (workers.length > 0) {
      type Item = vscode.QuickPickItem & { threadId: number | null };
      const picked = await vscode.window.showQuickPick<Item>(
        [
          { label: 'Main thread', description: session.describe(), threadId: null },
          ...workers.map((w) => ({ label: `Worker thread ${w.threadId}`, description: w.title, threadId: w.threadId })),
        ],
        { title: 'Heapscope: which thread?', placeHolder: 'Each thread has its own heap: pick the one that leaks' },
      );
      if (!picked) return undefined;
      threadId = picked.threadId ?? undefined;
    }
  }
  if (threadId === undefined) return { session, release: async () => undefined };
  try {
    const worker = await openWorkerSession(session, String(threadId));
    return { session: worker, release: async () => void (await worker.detach()) };
  } catch (error) {
    reportFailure(`attaching to worker thread ${threadId}`, error);
    return undefined;
  }
}
