import { existsSync } from 'node:fs';
import { AllocationSite } from '../engine/allocation/growingSites';
import { formatBytes } from '../engine/detectors/formatBytes';
import { profilePathFor } from '../inspector/inspector';
import { oneLine } from './oneLine';

/**
 * The `.heapprofile` written beside each snapshot by `capture --allocation-sites`, parallel to the
 * files, or undefined when none of them has one (the engine then skips the allocation step).
 */
export function profilesBeside(files: readonly string[]): (string | null)[] | undefined {
  const found = files.map((f) => (existsSync(profilePathFor(f)) ? profilePathFor(f) : null));
  return found.some((f) => f !== null) ? found : undefined;
}

/** The text report's section on growing allocation sites. */
export function allocationSitesText(sites: readonly AllocationSite[]): string {
  const lines = ['', sites.length === 0 ? 'Allocation sites: none grew across the series.' : 'Allocation sites whose live sampled bytes grew at every snapshot:'];
  for (const s of sites.slice(0, 10)) {
    lines.push(
      `  ${`+${formatBytes(s.growth)}/snapshot`.padEnd(18)} ${oneLine(s.functionName) || '(anonymous)'} at ${oneLine(s.script)}:${s.line}:${s.column} ` +
        `(${s.bytes.map(formatBytes).join(' → ')})`,
    );
  }
  return `${lines.join('\n')}\n`;
}
