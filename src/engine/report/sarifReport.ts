import { pathToFileURL } from 'node:url';
import { FINDING_KINDS } from '../../protocol/finding';
import { formatBytes } from '../../protocol/format';
import { KIND_RULES } from './kindRules';
import { LeakReport, ReportFinding } from './leakReport';
import { markdownFinding } from './markdownReport';
import { pathUnderRoot } from './sourcePath';

export interface SarifOptions {
  toolVersion: string;
  /** The repository's root: locations under it are written relative to %SRCROOT%, as code scanning wants. */
  sourceRoot: string;
  /**
   * Where to put a finding that has no source location (most kinds: a heap snapshot locates
   * closures only), e.g. the app's entry script relative to sourceRoot. Without it such a
   * result has no location.
   */
  fallbackFile?: string | null;
}

/** The SARIF 2.1.0 property bag key of our fingerprint in `partialFingerprints`. */
export const SARIF_FINGERPRINT_KEY = 'heapscopeFinding/v1';

/**
 * The report as a SARIF 2.1.0 log (OASIS "Static Analysis Results Interchange Format", §3): one
 * run, one rule per finding kind, one result per finding at its source location, the fingerprint
 * in `partialFingerprints` (so code scanning tracks a leak across runs as one alert) and, with a
 * baseline, `baselineState` "new" or "unchanged". Numbers go in the result's property bag.
 */
export function sarifReport(report: LeakReport, options: SarifOptions): object {
  const rules = FINDING_KINDS.map((kind) => ({
    id: kind,
    name: KIND_RULES[kind].name,
    shortDescription: { text: KIND_RULES[kind].description },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['memory-leak'] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Heapscope', version: options.toolVersion, rules } },
        originalUriBaseIds: { SRCROOT: { uri: directoryUri(options.sourceRoot) } },
        results: report.findings.map((f) => result(f, report, options)),
      },
    ],
  };
}

function result(f: ReportFinding, report: LeakReport, options: SarifOptions): object {
  const finding = f.finding;
  const located = finding.location ? pathUnderRoot(finding.location.url, options.sourceRoot) : null;
  const region = located && finding.location ? { startLine: finding.location.line, startColumn: finding.location.column } : { startLine: 1 };
  const file = located ?? options.fallbackFile ?? null;
  const growth = finding.growth === null ? '' : `, ${finding.growth >= 0 ? '+' : '-'}${formatBytes(Math.abs(finding.growth))} per snapshot`;
  const where = file && !located ? ' (the heap gives no source line for this kind; reported at the app\'s entry)' : '';
  return {
    ruleId: finding.kind,
    ruleIndex: FINDING_KINDS.indexOf(finding.kind),
    level: report.gate && f.status !== 'known' && (report.gate.failOn === 'any' || report.gate.failOn === finding.kind) ? 'error' : 'warning',
    message: {
      text: `${finding.title}: retains ${formatBytes(finding.retainedSize)}${growth}. Fix: ${finding.fix}${where}`,
      markdown: markdownFinding(f, report.findings.indexOf(f), { sourceRoot: options.sourceRoot }).join('\n'),
    },
    ...(file ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' }, region } }] } : {}),
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.fingerprint },
    ...(f.status ? { baselineState: f.status === 'new' ? 'new' : 'unchanged' } : {}),
    properties: {
      retainedSize: finding.retainedSize,
      growth: finding.growth,
      series: finding.series,
      count: finding.count,
      path: finding.path.map((s) => s.label),
      evidence: finding.evidence,
    },
  };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
