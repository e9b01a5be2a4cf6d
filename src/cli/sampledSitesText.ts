import { SampledSites } from '../protocol/engineApi';
import { formatBytes } from '../protocol/format';
import { oneLine } from './oneLine';

/** How many sites of each list the text shows (--json has them all). */
const SHOWN = 10;

/** `heapscope sample`'s report: the growing sites, then the largest live ones; snapshot strings through oneLine. */
export function sampledSitesText(sites: SampledSites, steps: number): string {
  const lines: string[] = [];
  const where = (s: { script: string; line: number; column: number; functionName: string }) =>
    `${oneLine(s.functionName) || '(anonymous)'} at ${oneLine(s.script) || '(no script)'}:${s.line}:${s.column}`;
  if (sites.growing.length === 0) lines.push(`No site's live sampled bytes grew at every one of the ${steps} profiles.`);
  else {
    lines.push(`Sites whose live sampled bytes grew at every one of the ${steps} profiles:`);
    for (const s of sites.growing.slice(0, SHOWN)) {
      lines.push(`  ${`+${formatBytes(s.growth)}/step`.padEnd(16)} ${where(s)} (${s.bytes.map(formatBytes).join(' → ')})`);
    }
  }
  lines.push('', `Live sampled bytes at the end: ${formatBytes(sites.totalBytes)}; the largest sites:`);
  for (const s of sites.top.slice(0, SHOWN)) {
    const share = sites.totalBytes > 0 ? ` (${((100 * s.bytes) / sites.totalBytes).toFixed(0)}%)` : '';
    lines.push(`  ${`${formatBytes(s.bytes)}${share}`.padEnd(16)} ${where(s)}`);
  }
  return `${lines.join('\n')}\n`;
}
