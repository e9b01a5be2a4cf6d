import { PreflightRefusal } from '../../inspector/inspector';

/**
 * Runs a capture and, when the preflight before one of its snapshots refuses (it runs again after
 * the GC, so it can refuse after the confirmation passed), asks the user the same question the
 * confirmation asks; "Capture anyway" runs it again forced. Other failures, a refusal of a
 * forced run, and a "no" are thrown as they came, so the caller reports them as before.
 * No `vscode` here, so the decision is tested alone (test/views/retryForced.test.ts).
 */
export async function retryForced<T>(
  run: (force: boolean) => Promise<T>,
  askForce: (refusal: PreflightRefusal) => Promise<boolean>,
  force = false,
): Promise<T> {
  try {
    return await run(force);
  } catch (error) {
    if (force || !(error instanceof PreflightRefusal)) throw error;
    if (!(await askForce(error))) throw error;
    return run(true);
  }
}
