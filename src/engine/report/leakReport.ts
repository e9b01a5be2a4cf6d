import { AllocationSite, ReportSnapshot } from '../../protocol/engineApi';
import { Finding, FindingKind } from '../../protocol/finding';
import { Baseline, BaselineEntry, BaselineStatus, compareWithBaseline } from './baseline';
import { findingIdentity } from './findingFingerprint';

export interface ReportFinding {
  finding: Finding;
  /** See findingIdentity(): stable across runs of the same program. */
  fingerprint: string;
  key: string;
  /** Against the baseline; null when no baseline was given. */
  status: BaselineStatus | null;
}

/** What `--fail-on` asked for and what it decided. Only new findings (or all, without a baseline) count. */
export interface ReportGate {
  failOn: FindingKind | 'any';
  failed: boolean;
  /** The findings that failed it. */
  failing: number;
}

/**
 * Everything a report format shows: the analysed series, the ranked findings with their
 * fingerprints and baseline status, what the baseline had that is gone, and the gate's verdict.
 * The renderers (markdownReport, sarifReport, jsonReport) are pure functions of it.
 */
export interface LeakReport {
  snapshots: ReportSnapshot[];
  findings: ReportFinding[];
  /** How the series was matched, when a reader must know (AnalyzeResult.notes); usually empty. */
  notes: string[];
  /** Functions whose live sampled bytes grew (from allocation profiles beside the snapshots), or null without them. */
  allocationSites: AllocationSite[] | null;
  /** Null when no baseline was given. */
  fixed: BaselineEntry[] | null;
  gate: ReportGate | null;
  /** What was analysed, in words (e.g. the command `heapscope run` started), or null. */
  subject: string | null;
}

export function buildLeakReport(options: {
  snapshots: readonly ReportSnapshot[];
  findings: readonly Finding[];
  notes?: readonly string[];
  allocationSites?: readonly AllocationSite[] | null;
  baseline: Baseline | null;
  failOn: FindingKind | 'any' | null;
  subject?: string | null;
}): LeakReport {
  const identified = options.findings.map((finding) => ({ finding, ...findingIdentity(finding) }));
  const comparison = options.baseline ? compareWithBaseline(identified, options.baseline) : null;
  const findings = identified.map((f, i): ReportFinding => ({ ...f, status: comparison ? comparison.statuses[i] : null }));
  let gate: ReportGate | null = null;
  if (options.failOn !== null) {
    const failOn = options.failOn;
    const failing = findings.filter((f) => f.status !== 'known' && (failOn === 'any' || f.finding.kind === failOn)).length;
    gate = { failOn, failed: failing > 0, failing };
  }
  return {
    snapshots: options.snapshots.map((s) => ({ file: s.file, nodeCount: s.nodeCount, edgeCount: s.edgeCount, totalSize: s.totalSize })),
    findings,
    notes: [...(options.notes ?? [])],
    allocationSites: options.allocationSites ? [...options.allocationSites] : null,
    fixed: comparison ? comparison.fixed : null,
    gate,
    subject: options.subject ?? null,
  };
}

/** The baseline entries for a report's findings (what `--update-baseline` writes). */
export function baselineEntries(report: LeakReport): BaselineEntry[] {
  return report.findings.map((f) => ({ fingerprint: f.fingerprint, kind: f.finding.kind, key: f.key, title: f.finding.title }));
}
