import { createRpcClient } from '../src/protocol/rpcClient';
import { formatCount } from '../src/protocol/format';
import { PanelContent, WebviewApi } from '../src/protocol/webviewApi';
import { comparisonTable } from './comparisonTable';
import { clear, el } from './element';
import { FindingsPage } from './findingsPage';
import { livePage } from './liveChart';
import { PageState, emptyState } from './pageState';
import { summaryTable } from './summaryTable';
import { hostPort, loadState, saveState } from './vscodeApi';

/**
 * The page: asks the host for its content (a long poll, so a new analysis replaces the view),
 * draws it, and keeps what the user did (sort, filter, scroll, selection) in getState/setState.
 */
const host = createRpcClient<WebviewApi>(hostPort).remote;
const app = document.getElementById('app')!;
let state: PageState = loadState() ?? emptyState('');

function keyOf(content: PanelContent): string {
  return `${content.kind}:${content.title}`;
}

function save(change: Partial<PageState>): void {
  state = { ...state, ...change };
  saveState(state);
}

function show(content: PanelContent, version: number): void {
  if (state.key !== keyOf(content)) state = emptyState(keyOf(content));
  clear(app);
  app.setAttribute('aria-busy', 'false');
  document.title = content.title;
  switch (content.kind) {
    case 'loading':
      app.setAttribute('aria-busy', 'true');
      app.append(el('p', { className: 'status', text: content.message }));
      break;
    case 'empty':
      app.append(el('p', { className: 'status', text: content.message }));
      break;
    case 'error':
      app.append(el('p', { className: 'status error', text: content.message }));
      break;
    case 'summary': {
      const s = content.snapshot;
      app.append(
        el('header', { className: 'page-header' }, [
          el('h2', { text: content.title }),
          el('span', { className: 'meta', text: `${formatCount(s.nodeCount)} objects · ${formatCount(s.edgeCount)} edges · loaded in ${Math.round(s.loadMs)} ms` }),
        ]),
        summaryTable(host, state.table, (table) => save({ table })).element,
      );
      break;
    }
    case 'comparison':
      app.append(
        el('header', { className: 'page-header' }, [el('h2', { text: content.title })]),
        comparisonTable(host, state.table, (table) => save({ table })).element,
      );
      break;
    case 'findings': {
      // A selection the host asked for (Findings view, CodeLens) applies once per version.
      const selected = content.selected !== null && version > state.seenVersion ? content.selected : state.selectedFinding;
      const page = new FindingsPage(content.series, content.findings, selected, (i) => save({ selectedFinding: i }), (location) => {
        host.openSource(location).catch((e: unknown) => showError(e));
      });
      app.append(page.element);
      save({ selectedFinding: selected });
      break;
    }
    case 'live':
      app.append(livePage(content.title, content.live));
      break;
    default: {
      const never: never = content;
      throw new Error(`unknown content ${JSON.stringify(never)}`);
    }
  }
  save({ seenVersion: version });
}

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  app.prepend(el('p', { className: 'status error', text: message }));
}

async function follow(): Promise<void> {
  let version = 0;
  for (;;) {
    try {
      const next = await host.content({ after: version });
      version = next.version;
      show(next.content, next.version);
    } catch (error) {
      showError(error);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

void follow();
