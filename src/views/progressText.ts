import { ProgressEvent } from '../protocol/rpc';

/** Percent (0–100, whole) and a message such as "parsing nodes — 42%" for one progress event. */
export function progressText(event: ProgressEvent): { percent: number; message: string } {
  const ratio = event.total > 0 ? event.done / event.total : 0;
  const percent = Math.floor(Math.max(0, Math.min(1, ratio)) * 100);
  return { percent, message: event.total > 0 ? `${event.phase} — ${percent}%` : event.phase };
}
