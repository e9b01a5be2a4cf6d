import { FINDING_KINDS, FindingKind } from '../../protocol/finding';

/** One known finding in a baseline file. `key` and `title` are for the people reviewing it. */
export interface BaselineEntry {
  fingerprint: string;
  kind: FindingKind;
  key: string;
  title: string;
}

/**
 * The file `--update-baseline` writes and `--baseline` reads:
 * {"heapscopeBaseline":1,"findings":[{"fingerprint","kind","key","title"}]}
 */
export interface Baseline {
  heapscopeBaseline: 1;
  findings: BaselineEntry[];
}

export type BaselineStatus = 'new' | 'known';

/** Where each current finding stands against the baseline, and what the baseline had that is gone. */
export interface BaselineComparison {
  /** One per current finding, in the same order. */
  statuses: BaselineStatus[];
  /** In the baseline, not found now. */
  fixed: BaselineEntry[];
}

/**
 * Matches current findings to baseline entries by fingerprint, as multisets: two findings with one
 * fingerprint need two entries to be both known, so a second copy of a known leak is new.
 */
export function compareWithBaseline(current: readonly { fingerprint: string }[], baseline: Baseline): BaselineComparison {
  const unmatched = new Map<string, BaselineEntry[]>();
  for (const entry of baseline.findings) {
    const list = unmatched.get(entry.fingerprint);
    if (list) list.push(entry);
    else unmatched.set(entry.fingerprint, [entry]);
  }
  const statuses = current.map((f): BaselineStatus => (unmatched.get(f.fingerprint)?.shift() ? 'known' : 'new'));
  return { statuses, fixed: [...unmatched.values()].flat() };
}

export function baselineOf(findings: readonly BaselineEntry[]): Baseline {
  return {
    heapscopeBaseline: 1,
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, kind: f.kind, key: f.key, title: f.title })),
  };
}

/** Parses a baseline file's text; the error says what is wrong and where (`source` names the file). */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isRecord(data) || data.heapscopeBaseline !== 1 || !Array.isArray(data.findings)) {
    throw new Error(`${source}: not a heapscope baseline (expected {"heapscopeBaseline":1,"findings":[…]})`);
  }
  const findings = data.findings.map((entry: unknown, i: number): BaselineEntry => {
    const kind = isRecord(entry) ? FINDING_KINDS.find((k) => k === entry.kind) : undefined;
    if (!isRecord(entry) || typeof entry.fingerprint !== 'string' || !/^[0-9a-f]{8,64}$/.test(entry.fingerprint) || !kind) {
      throw new Error(`${source}: findings[${i}] needs a hex "fingerprint" and a known "kind"`);
    }
    return {
      fingerprint: entry.fingerprint,
      kind,
      key: typeof entry.key === 'string' ? entry.key : '',
      title: typeof entry.title === 'string' ? entry.title : '',
    };
  });
  return { heapscopeBaseline: 1, findings };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
