import { AttachTarget } from '../inspector/inspector';

/** What the user typed for "Enter inspector URL…": a ws:// URL, or host:port. Null when neither. */
export function parseInspectorAddress(value: string): AttachTarget | null {
  const v = value.trim();
  if (/^wss?:\/\/[^\s]+$/.test(v)) return { url: v };
  const m = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(v);
  if (!m) return null;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1].replace(/^\[|\]$/g, ''), port } : null;
}
