import { AllocationSite } from '../protocol/engineApi';
import { formatBytes } from '../protocol/format';
import { oneLine } from './oneLine';

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
