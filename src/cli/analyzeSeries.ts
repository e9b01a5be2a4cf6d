import { AllocationSite } from '../protocol/engineApi';
import { Finding } from '../protocol/finding';
import { SnapshotInfo } from '../protocol/engineApi';
import { profilesBeside } from '../inspector/inspector';
import { CliIo } from './cliCommand';
import { withEngine } from './withEngine';

export interface SeriesAnalysis {
  infos: SnapshotInfo[];
  findings: Finding[];
  notes: string[];
  /** Growing allocation sites, when `.heapprofile` files lie beside the snapshots; else null. */
  sites: AllocationSite[] | null;
}

/**
 * Opens snapshot files (capture order) in an engine worker and runs every detector over them,
 * with the allocation profiles found beside them.
 */
export function analyzeSeries(io: CliIo, files: readonly string[]): Promise<SeriesAnalysis> {
  const allocationProfiles = profilesBeside(files);
  return withEngine(io, async (engine, call) => {
    const infos: SnapshotInfo[] = [];
    for (const file of files) infos.push(await engine.open({ file }, call()));
    const result = await engine.analyze({ handles: infos.map((i) => i.handle), allocationProfiles }, call());
    return { infos, findings: result.findings, notes: result.notes, sites: result.allocationSites ?? null };
  });
}
