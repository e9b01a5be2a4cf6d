import { AttachTarget, InspectorSession, SwitchOnTimeoutError, attach } from '../inspector/inspector';
import { CliIo } from './cliCommand';

export type AttachedForCommand =
  | { ok: { session: InspectorSession; status: (line: string) => void } }
  | { err: { exitCode: number } };

/**
 * Attaches a command (`capture`, `sample`, `watch`) to its target, with its status lines on
 * stderr unless the output is JSON. An inspector that SIGUSR1 did not open in time may still open
 * later: the command says so and waits for the switch-on's own clean-up (or Ctrl-C) before it exits,
 * so it never leaves an inspector on that nobody will switch off.
 */
export async function attachForCommand(command: string, target: AttachTarget, json: boolean, io: CliIo): Promise<AttachedForCommand> {
  const status = (line: string) => {
    if (!json) io.stderr.write(`heapscope: ${line}\n`);
  };
  try {
    return { ok: { session: await attach(target, { signal: io.signal, onStatus: status }), status } };
  } catch (error) {
    if (!(error instanceof SwitchOnTimeoutError)) throw error;
    io.stderr.write(`heapscope ${command}: ${error.message}\n(Ctrl-C stops waiting and leaves the inspector to open later)\n`);
    await Promise.race([error.cleanup, new Promise((r) => io.signal.addEventListener('abort', r, { once: true }))]);
    return { err: { exitCode: 1 } };
  }
}
