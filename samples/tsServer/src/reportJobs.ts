// Report jobs whose cancel handlers are kept after the job is done. V8 gives the closures made in
// one call of `runReport` a single shared context holding every variable any of them uses:
// `summarize` uses `rows`, so `rows` lives in that context, and the tiny `onCancel` kept in
// `cancelHandlers` keeps it alive, although `onCancel` never mentions `rows`.

export interface ReportRow {
  line: number;
  text: string;
}

export type CancelHandler = () => string;

export interface JobStats {
  jobs: number;
  handlers: number;
}

const ROWS_PER_JOB = 1500;

const cancelHandlers = new Map<string, CancelHandler>();
let jobs = 0;

export function runReport(jobId: string): number {
  const rows: ReportRow[] = [];
  for (let i = 0; i < ROWS_PER_JOB; i++) rows.push({ line: i, text: `report ${jobId} line ${i}` });
  const summarize = (): number => rows.filter((r) => r.line % 7 === 0).length;
  const onCancel: CancelHandler = () => `job ${jobId} cancelled`; // LEAK: kept forever, keeps `rows`
  cancelHandlers.set(jobId, onCancel);
  jobs++;
  return summarize();
}

export function jobStats(): JobStats {
  return { jobs, handlers: cancelHandlers.size };
}
