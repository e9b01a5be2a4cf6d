import * as vscode from 'vscode';
import { Target, TargetStore, TargetWorker } from './targetStore';

/** The Targets view: the attached process, with the actions that apply to it. */
/** A worker thread row, and the capture actions under it. */
interface WorkerNode {
  worker: TargetWorker;
  action?: 'captureSnapshot' | 'captureSeries' | 'sampleAllocations';
}
type Node = Target | string | WorkerNode;

export class TargetsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: TargetStore) {
    store.onDidChange(() => this.changed.fire());
    this.config = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('heapscope.autoCapture.enabled')) this.changed.fire();
    });
  }

  private readonly config: vscode.Disposable;

  getChildren(element?: Node): Node[] {
    if (element === undefined) return this.store.current ? [this.store.current] : [];
    if (typeof element === 'string') return [];
    if ('worker' in element) return element.action ? [] : [{ worker: element.worker, action: 'captureSnapshot' }, { worker: element.worker, action: 'captureSeries' }, { worker: element.worker, action: 'sampleAllocations' }];
    return ['captureSnapshot', 'captureSeries', 'sampleAllocations', 'showLiveMemory', 'toggleAutoCapture', 'detach', ...(element.workers ?? []).map((worker) => ({ worker }))];
  }

  getTreeItem(element: Node): vscode.TreeItem {
    if (typeof element !== 'string' && 'worker' in element) return workerItem(element);
    if (typeof element === 'string') {
      const titles: Record<string, [string, string]> = {
        captureSnapshot: ['Capture Heap Snapshot', 'device-camera'],
        captureSeries: ['Capture Leak Series…', 'graph-line'],
        sampleAllocations: ['Sample Allocations…', 'symbol-event'],
        detach: ['Detach', 'debug-disconnect'],
        showLiveMemory: ['Show Live Memory', 'pulse'],
        toggleAutoCapture: vscode.workspace.getConfiguration('heapscope.autoCapture').get<boolean>('enabled', false)
          ? ['Auto-Capture: On', 'pass-filled']
          : ['Auto-Capture: Off', 'circle-large-outline'],
      };
      const [title, icon] = titles[element] ?? [element, 'circle'];
      const item = new vscode.TreeItem(title);
      item.iconPath = new vscode.ThemeIcon(icon);
      item.command = { command: `heapscope.${element}`, title };
      return item;
    }
    const item = new vscode.TreeItem(element.pid === null ? element.title : `${element.pid}  ${element.title}`, vscode.TreeItemCollapsibleState.Expanded);
    item.description = element.switchedOn ? 'inspector switched on by Heapscope' : 'inspector was on';
    item.tooltip = element.webSocketUrl;
    item.iconPath = new vscode.ThemeIcon('vm-running');
    return item;
  }

  dispose(): void {
    this.config.dispose();
    this.changed.dispose();
  }
}

const ACTIONS: Record<NonNullable<WorkerNode['action']>, [string, string]> = {
  captureSnapshot: ['Capture Heap Snapshot', 'device-camera'],
  captureSeries: ['Capture Leak Series…', 'graph-line'],
  sampleAllocations: ['Sample Allocations…', 'symbol-event'],
};

function workerItem({ worker, action }: WorkerNode): vscode.TreeItem {
  if (action) {
    const [title, icon] = ACTIONS[action];
    const item = new vscode.TreeItem(title);
    item.iconPath = new vscode.ThemeIcon(icon);
    item.command = { command: `heapscope.${action}`, title, arguments: [{ workerThreadId: worker.threadId }] };
    return item;
  }
  // The title is the program's own worker name: a label, never markup.
  const item = new vscode.TreeItem(`worker ${worker.threadId}`, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = worker.title;
  item.iconPath = new vscode.ThemeIcon('server-process');
  return item;
}
