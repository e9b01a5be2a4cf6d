import { ProgressEvent } from '../protocol/rpc';
import { CliIo } from './cliCommand';

/**
 * One self-rewriting status line on a terminal's stderr. On anything that is not a TTY it prints
 * nothing, so logs and pipes stay clean.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastLabel = '';
  private drawn = false;
  constructor(private readonly stream: CliIo['stderr']) {}

  /** `fraction` in 0..1, or null when the total is unknown (a byte count is shown instead). */
  update(label: string, fraction: number | null, detail = ''): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    // Throttled, except that a new phase always shows: a short phase would otherwise never appear.
    if (now - this.lastDraw < 80 && fraction !== 1 && label === this.lastLabel) return;
    this.lastDraw = now;
    this.lastLabel = label;
    const width = 24;
    const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
    const bar =
      clamped === null ? '' : `[${'#'.repeat(Math.round(clamped * width)).padEnd(width, '-')}] ${Math.floor(clamped * 100)}% `;
    const line = `${label} ${bar}${detail}`;
    const columns = this.columns();
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
    this.drawn = true;
  }

  /** An engine progress event: the phase names the line. */
  event({ phase, done, total }: ProgressEvent): void {
    this.update(phase.slice(0, 16).padEnd(16), total > 0 ? done / total : null);
  }

  /** A pseudo-terminal may report 0 columns: fall back to 80. */
  private columns(): number {
    const c = this.stream.columns;
    return c !== undefined && c >= 20 ? c : 80;
  }

  /** Clears the line so the next message starts clean. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write(`\r${' '.repeat(this.columns() - 1)}\r`);
    this.drawn = false;
  }
}
