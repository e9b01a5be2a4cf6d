import { formatBytes, formatCount, plural } from '../../protocol/format';
import { pathText } from '../../protocol/pathText';
import { LeakReport, ReportFinding } from './leakReport';
import { markdownCode, markdownText } from './markdownText';
import { pathUnderRoot } from './sourcePath';
import { sparkline } from './sparkline';

export interface MarkdownOptions {
  /** Source locations under this directory are shown relative to it (a repository's root). */
  sourceRoot?: string;
}

/**
 * The report as Markdown for a pull-request comment or an incident ticket: a verdict line, a table
 * of the ranked findings (status against the baseline, retained bytes, growth and a sparkline of
 * the series), then each finding's path, numbers, evidence and fix. Shared by the CLI
 * (`--format markdown`) and the extension (Export Report…). Every string from the snapshot goes
 * through markdownText: none can become HTML or a link.
 */
export function markdownReport(report: LeakReport, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`## Heapscope: ${verdict(report)}`, '');
  out.push(subjectLine(report), '');
  for (const n of report.notes) out.push(`> Note: ${markdownText(n)}.`, '');
  if (report.findings.length > 0) {
    const withStatus = report.fixed !== null;
    out.push(`| # |${withStatus ? ' Status |' : ''} Kind | Finding | Retains | Growth per snapshot | Trend |`);
    out.push(`|--:|${withStatus ? ':--|' : ''}:--|:--|--:|--:|:--|`);
    report.findings.forEach((f, i) => {
      const status = withStatus ? ` ${statusText(f)} |` : '';
      out.push(
        `| ${i + 1} |${status} ${markdownCode(f.finding.kind, true)} | ${markdownText(f.finding.title, true)} | ` +
          `${formatBytes(f.finding.retainedSize)} | ${growthText(f)} | ${sparkline(f.finding.series)} |`,
      );
    });
    report.findings.forEach((f, i) => out.push('', ...markdownFinding(f, i, options)));
  }
  if (report.fixed && report.fixed.length > 0) {
    out.push('', `### Fixed since the baseline (${report.fixed.length})`, '');
    for (const e of report.fixed) out.push(`- **FIXED** ${markdownCode(e.kind)} ${markdownText(e.title || e.key)}`);
  }
  return `${out.join('\n')}\n`;
}

function verdict(report: LeakReport): string {
  const n = report.findings.length;
  const parts = [n === 0 ? 'no leak found' : `${plural(n, 'leak')} found`];
  if (report.fixed !== null) {
    const fresh = report.findings.filter((f) => f.status === 'new').length;
    parts.push(`${fresh} new`, `${report.findings.length - fresh} known`, `${report.fixed.length} fixed`);
  }
  const head = parts.join(', ');
  if (!report.gate) return head;
  return `${head} — gate ${report.gate.failed ? '**failed**' : 'passed'}`;
}

function subjectLine(report: LeakReport): string {
  const bits: string[] = [];
  if (report.subject) bits.push(markdownCode(report.subject));
  const n = report.snapshots.length;
  bits.push(n === 1 ? 'one snapshot' : `a series of ${n} snapshots`);
  const last = report.snapshots[n - 1];
  if (last) bits.push(`last heap ${formatBytes(last.totalSize)}${last.nodeCount > 0 ? ` in ${formatCount(last.nodeCount)} objects` : ''}`);
  if (report.gate) {
    const only = report.fixed !== null ? 'new ' : '';
    const what = report.gate.failOn === 'any' ? `any ${only}finding` : `${only}${markdownCode(report.gate.failOn)} findings`;
    bits.push(`fails on ${what}${report.gate.failed ? ` (${report.gate.failing} failing)` : ''}`);
  }
  if (n < 3) bits.push('growth needs three snapshots of one process');
  return bits.join(' · ');
}

function statusText(f: ReportFinding): string {
  return f.status === 'new' ? '**NEW**' : f.status === 'known' ? 'KNOWN' : '';
}

function growthText(f: ReportFinding): string {
  const g = f.finding.growth;
  if (g === null) return '—';
  return `${g >= 0 ? '+' : '−'}${formatBytes(Math.abs(g))}`;
}

/** One finding's section: heading, title, numbers, location, path, evidence, fix, fingerprint. */
export function markdownFinding(f: ReportFinding, index: number, options: MarkdownOptions): string[] {
  const finding = f.finding;
  const status = f.status === 'new' ? 'NEW · ' : f.status === 'known' ? 'KNOWN · ' : '';
  const lines = [`### ${index + 1}. ${status}${markdownText(finding.kind)}`, '', markdownText(finding.title), ''];
  const growth = finding.growth === null ? '' : `; **grows** ${growthText(f)} per snapshot`;
  const series = finding.series.length > 1 ? ` (${finding.series.map(formatBytes).join(' → ')}) ${sparkline(finding.series)}` : '';
  lines.push(`- **Retains** ${formatBytes(finding.retainedSize)} in ${formatCount(finding.count)} objects${growth}${series}`);
  if (finding.location) {
    const { url, line, column } = finding.location;
    const shown = (options.sourceRoot ? pathUnderRoot(url, options.sourceRoot) : null) ?? url;
    lines.push(`- **At** ${markdownCode(`${shown}:${line}:${column}`)}`);
  }
  if (finding.allocatedAt) {
    const { script, line, functionName } = finding.allocatedAt;
    const shown = (options.sourceRoot ? pathUnderRoot(script, options.sourceRoot) : null) ?? script;
    lines.push(`- **Allocated at** ${markdownCode(`${shown}:${line}`)} in ${markdownCode(functionName || '(anonymous)')}`);
  }
  if (finding.path.length > 0) lines.push(`- **Path** ${pathText(finding.path, markdownText)}`);
  if (finding.evidence.length > 0) {
    lines.push('- **Evidence**');
    for (const e of finding.evidence) lines.push(`  - ${markdownText(e)}`);
  }
  lines.push(`- **Fix** ${markdownText(finding.fix)}`);
  lines.push(`- Fingerprint ${markdownCode(f.fingerprint)}: ${markdownCode(f.key)}`);
  return lines;
}
