import { Detector, DetectorContext, DetectorInput } from './detector';
import { detectorList } from './detectorList';
import { Finding } from '../../protocol/finding';
import { rankFindings } from './rankFindings';

/**
 * Runs every registered detector over one snapshot or a series of one process, then suppresses
 * nested and overlapping findings and ranks the rest first to last (rankFindings.ts).
 */
export async function runDetectors(
  input: DetectorInput,
  ctx: DetectorContext,
  detectors: readonly Detector[] = detectorList,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const detector of detectors) {
    await ctx.checkpoint();
    findings.push(...(await detector.detect(input, ctx)));
  }
  return rankFindings(input.snapshots[input.snapshots.length - 1], findings);
}
