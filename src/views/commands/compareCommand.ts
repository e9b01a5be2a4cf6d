import * as path from 'node:path';
import { ReportPanels } from '../reportPanels';
import { SnapshotLoader } from '../snapshotLoader';
import { SnapshotStore } from '../snapshotStore';
import { reportFailure } from '../reportFailure';
import { withCancellableProgress } from '../withCancellableProgress';
import { pickSnapshotFile } from './pickSnapshotFile';

/** Heapscope: Compare Snapshots… — pick the older (A) then the newer (B); shows A → B per constructor. */
export async function compareCommand(store: SnapshotStore, loader: SnapshotLoader, panels: ReportPanels): Promise<void> {
  const before = await pickSnapshotFile(store, 'Compare Snapshots: older snapshot (A)');
  if (!before) return;
  const after = await pickSnapshotFile(store, 'Compare Snapshots: newer snapshot (B)', [before]);
  if (!after) return;
  const title = `${path.basename(before)} → ${path.basename(after)}`;
  try {
    const [a, b] = await withCancellableProgress(`Heapscope: loading ${title}`, async (options) => {
      const a = await loader.load(before, options);
      const b = await loader.load(after, options);
      return [a, b] as const;
    });
    panels.showOther({ kind: 'comparison', title, before: a, after: b });
  } catch (error) {
    reportFailure('comparing snapshots', error);
  }
}
