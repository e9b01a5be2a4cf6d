import { readFile, rename, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { AllocationSite, ReportSnapshot } from '../protocol/engineApi';
import { FINDING_KINDS, Finding, FindingKind } from '../protocol/finding';
import { Baseline, baselineOf, parseBaseline } from '../engine/report/baseline';
import { jsonReport } from '../engine/report/jsonReport';
import { LeakReport, baselineEntries, buildLeakReport } from '../engine/report/leakReport';
import { markdownReport } from '../engine/report/markdownReport';
import { sarifReport } from '../engine/report/sarifReport';
import { CliIo, CliUsageError } from './cliCommand';
import { textReport } from './textReport';
import { toolVersion } from './toolVersion';

/** Exit code when `--fail-on` matched a finding (1 is an error, 2 a usage error). */
export const EXIT_FINDINGS = 3;

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The options `analyze` and `run` share, for node:util parseArgs. */
export const REPORT_OPTION_SPECS = {
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  format: { type: 'string' },
  report: { type: 'string', multiple: true },
} as const;

/** Report file extensions that choose their format (so one run can write `--report r.md --report r.sarif`). */
const FORMAT_OF_EXTENSION: Record<string, ReportFormat> = { '.md': 'markdown', '.markdown': 'markdown', '.sarif': 'sarif', '.json': 'json', '.txt': 'text' };

export interface ReportArgs {
  failOn: FindingKind | 'any' | null;
  baselineFile: string | null;
  updateBaseline: boolean;
  /** What goes to stdout: `--format`, or text when every report goes to a file. */
  format: ReportFormat;
  /** `--report FILE`s, each in the format its extension names, else in `--format`. */
  reports: { file: string; format: ReportFormat }[];
}

export function parseReportArgs(values: {
  'fail-on'?: string;
  baseline?: string;
  'update-baseline'?: boolean;
  format?: string;
  report?: string[];
  json?: boolean;
}): ReportArgs {
  if (values['update-baseline'] && values.baseline === undefined) throw new CliUsageError('--update-baseline needs --baseline FILE (the file to write)');
  if (values.json && values.format !== undefined && values.format !== 'json') throw new CliUsageError('--json is --format json; give one of them');
  const format = values.json ? 'json' : (values.format ?? 'text');
  const known = REPORT_FORMATS.find((f) => f === format);
  if (!known) throw new CliUsageError(`--format takes one of: ${REPORT_FORMATS.join(', ')}; got '${format}'`);
  const explicit = values.json || values.format !== undefined;
  const reports = (values.report ?? []).map((file) => {
    const byExtension = FORMAT_OF_EXTENSION[extname(file).toLowerCase()];
    if (byExtension) return { file, format: byExtension };
    if (!explicit) throw new CliUsageError(`--report ${file}: name the format with --format, or end the file in .md, .sarif, .json or .txt`);
    return { file, format: known };
  });
  return {
    failOn: parseFailOn(values['fail-on']),
    baselineFile: values.baseline ?? null,
    updateBaseline: values['update-baseline'] ?? false,
    format: reports.length > 0 && !explicit ? 'text' : known,
    reports,
  };
}

export function parseFailOn(value: string | undefined): FindingKind | 'any' | null {
  if (value === undefined) return null;
  if (value === 'any') return 'any';
  const kind = FINDING_KINDS.find((k) => k === value);
  if (!kind) throw new CliUsageError(`--fail-on takes 'any' or one of: ${FINDING_KINDS.join(', ')}; got '${value}'`);
  return kind;
}

/**
 * Reads the baseline named by --baseline. A missing file is an error, except with
 * --update-baseline (the first run writes it: every finding is then new).
 */
export async function readBaseline(args: ReportArgs): Promise<Baseline | null> {
  if (args.baselineFile === null) return null;
  let text: string;
  try {
    text = await readFile(args.baselineFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && args.updateBaseline) return { heapscopeBaseline: 1, findings: [] };
    throw new Error(`cannot read the baseline ${args.baselineFile}: ${(error as Error).message}`);
  }
  return parseBaseline(text, args.baselineFile);
}

/**
 * Builds the report, writes it (to --report FILE or stdout) and the baseline (with
 * --update-baseline), and returns the exit code: EXIT_FINDINGS when the gate failed.
 */
export async function finishReport(
  io: CliIo,
  args: ReportArgs,
  input: {
    snapshots: readonly ReportSnapshot[];
    findings: readonly Finding[];
    notes: readonly string[];
    allocationSites?: AllocationSite[] | null;
    baseline: Baseline | null; subject?: string; entryFile?: string | null },
): Promise<{ report: LeakReport; code: number }> {
  const report = buildLeakReport({ ...input, failOn: args.failOn });
  for (const { file, format } of args.reports) {
    await writeAtomically(file, render(report, format, input.entryFile ?? null));
    io.stderr.write(`heapscope: wrote the ${format} report to ${file}\n`);
  }
  // With every report in a file, stdout still gets the text (the CI log shows the verdict); with --format F and a file in F, it is that file.
  if (args.reports.length === 0 || !args.reports.some((r) => r.format === args.format)) io.stdout.write(render(report, args.format, input.entryFile ?? null));
  if (args.updateBaseline && args.baselineFile) {
    await writeAtomically(args.baselineFile, `${JSON.stringify(baselineOf(baselineEntries(report)), null, 2)}\n`);
    io.stderr.write(`heapscope: wrote the baseline (${report.findings.length} finding(s)) to ${args.baselineFile}\n`);
  }
  return { report, code: report.gate?.failed ? EXIT_FINDINGS : 0 };
}

function render(report: LeakReport, format: ReportFormat, entryFile: string | null): string {
  switch (format) {
    case 'text':
      return textReport(report);
    case 'json':
      return `${JSON.stringify(jsonReport(report))}\n`;
    case 'markdown':
      return markdownReport(report, { sourceRoot: process.cwd() });
    case 'sarif':
      return `${JSON.stringify(sarifReport(report, { toolVersion: toolVersion(), sourceRoot: process.cwd(), fallbackFile: entryFile }), null, 2)}\n`;
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

/** A reader of the file never sees half a report. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const target = resolve(file);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, target);
}
