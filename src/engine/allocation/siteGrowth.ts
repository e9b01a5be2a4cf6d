import { TaskContext } from '../../protocol/rpc';
import { Finding } from '../../protocol/finding';
import { HeapGraph } from '../graph/heapGraph';
import { addAllocatedAt } from './allocatedAt';
import { AllocationSite } from '../../protocol/engineApi';
import { growingSites } from './growingSites';
import { ProfileSites } from './profileSites';
import { readSamplingProfile } from './samplingProfile';

/**
 * The allocation step of `analyze`: reads the series' profiles (the snapshots that have one, in
 * order), reports the growing sites, and names them on the findings they match.
 */
export async function siteGrowth(
  files: readonly (string | null)[],
  last: HeapGraph,
  findings: Finding[],
  ctx: TaskContext,
): Promise<AllocationSite[]> {
  const profiles: ProfileSites[] = [];
  for (const file of files) {
    if (file === null) continue;
    await ctx.checkpoint();
    profiles.push(await readSamplingProfile(file));
  }
  const growing = growingSites(profiles);
  // Only the last snapshot's own profile describes the objects in it.
  if (files[files.length - 1] !== null) addAllocatedAt(last, findings, growing);
  return growing.map((g) => g.site);
}
