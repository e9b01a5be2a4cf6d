import type { MemorySample } from '../inspector/inspector';
import { formatBytes } from '../protocol/format';
import { textSparkline } from './textSparkline';

const FIGURES = ['heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'rss'] as const;
const KEEP = 600;

/** The self-redrawing view of `heapscope watch` on a terminal: one sparkline per figure. */
export class WatchDisplay {
  private readonly samples: MemorySample[] = [];
  private drawnLines = 0;
  private status = '';

  constructor(
    private readonly out: NodeJS.WritableStream & { columns?: number },
    private readonly title: string,
  ) {}

  add(sample: MemorySample): void {
    this.samples.push(sample);
    if (this.samples.length > KEEP) this.samples.shift();
    this.draw();
  }

  /** One line under the chart (auto-capture state, a missed sample). */
  setStatus(line: string): void {
    this.status = line;
    this.draw();
  }

  /** Leaves the last frame on screen and moves below it. */
  finish(): void {
    this.drawnLines = 0;
  }

  private draw(): void {
    const columns = Math.max(40, this.out.columns ?? 80);
    const last = this.samples[this.samples.length - 1];
    const lines = [`${this.title}  ${last ? new Date(last.time).toISOString().slice(11, 19) : ''}  (Ctrl-C stops)`];
    for (const key of FIGURES) {
      const values = this.samples.map((s) => s[key]);
      const label = `${key.padEnd(13)}${(last ? formatBytes(last[key]) : '').padStart(9)} `;
      lines.push(label + textSparkline(values, columns - label.length - 1));
    }
    const gc = last?.gc;
    lines.push(`${'gc'.padEnd(13)}${gc ? `${gc.count} since the last sample, ${gc.durationMs.toFixed(1)} ms paused` : 'not reported by this target'}`);
    if (this.status) lines.push(this.status);
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
    this.out.write(`${up}${lines.map((l) => `\x1b[2K${l.slice(0, columns - 1)}`).join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}
