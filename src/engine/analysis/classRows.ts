import { ClassRow } from '../../protocol/engineApi';
import { ClassAggregates } from './classAggregates';
import { ClassIndex } from './classIndex';

/** All Summary rows (classes with at least one counted member), unsorted. */
export function classRows(classes: ClassIndex, aggregates: ClassAggregates): ClassRow[] {
  const rows: ClassRow[] = [];
  for (let c = 0; c < classes.names.length; c++) {
    if (aggregates.count[c] === 0) continue;
    rows.push({ name: classes.names[c], count: aggregates.count[c], selfSize: aggregates.selfSize[c], retainedSize: aggregates.retainedSize[c] });
  }
  return rows;
}
