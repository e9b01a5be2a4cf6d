import { ClientMessage, MessagePortLike, ServerMessage } from '../src/protocol/rpc';
import { WebviewApi } from '../src/protocol/webviewApi';
import { PageState } from './pageState';

/** What VS Code gives the page: one call per page load. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** The page's end of the RPC port: requests out, answers and progress in. */
export const hostPort: MessagePortLike<ServerMessage, ClientMessage<WebviewApi>> = {
  postMessage(message) {
    api.postMessage(message);
  },
  onMessage(listener) {
    const handler = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (typeof data === 'object' && data !== null && 'kind' in data && 'id' in data) listener(data as ServerMessage);
    };
    window.addEventListener('message', handler);
    return () => window.removeEventListener('message', handler);
  },
};

/** State VS Code keeps while the panel is hidden (and across reloads with a serializer). */
export function loadState(): PageState | null {
  const s = api.getState();
  return typeof s === 'object' && s !== null && (s as PageState).version === 1 ? (s as PageState) : null;
}

export function saveState(state: PageState): void {
  api.setState(state);
}
