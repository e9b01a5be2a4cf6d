import { LeakReport } from './leakReport';

/**
 * The report as the CLI's JSON (documented in the README under `analyze --json`): the snapshots,
 * the findings with their fingerprints and, with a baseline, each one's `status` ("new"/"known")
 * and the `fixed` entries.
 */
export function jsonReport(report: LeakReport): object {
  return {
    snapshots: report.snapshots,
    findings: report.findings.map(({ finding: f, fingerprint, status }) => ({
      kind: f.kind,
      title: f.title,
      retainedSize: f.retainedSize,
      growth: f.growth,
      count: f.count,
      nodeIds: f.nodeIds,
      path: f.path.map((s) => ({ edge: s.edge, name: s.name, type: s.type, id: s.id })),
      location: f.location,
      evidence: f.evidence,
      fix: f.fix,
      fingerprint,
      ...(status ? { status } : {}),
    })),
    ...(report.fixed ? { fixed: report.fixed } : {}),
    ...(report.gate ? { gate: report.gate } : {}),
  };
}
