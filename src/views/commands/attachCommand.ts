import * as vscode from 'vscode';
import { AttachTarget, NodeProcessInfo, attach, listNodeProcesses } from '../../inspector/inspector';
import { AttachedSession } from '../attachedSession';
import { parseInspectorAddress } from '../inspectorAddress';
import { log } from '../heapscopeLog';
import { reportFailure } from '../reportFailure';
import { withCancellableProgress } from '../withCancellableProgress';

type AttachItem = vscode.QuickPickItem & { target?: AttachTarget; action?: 'url' | 'debug' | 'probe'; title?: string };

/**
 * Heapscope: Attach to Node Process… — a quick pick that opens at once and fills in as Node
 * processes are found (pid, command line, inspector state), plus "Enter inspector URL…" and the
 * active JavaScript debug session. Switching an inspector on happens only now, on loopback.
 * Listing sends nothing to the processes' own ports (see listNodeProcesses); "Probe ports…" asks
 * every loopback port of every Node process, for inspectors opened from code (inspector.open()).
 */
export async function attachCommand(attached: AttachedSession): Promise<void> {
  const pick = vscode.window.createQuickPick<AttachItem>();
  pick.title = 'Heapscope: Attach to Node Process';
  pick.placeholder = 'Pick a Node.js process (its inspector is switched on only for the capture, on 127.0.0.1)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  const fixed: AttachItem[] = [
    { label: '$(link) Enter inspector URL…', action: 'url', alwaysShow: true },
    {
      label: '$(search) Probe ports for inspectors…',
      action: 'probe',
      alwaysShow: true,
      description: 'asks every loopback port of every Node process GET /json/version',
    },
  ];
  const debugSession = vscode.debug.activeDebugSession;
  if (debugSession && /node|pwa-/.test(debugSession.type)) {
    fixed.push({ label: `$(debug) Debug session: ${debugSession.name}`, action: 'debug', alwaysShow: true, description: debugSession.type });
  }
  pick.items = fixed;
  pick.show();
  const fill = (probe: boolean) => {
    pick.busy = true;
    listNodeProcesses({ probe }).then(
      (processes) => {
        pick.items = [...processes.map(processItem), ...(probe ? fixed.filter((f) => f.action !== 'probe') : fixed)];
        pick.busy = false;
      },
      (error: unknown) => {
        pick.busy = false;
        pick.placeholder = `Could not list processes: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  };
  fill(false);
  const chosen = await new Promise<AttachItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item?.action === 'probe') fill(true);
      else resolve(item);
    });
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return;
  const resolved = await resolveTarget(chosen);
  if (!resolved) return;
  log.info('attach', `attaching to ${resolved.title}`);
  try {
    const session = await withCancellableProgress(`Heapscope: attaching to ${resolved.title}`, (options) =>
      attach(resolved.target, {
        signal: options.signal,
        onStatus: (message) => {
          log.info('attach', message);
          options.onProgress?.({ phase: message, done: 0, total: 0 });
        },
      }),
    );
    log.info('attach', `attached to ${session.describe()}`);
    await attached.replace(session, resolved.title, 'url' in resolved.target ? resolved.target.url : session.describe());
    void vscode.window.setStatusBarMessage(`Heapscope: attached to ${session.describe()}`, 5000);
    await vscode.commands.executeCommand('heapscope.targets.focus');
  } catch (error) {
    reportFailure(`attaching to ${resolved.title}`, error, 'attach');
  }
}

function processItem(p: NodeProcessInfo): AttachItem {
  return {
    label: `${p.pid}`,
    description: p.commandLine,
    detail: p.inspector ? `inspector on ${p.inspector.host}:${p.inspector.port}` : 'inspector off (Heapscope switches it on, then off again)',
    target: { pid: p.pid },
    title: `pid ${p.pid}`,
  };
}

async function resolveTarget(item: AttachItem): Promise<{ target: AttachTarget; title: string } | undefined> {
  if (item.target) return { target: item.target, title: item.title ?? item.label };
  if (item.action === 'url') {
    const value = await vscode.window.showInputBox({
      title: 'Inspector URL',
      prompt: 'ws://127.0.0.1:9229/<id>, or host:port',
      validateInput: (v) => (parseInspectorAddress(v) ? undefined : 'Enter a ws:// URL or host:port'),
    });
    const target = value ? parseInspectorAddress(value) : null;
    return target ? { target, title: value! } : undefined;
  }
  if (item.action === 'debug') {
    const session = vscode.debug.activeDebugSession;
    if (!session) return undefined;
    // js-debug hands out a CDP proxy for its session; we attach to that, never to the debuggee's port.
    const proxy = await vscode.commands.executeCommand<{ host: string; port: number; path?: string }>('extension.js-debug.requestCDPProxy', session.id);
    if (!proxy) throw new Error('the debug session offers no CDP proxy');
    return { target: { url: `ws://${proxy.host}:${proxy.port}${proxy.path ?? ''}` }, title: `debug session ${session.name}` };
  }
  return undefined;
}
