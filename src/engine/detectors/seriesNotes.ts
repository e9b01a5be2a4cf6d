import { HeapGraph } from '../graph/heapGraph';
import { formatCount } from '../../protocol/format';
import { idAlignment } from './idRenumbering';

/**
 * What a reader of a series' findings must know about how its snapshots were matched: where V8
 * renumbered the objects between two snapshots (separate inspector sessions), so groups were
 * matched by retainer path rather than by id (seriesOf.ts). Empty for one snapshot or for a
 * series whose ids line up.
 */
export async function seriesNotes(snapshots: readonly HeapGraph[], checkpoint: () => Promise<void>): Promise<string[]> {
  const notes: string[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const a = await idAlignment(snapshots[i - 1], snapshots[i], checkpoint);
    if (!a.renumbered) continue;
    notes.push(
      `ids were renumbered between snapshots ${i} and ${i + 1} (${formatCount(a.aligned)} of ${formatCount(a.anchors)} long-lived objects kept their id, as after a new inspector session); objects were matched by retainer path`,
    );
  }
  return notes;
}
