import type { Analysis } from './findingsStore';
import { PanelContent } from '../protocol/webviewApi';

/** The Findings panel's content for an analysis, optionally selecting one finding. */
export function findingsContent(analysis: Analysis | null, selected: number | null): PanelContent {
  if (!analysis) return { kind: 'empty', title: 'Heapscope Findings', message: 'No analysis yet.' };
  return {
    kind: 'findings',
    title: 'Heapscope Findings',
    handles: analysis.handles,
    series: analysis.series,
    findings: analysis.findings,
    selected,
  };
}
