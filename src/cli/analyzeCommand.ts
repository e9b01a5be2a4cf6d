import { Finding, FINDING_KINDS, FindingKind } from '../engine/detectors/finding';
import { SnapshotInfo } from '../engine/engineApi';
import { CliCommand, CliUsageError } from './cliCommand';
import { formatBytes, formatCount } from '../engine/detectors/formatBytes';
import { oneLine } from './oneLine';
import { pathRuns } from '../engine/detectors/pathRuns';
import { findingPathText } from './findingPathText';
import { parseCliArgs } from './parseCliArgs';
import { withEngine } from './withEngine';
import { allocationSitesText } from './allocationSitesText';
import { profilesBeside } from '../inspector/inspector';

/** Exit code when `--fail-on` matched a finding (1 is an error, 2 a usage error). */
export const EXIT_FINDINGS = 3;

/**
 * `heapscope analyze FILE... [--json] [--fail-on KIND|any]`: runs every leak detector over one
 * snapshot or a series of one process (files in capture order) and prints the findings ranked
 * first to last. With `--fail-on`, exits 3 when a finding of that kind (or any) is present, to
 * gate CI. JSON (stable, documented in the README):
 * {"snapshots":[{"file","nodeCount","edgeCount","totalSize"}],"notes":[string],
 *  "findings":[{"kind","title","retainedSize","growth","count","nodeIds",
 *               "path":[{"edge","name","type","id","location"?}],"pathRuns":[{"start","count","edge","name"}],
 *               "location":{"url","line","column","name"?}|null,
 *               "generatedLocation":{"url","line","column"}|null,"sourceMap":{"mapped","map"|"reason"}|null,
 *               "evidence","fix"}]}
 */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'analyze FILE... [--json] [--fail-on KIND|any]',
  description: 'find leaks in one snapshot or a series of one process; --fail-on gates CI',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' }, 'fail-on': { type: 'string' } });
    if (positionals.length === 0) throw new CliUsageError('expected one or more FILEs (a series of one process, in capture order)');
    const failOn = parseFailOn(values['fail-on']);
    const allocationProfiles = profilesBeside(positionals);
    const { infos, findings, notes, sites } = await withEngine(io, async (engine, call) => {
      const opened: SnapshotInfo[] = [];
      for (const file of positionals) opened.push(await engine.open({ file }, call()));
      const result = await engine.analyze({ handles: opened.map((i) => i.handle), allocationProfiles }, call());
      return { infos: opened, findings: result.findings, notes: result.notes, sites: result.allocationSites ?? null };
    });
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ ...toJson(infos, findings, notes), ...(sites ? { allocationSites: sites } : {}) })}\n`
        : toText(infos, findings, notes) + (sites ? allocationSitesText(sites) : ''),
    );
    const failed = failOn !== null && findings.some((f) => failOn === 'any' || f.kind === failOn);
    return failed ? EXIT_FINDINGS : 0;
  },
};

function parseFailOn(value: string | undefined): FindingKind | 'any' | null {
  if (value === undefined) return null;
  if (value === 'any') return 'any';
  const kind = FINDING_KINDS.find((k) => k === value);
  if (!kind) throw new CliUsageError(`--fail-on takes 'any' or one of: ${FINDING_KINDS.join(', ')}; got '${value}'`);
  return kind;
}

function toJson(infos: readonly SnapshotInfo[], findings: readonly Finding[], notes: readonly string[]) {
  return {
    snapshots: infos.map((i) => ({ file: i.file, nodeCount: i.nodeCount, edgeCount: i.edgeCount, totalSize: i.totalSize })),
    notes,
    findings: findings.map((f) => ({
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
    })),
  };
}

function toText(infos: readonly SnapshotInfo[], findings: readonly Finding[], notes: readonly string[]): string {
  const lines: string[] = [];
  const what = infos.length === 1 ? 'one snapshot' : `a series of ${infos.length} snapshots`;
  lines.push(`Analysed ${what}: ${infos.map((i) => oneLine(i.file)).join(', ')}`);
  for (const n of notes) lines.push(`Note: ${oneLine(n)}.`);
  if (infos.length < 3) lines.push('(Growth needs three snapshots of one process; with fewer, only strong single-snapshot signs are reported.)');
  if (findings.length === 0) {
    lines.push('', 'No leak found.');
    return `${lines.join('\n')}\n`;
  }
  findings.forEach((f, i) => {
    lines.push('', `${i + 1}. [${f.kind}] ${oneLine(f.title)}`);
    const growth = f.growth !== null ? `, ${f.growth >= 0 ? '+' : ''}${formatBytes(f.growth)} per snapshot` : '';
    lines.push(`   retains ${formatBytes(f.retainedSize)}${growth}; ${formatCount(f.count)} objects`);
    if (f.location) lines.push(`   at ${oneLine(f.location.url)}:${f.location.line}:${f.location.column}${mappedFrom(f)}`);
    if (f.allocatedAt) lines.push(`   allocated at ${oneLine(f.allocatedAt.script)}:${f.allocatedAt.line} in ${oneLine(f.allocatedAt.functionName) || '(anonymous)'}`);
    // Unnamed nodes (a Map's entries table) add nothing the step's label does not already say.
    if (f.path.length > 0) lines.push(`   path: ${findingPathText(f.path)}`);
    for (const e of f.evidence) lines.push(`   - ${oneLine(e)}`);
    lines.push(`   fix: ${oneLine(f.fix)}`);
  });
  return `${lines.join('\n')}\n`;
}

/** " (compiled: dist/server.js:12:5)" when mapped, " (no source map: why)" when not. */
function mappedFrom(f: Finding): string {
  if (!f.sourceMap) return '';
  if (!f.sourceMap.mapped) return ` (no source map: ${oneLine(f.sourceMap.reason)})`;
  const g = f.generatedLocation;
  return g ? ` (compiled: ${oneLine(g.url)}:${g.line}:${g.column})` : '';
}
