import { Finding } from '../protocol/finding';
import { formatBytes } from '../protocol/format';

/**
 * The in-editor line for a long-lived-closure finding, e.g.
 * "this closure keeps 22.9 MB alive via `big`" — the captured variable holding the most.
 * Null for other kinds or when the finding has no source location.
 */
export function closureHint(finding: Finding): { line: number; text: string } | null {
  if (finding.kind !== 'long-lived-closure' || !finding.location) return null;
  const captured = finding.details?.kind === 'closure' ? finding.details.captured : [];
  const biggest = captured.reduce<(typeof captured)[number] | null>((best, c) => (!best || c.retainedSize > best.retainedSize ? c : best), null);
  const via = biggest ? ` via \`${biggest.name}\`` : '';
  return { line: finding.location.line, text: `this closure keeps ${formatBytes(finding.retainedSize)} alive${via}` };
}
