import { pathRuns } from '../../protocol/pathRuns';
import { LeakReport } from './leakReport';

/**
 * The report as the CLI's JSON (documented in the README under `analyze --json`): the snapshots,
 * the findings with their fingerprints and, with a baseline, each one's `status` ("new"/"known")
 * and the `fixed` entries.
 */
export function jsonReport(report: LeakReport): object {
  return {
    snapshots: report.snapshots,
    notes: report.notes,
    findings: report.findings.map(({ finding: f, fingerprint, status }) => ({
      kind: f.kind,
      title: f.title,
      retainedSize: f.retainedSize,
      growth: f.growth,
      count: f.count,
      nodeIds: f.nodeIds,
      path: f.path.map((s) => ({ edge: s.edge, name: s.name, type: s.type, id: s.id, ...(s.location ? { location: s.location } : {}) })),
      pathRuns: pathRuns(f.path, 1).map((r) => ({ start: r.start, count: r.count, edge: r.edge, name: r.name })),
      location: f.location,
      generatedLocation: f.generatedLocation ?? null,
      sourceMap: f.sourceMap ?? null,
      evidence: f.evidence,
      fix: f.fix,
      ...(f.allocatedAt !== undefined ? { allocatedAt: f.allocatedAt } : {}),
      ...(f.allocationStack ? { allocationStack: f.allocationStack } : {}),
      fingerprint,
      ...(status ? { status } : {}),
    })),
    ...(report.allocationSites ? { allocationSites: report.allocationSites } : {}),
    ...(report.fixed ? { fixed: report.fixed } : {}),
    ...(report.gate ? { gate: report.gate } : {}),
  };
}
