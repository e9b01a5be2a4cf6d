import { ClientMessage } from '../protocol/rpc';
import { isWebviewMethod, WebviewApi } from '../protocol/webviewApi';

/**
 * Checks a message from the webview before the RPC server sees it: the frame renders untrusted
 * snapshot strings, so only a well-formed request for a WebviewApi method, or a cancel, passes.
 */
export function asClientMessage(raw: unknown): ClientMessage<WebviewApi> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as { kind?: unknown; id?: unknown; method?: unknown; params?: unknown };
  if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) return null;
  if (m.kind === 'cancel') return { kind: 'cancel', id: m.id };
  if (m.kind !== 'request' || !isWebviewMethod(m.method)) return null;
  if (typeof m.params !== 'object' || m.params === null) return null;
  return raw as ClientMessage<WebviewApi>;
}
