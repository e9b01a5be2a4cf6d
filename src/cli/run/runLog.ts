import { WriteStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { oneLine } from '../oneLine';

/** How many of the last lines stay in memory, to show when something fails. */
const TAIL_LINES = 200;

/**
 * The output of the app and of the load command, each line prefixed with its source ("app| ",
 * "load| "), kept whole in a file (removed with the run's directory unless --keep) and the last
 * lines in memory for error messages.
 */
export class RunLog {
  private readonly tail: string[] = [];
  private readonly file: WriteStream;
  private readonly listeners = new Set<(source: string, line: string) => void>();

  constructor(readonly path: string) {
    this.file = createWriteStream(path, { flags: 'a' });
    this.file.on('error', () => undefined);
  }

  /** Reads `stream` line by line into the log under `source`. */
  follow(source: string, stream: NodeJS.ReadableStream): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.add(source, line));
  }

  add(source: string, line: string): void {
    const entry = `${source}| ${line}`;
    this.file.write(`${entry}\n`);
    this.tail.push(entry);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    for (const l of this.listeners) l(source, line);
  }

  onLine(listener: (source: string, line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last `n` lines, control characters escaped (the app's output is not ours to trust). */
  lastLines(n: number): string[] {
    return this.tail.slice(-n).map(oneLine);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.file.end(() => resolve()));
  }
}
