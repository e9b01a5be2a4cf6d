import { Finding } from '../engine/detectors/finding';
import { SnapshotInfo } from '../engine/engineApi';
import { CliIo } from './cliCommand';
import { withEngine } from './withEngine';

/** Opens snapshot files (capture order) in an engine worker and runs every detector over them. */
export function analyzeSeries(io: CliIo, files: readonly string[]): Promise<{ infos: SnapshotInfo[]; findings: Finding[]; notes: string[] }> {
  return withEngine(io, async (engine, call) => {
    const infos: SnapshotInfo[] = [];
    for (const file of files) infos.push(await engine.open({ file }, call()));
    const result = await engine.analyze({ handles: infos.map((i) => i.handle) }, call());
    return { infos, findings: result.findings, notes: result.notes };
  });
}
