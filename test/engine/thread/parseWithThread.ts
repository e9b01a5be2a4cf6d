import assert from 'node:assert/strict';
import { EdgesHelper } from '../../../src/engine/snapshot/edgesSplit';
import { parseSnapshotFile, ParseSnapshotOptions } from '../../../src/engine/snapshot/parseSnapshotFile';
import { ParsedSnapshot } from '../../../src/engine/snapshot/parsedSnapshot';
import { edgesOnThread } from '../../../src/engine/thread/edgesOnThread';
import { GraphThread } from '../../../src/engine/thread/startGraphThread';

/** What one parse with the thread did: how its calls to the thread ended, and its progress. */
export interface Run {
  parsed: ParsedSnapshot | null;
  error: Error | null;
  /** One entry per hand-over: 'ok', or the error code the thread's call failed with. */
  calls: string[];
  progress: number[];
  /** The total last reported (more than the file when a section is read twice). */
  total: number;
  /** The bytes of its section the thread last reported. */
  threadBytes: number;
  /** Each take-over asked of the thread: accepted or not. */
  limits: boolean[];
}

export async function parseWithThread(thread: GraphThread, file: string, options: ParseSnapshotOptions = {}, onThreadProgress?: () => void, takeOver = false): Promise<Run> {
  const run: Run = { parsed: null, error: null, calls: [], progress: [], total: 0, threadBytes: 0, limits: [] };
  const there = edgesOnThread(thread);
  const settled: Promise<unknown>[] = [];
  // With `takeOver`, the thread starts only when this thread asks it to give part of the section
  // away, so it cannot be done by then: the take-over is certain, at a known place.
  const gate = { open: () => {} };
  const started = takeOver ? new Promise<void>((resolve) => { gate.open = resolve; }) : Promise.resolve();
  const counting: EdgesHelper = {
    start: (request, call) => {
      const result = started.then(() => there.start(request, {
        signal: call.signal,
        onProgress: (bytes) => {
          run.threadBytes = bytes;
          onThreadProgress?.();
          call.onProgress(bytes);
        },
      }) ?? Promise.reject(new Error('no thread')));
      settled.push(result.then(
        (r) => run.calls.push(r.stoppedAt === null ? 'ok' : 'ok, stopped'),
        (error: { code?: string }) => run.calls.push(error.code ?? 'error'),
      ));
      return result;
    },
    takeOver: async (readingId, take) => {
      gate.open();
      const at = await (there.takeOver?.(readingId, take) ?? null);
      run.limits.push(at !== null);
      return at;
    },
  };
  try {
    run.parsed = await parseSnapshotFile(file, { takeOverBytes: takeOver ? 0 : undefined, ...options, edgesHelper: counting, onProgress: (done, total) => {
      run.progress.push(done);
      run.total = total;
    } });
  } catch (error) {
    run.error = error as Error;
  }
  gate.open();
  await Promise.all(settled);
  return run;
}

/**
 * Progress that never goes back (so the file was not read again after a failure) and ends at its
 * total, at least the file size.
 */
export function assertReadOnce(run: Run, size: number, label: string): void {
  for (let i = 1; i < run.progress.length; i++) assert.ok(run.progress[i] >= run.progress[i - 1], `${label}: progress went back`);
  assert.ok(run.total >= size, `${label}: total ${run.total} of ${size} bytes`);
  assert.equal(run.progress[run.progress.length - 1], run.total, `${label}: progress ends at the total`);
}
