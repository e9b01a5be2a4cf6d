import * as vscode from 'vscode';
import { ClientMessage, MessagePortLike, ServerMessage } from '../protocol/rpc';
import { WebviewApi } from '../protocol/webviewApi';
import { asClientMessage } from './clientMessage';

/**
 * The host end of a webview's RPC port. Incoming messages come from a frame that renders
 * untrusted snapshot strings, so anything that is not a well-formed request for a WebviewApi
 * method, or a cancel, is dropped before the RPC server sees it.
 */
export function webviewPort(webview: vscode.Webview): MessagePortLike<ClientMessage<WebviewApi>, ServerMessage> {
  return {
    postMessage(message) {
      // Rejects only when the panel is gone; then nobody is waiting for the answer.
      void webview.postMessage(message).then(undefined, () => undefined);
    },
    onMessage(listener) {
      const subscription = webview.onDidReceiveMessage((raw: unknown) => {
        const message = asClientMessage(raw);
        if (message) listener(message);
      });
      return () => subscription.dispose();
    },
  };
}
