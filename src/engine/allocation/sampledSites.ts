import { TaskContext } from '../../protocol/rpc';
import { LiveSite, SampledSites } from '../../protocol/engineApi';
import { growingSites } from './growingSites';
import { ProfileSites } from './profileSites';
import { readSamplingProfile } from './samplingProfile';

/** How many of the live sites are listed. */
const TOP_SITES = 20;

/**
 * `sampledSites`: the growing sites across the window's profiles (the same rule as a series':
 * never falling, up by at least two sampling intervals) and the largest live sites of the last.
 */
export async function sampledSites(files: readonly string[], ctx: TaskContext): Promise<SampledSites> {
  if (files.length === 0) throw new Error('sampledSites needs at least one profile');
  const profiles: ProfileSites[] = [];
  for (const file of files) {
    await ctx.checkpoint();
    profiles.push(await readSamplingProfile(file));
  }
  const last = profiles[profiles.length - 1];
  const top: LiveSite[] = [...last.sites.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, TOP_SITES)
    .map(({ frame, bytes }) => ({ script: frame.url, line: frame.line + 1, column: frame.column + 1, functionName: frame.functionName, bytes }));
  return { growing: growingSites(profiles).map((g) => g.site), top, totalBytes: last.totalBytes };
}
