import { CliCommand, CliUsageError } from './cliCommand';
import { analyzeSeries } from './analyzeSeries';
import { parseCliArgs } from './parseCliArgs';
import { EXIT_FINDINGS, REPORT_OPTION_SPECS, finishReport, parseReportArgs, readBaseline } from './reportOptions';

export { EXIT_FINDINGS };

/**
 * `heapscope analyze FILE... [--json | --format json|markdown|sarif] [--report FILE]
 * [--fail-on KIND|any] [--baseline FILE [--update-baseline]]`: runs every leak detector over one
 * snapshot or a series of one process (files in capture order) and prints the findings ranked
 * first to last. With `--fail-on`, exits 3 when a finding of that kind (or any) is present, to
 * gate CI; with `--baseline`, only findings not in the baseline count. JSON (stable, documented
 * in the README):
 * {"snapshots":[{"file","nodeCount","edgeCount","totalSize"}],"notes":[string],
 *  "findings":[{"kind","title","retainedSize","growth","count","nodeIds",
 *               "path":[{"edge","name","type","id","location"?}],"pathRuns":[{"start","count","edge","name"}],
 *               "location":{"url","line","column","name"?}|null,
 *               "generatedLocation":{"url","line","column"}|null,"sourceMap":{"mapped","map"|"reason"}|null,
 *               "evidence","fix","allocatedAt"?,"allocationStack"?,"fingerprint","status"?}],"allocationSites"?:[…],"fixed"?:[…],"gate"?:{…}}
 */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'analyze FILE... [--json|--format F] [--report FILE] [--fail-on KIND|any] [--baseline FILE [--update-baseline]]',
  description: 'find leaks in one snapshot or a series of one process; --fail-on gates CI',
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { json: { type: 'boolean' }, ...REPORT_OPTION_SPECS });
    if (positionals.length === 0) throw new CliUsageError('expected one or more FILEs (a series of one process, in capture order)');
    const reportArgs = parseReportArgs(values);
    const baseline = await readBaseline(reportArgs);
    const { infos, findings, notes, sites } = await analyzeSeries(io, positionals);
    const { code } = await finishReport(io, reportArgs, { snapshots: infos, findings, notes, allocationSites: sites, baseline });
    return code;
  },
};
