import * as vscode from 'vscode';
import { InspectorSession, PreflightRefusal, describePreflight, runPreflight } from '../../inspector/inspector';
import { reportFailure } from '../reportFailure';

/** What the user chose after the preflight: go (forced or not), or stop. */
export type PreflightChoice = { go: true; force: boolean; estimate: string } | { go: false };

/**
 * The confirmation before a capture: reads the target's heap and memory limits (a few ms) and,
 * when the snapshot will not fit, says so with the figures and offers "Capture anyway". When it
 * fits, the estimate goes into the progress title instead of a dialog.
 */
export async function confirmPreflight(session: InspectorSession, what: string): Promise<PreflightChoice> {
  let preflight;
  try {
    preflight = await runPreflight(session.connection, session.pid);
  } catch (error) {
    reportFailure('the memory check before the capture', error);
    return { go: false };
  }
  const estimate = describePreflight(preflight);
  if (preflight.fits) return { go: true, force: false, estimate };
  const choice = await vscode.window.showWarningMessage(
    `Heapscope: ${what} of ${session.describe()} may not fit: ${estimate}. If it runs out, the process may be killed and the snapshot lost.`,
    { modal: true, detail: preflight.limitPath ? `Limit read from ${preflight.limitPath}.` : undefined },
    'Capture anyway',
  );
  return choice === 'Capture anyway' ? { go: true, force: true, estimate } : { go: false };
}

/**
 * The same question when the check before a snapshot (after its GC) refuses although the
 * confirmation passed: the heap grew, or the collection freed less than the estimate assumed.
 */
export async function askCaptureAnyway(session: InspectorSession, what: string, refusal: PreflightRefusal): Promise<boolean> {
  const preflight = refusal.preflight;
  const choice = await vscode.window.showWarningMessage(
    `Heapscope: ${what} of ${session.describe()} was stopped before the snapshot: ${describePreflight(preflight)}. If it runs out, the process may be killed and the snapshot lost.`,
    { modal: true, detail: preflight.limitPath ? `Limit read from ${preflight.limitPath}.` : undefined },
    'Capture anyway',
  );
  return choice === 'Capture anyway';
}
