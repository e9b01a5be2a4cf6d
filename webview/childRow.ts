import { NodeRow, RetainerRow } from '../src/protocol/engineApi';
import { formatBytes, formatCount } from '../src/protocol/format';

/** A row under a class: one of its instances, or (further down) an object that retains it. */
export type ChildRow = { kind: 'instance'; node: NodeRow } | { kind: 'retainer'; retainer: RetainerRow };

export function childNode(row: ChildRow): NodeRow {
  return row.kind === 'instance' ? row.node : row.retainer.from;
}

export function childLabel(row: ChildRow): string {
  switch (row.kind) {
    case 'instance':
      return `${row.node.name} @${row.node.id}`;
    case 'retainer': {
      const r = row.retainer;
      return `${r.label || r.edge} — ${r.from.name} @${r.from.id}`;
    }
    default: {
      const never: never = row;
      return never;
    }
  }
}

export const childSelf = (row: ChildRow): string => formatBytes(childNode(row).selfSize);
export const childRetained = (row: ChildRow): string => formatBytes(childNode(row).retainedSize);
export const childDistance = (row: ChildRow): string => {
  const d = childNode(row).distance;
  return d === null ? '–' : formatCount(d);
};
