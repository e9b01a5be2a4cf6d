import { Finding } from '../protocol/finding';
import type { ReportSnapshot } from '../protocol/engineApi';
import { SeriesPoint } from '../protocol/webviewApi';
import { CurrentValue } from './currentValue';

export interface Analysis {
  /** Engine handles of the analysed snapshots, capture order. */
  handles: string[];
  series: SeriesPoint[];
  findings: Finding[];
  /** The analysed snapshots (for Export Report…); absent from callers that do not know them. */
  snapshots?: ReportSnapshot[];
  /** When the analysis finished, ms since the epoch. */
  time: number;
  /** The analysed files, capture order (to save the findings with their series). */
  files?: readonly string[];
}

/** The latest analysis. Feeds the Findings view, the findings panel and the closure CodeLens. */
export class FindingsStore extends CurrentValue<Analysis> {}
