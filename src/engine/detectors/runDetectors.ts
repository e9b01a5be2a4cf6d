import { Detector, DetectorContext, DetectorInput } from './detector';
import { detectorList } from './detectorList';
import { Finding } from './finding';

/** Runs every registered detector and ranks the findings first to last. */
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
  return findings.sort((a, b) => b.retainedSize - a.retainedSize);
}
