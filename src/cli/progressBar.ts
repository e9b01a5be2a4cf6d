import { ProgressEvent } from '../rpc/rpc';

/**
 * A one-line progress bar with percent on stderr, redrawn in place; only on a terminal (piped
 * stderr gets nothing, so logs stay clean). Redraws at most every 100 ms.
 */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }): {
  update(event: ProgressEvent): void;
  clear(): void;
} {
  if (!stream.isTTY) return { update() {}, clear() {} };
  let last = 0;
  let shown = false;
  return {
    update({ phase, done, total }) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
      const filled = Math.round(fraction * width);
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      stream.write(`\r\x1b[K${phase.slice(0, 16).padEnd(16)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
