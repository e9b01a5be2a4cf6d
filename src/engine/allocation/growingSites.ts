import { AllocationSite } from '../../protocol/engineApi';
import { ProfileFrame, ProfileSites } from './profileSites';

/**
 * Below this much growth a site is sampling noise: with V8's default interval of 32 KiB, one
 * sample more or less moves a site by about that much, so two intervals is the least that says
 * anything.
 */
export const MIN_SITE_GROWTH = 64 * 1024;

/** How many sites a report lists. */
const MAX_SITES = 50;

/**
 * Sites whose live sampled bytes never fell from one profile to the next and rose by at least
 * MIN_SITE_GROWTH overall, largest growth first. A site the series' first profile does not have
 * counts as 0 there. Needs two profiles or more.
 */
export function growingSites(profiles: readonly ProfileSites[]): { site: AllocationSite; key: string; frames: Set<string> }[] {
  if (profiles.length < 2) return [];
  const last = profiles[profiles.length - 1];
  const out: { site: AllocationSite; key: string; frames: Set<string> }[] = [];
  for (const [key, entry] of last.sites) {
    const bytes = profiles.map((p) => p.sites.get(key)?.bytes ?? 0);
    let monotone = true;
    for (let i = 1; i < bytes.length && monotone; i++) monotone = bytes[i] >= bytes[i - 1];
    const total = bytes[bytes.length - 1] - bytes[0];
    if (!monotone || total < MIN_SITE_GROWTH) continue;
    out.push({ site: toSite(entry.frame, bytes, total / (bytes.length - 1)), key, frames: entry.frames });
  }
  out.sort((a, b) => b.site.growth - a.site.growth);
  return out.slice(0, MAX_SITES);
}

function toSite(frame: ProfileFrame, bytes: number[], growth: number): AllocationSite {
  return { script: frame.url, line: frame.line + 1, column: frame.column + 1, functionName: frame.functionName, bytes, growth };
}
