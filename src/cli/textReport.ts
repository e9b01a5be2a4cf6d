import { formatBytes, formatCount } from '../protocol/format';
import { Finding } from '../protocol/finding';
import { LeakReport } from '../engine/report/leakReport';
import { allocationSitesText } from './allocationSitesText';
import { findingPathText } from './findingPathText';
import { oneLine } from './oneLine';

/** Frames of an allocation stack shown in the text; --json has them all. */
const STACK_LINES = 8;

/** The report as terminal text (the CLI's default), every snapshot string through oneLine. */
export function textReport(report: LeakReport): string {
  const lines: string[] = [];
  const infos = report.snapshots;
  const what = infos.length === 1 ? 'one snapshot' : `a series of ${infos.length} snapshots`;
  lines.push(`Analysed ${what}: ${infos.map((i) => oneLine(i.file)).join(', ')}`);
  for (const n of report.notes) lines.push(`Note: ${oneLine(n)}.`);
  if (infos.length < 3) lines.push('(Growth needs three snapshots of one process; with fewer, only strong single-snapshot signs are reported.)');
  if (report.findings.length === 0) lines.push('', 'No leak found.');
  report.findings.forEach(({ finding: f, status }, i) => {
    const tag = status === 'new' ? 'NEW ' : status === 'known' ? 'KNOWN ' : '';
    lines.push('', `${i + 1}. ${tag}[${f.kind}] ${oneLine(f.title)}`);
    const growth = f.growth !== null ? `, ${f.growth >= 0 ? '+' : ''}${formatBytes(f.growth)} per snapshot` : '';
    lines.push(`   retains ${formatBytes(f.retainedSize)}${growth}; ${formatCount(f.count)} objects`);
    if (f.location) lines.push(`   at ${oneLine(f.location.url)}:${f.location.line}:${f.location.column}${mappedFrom(f)}`);
    if (f.allocatedAt) lines.push(`   allocated at ${oneLine(f.allocatedAt.script)}:${f.allocatedAt.line} in ${oneLine(f.allocatedAt.functionName) || '(anonymous)'}`);
    if (f.allocationStack && f.allocationStack.length > 0) {
      lines.push('   allocation stack (trackAllocations), innermost first:');
      for (const frame of f.allocationStack.slice(0, STACK_LINES)) {
        lines.push(`     ${oneLine(frame.functionName) || '(anonymous)'}${frame.script ? ` ${oneLine(frame.script)}:${frame.line}:${frame.column}` : ''}`);
      }
      if (f.allocationStack.length > STACK_LINES) lines.push(`     … ${f.allocationStack.length - STACK_LINES} more frames (all in --json)`);
    }
    if (f.path.length > 0) lines.push(`   path: ${findingPathText(f.path)}`);
    for (const e of f.evidence) lines.push(`   - ${oneLine(e)}`);
    lines.push(`   fix: ${oneLine(f.fix)}`);
  });
  if (report.fixed && report.fixed.length > 0) {
    lines.push('', `Fixed since the baseline (${report.fixed.length}):`);
    for (const e of report.fixed) lines.push(`   FIXED [${e.kind}] ${oneLine(e.title || e.key)}`);
  }
  if (report.gate) {
    lines.push('', report.gate.failed ? `Gate failed: ${report.gate.failing} ${report.fixed ? 'new ' : ''}finding(s) match --fail-on ${report.gate.failOn}.` : `Gate passed (--fail-on ${report.gate.failOn}).`);
  }
  return `${lines.join('\n')}\n${report.allocationSites ? allocationSitesText(report.allocationSites) : ''}`;
}

/** " (compiled: dist/server.js:12:5)" when mapped, " (no source map: why)" when not. */
function mappedFrom(f: Finding): string {
  if (!f.sourceMap) return '';
  if (!f.sourceMap.mapped) return ` (no source map: ${oneLine(f.sourceMap.reason)})`;
  const g = f.generatedLocation;
  return g ? ` (compiled: ${oneLine(g.url)}:${g.line}:${g.column})` : '';
}
