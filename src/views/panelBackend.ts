import { CancelledError, Remote, TaskContext } from '../protocol/rpc';
import { ClassDelta, ClassRow, EngineApi, NodeRow, Page, RetainerRow } from '../protocol/engineApi';
import { SourceLocation } from '../protocol/finding';
import { ClassSortKey, DeltaSortKey, TableQuery } from '../protocol/tableQuery';
import { PanelContent, VersionedContent, WebviewApi } from '../protocol/webviewApi';

/** Largest slice the webview may ask for in one call: a screenful or two, never a whole table. */
export const MAX_PAGE = 500;

/**
 * Serves one panel's WebviewApi. It holds the panel's content (replaced as analyses finish) and
 * forwards table slices to the engine with the right snapshot handle. No `vscode` import: the
 * editor side (opening a source file) comes in as a function, so this is tested in plain node.
 */
export class PanelBackend implements WebviewApi {
  private version = 0;
  private current: PanelContent;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly engine: Remote<EngineApi>,
    initial: PanelContent,
    private readonly openSourceIn: (location: SourceLocation) => Promise<void>,
  ) {
    this.current = initial;
    this.version = 1;
  }

  get shown(): PanelContent {
    return this.current;
  }

  setContent(content: PanelContent): void {
    this.current = content;
    this.version++;
    for (const wake of [...this.waiters]) wake();
  }

  async content({ after }: { after: number }, ctx: TaskContext): Promise<VersionedContent> {
    while (this.version <= after) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          this.waiters.delete(wake);
          ctx.signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiters.delete(wake);
          reject(new CancelledError());
        };
        if (ctx.signal.aborted) return onAbort();
        this.waiters.add(wake);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    return { version: this.version, content: this.current };
  }

  async classPage(query: TableQuery<ClassSortKey>, ctx: TaskContext): Promise<Page<ClassRow>> {
    return this.engine.classPage({ ...tableQuery(query), handle: this.tableHandle() }, { signal: ctx.signal });
  }

  async comparisonPage(query: TableQuery<DeltaSortKey>, ctx: TaskContext): Promise<Page<ClassDelta>> {
    const content = this.current;
    if (content.kind !== 'comparison') throw new Error('this panel shows no comparison');
    return this.engine.comparisonPage(
      { ...tableQuery(query), handles: [content.before.handle, content.after.handle] },
      { signal: ctx.signal },
    );
  }

  async instancePage(params: { className: string; offset: number; limit: number }, ctx: TaskContext): Promise<Page<NodeRow>> {
    return this.engine.instancePage(
      { handle: this.tableHandle(), className: params.className, offset: Math.max(0, params.offset), limit: clampLimit(params.limit) },
      { signal: ctx.signal },
    );
  }

  async retainers(params: { nodeId: number; offset: number; limit: number }, ctx: TaskContext): Promise<Page<RetainerRow>> {
    return this.engine.retainers(
      { handle: this.tableHandle(), nodeId: params.nodeId, offset: Math.max(0, params.offset), limit: clampLimit(params.limit) },
      { signal: ctx.signal },
    );
  }

  async openSource(location: SourceLocation): Promise<void> {
    if (!Number.isInteger(location.line) || location.line < 1) throw new Error(`bad line ${location.line}`);
    await this.openSourceIn(location);
  }

  /** The snapshot that tables and retainer lookups read: the newer one of a comparison or series. */
  private tableHandle(): string {
    const content = this.current;
    switch (content.kind) {
      case 'summary':
        return content.snapshot.handle;
      case 'comparison':
        return content.after.handle;
      case 'findings': {
        const last = content.handles[content.handles.length - 1];
        if (last === undefined) throw new Error('no snapshot behind these findings');
        return last;
      }
      case 'loading':
      case 'empty':
      case 'error':
      case 'live':
        throw new Error('no snapshot is loaded in this panel');
      default: {
        const never: never = content;
        throw new Error(`unknown content ${JSON.stringify(never)}`);
      }
    }
  }
}

/** The query as the engine gets it: offset and limit in bounds, no empty filter. */
function tableQuery<K extends string>(query: TableQuery<K>): TableQuery<K> {
  return { offset: Math.max(0, query.offset), limit: clampLimit(query.limit), sortBy: query.sortBy, descending: query.descending, filter: query.filter || undefined };
}

function clampLimit(limit: number): number {
  return Math.max(0, Math.min(MAX_PAGE, Math.floor(limit)));
}
