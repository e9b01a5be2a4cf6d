import { Finding, FindingKind, FindingPathStep } from '../../../src/protocol/finding';

/** A finding as a detector would return it, with `path` given as [edge type, edge name, node name] triples. */
export function makeFinding(kind: FindingKind, steps: [string, string, string][], over: Partial<Finding> = {}): Finding {
  let id = 1000;
  const path: FindingPathStep[] = steps.map(([type, edge, name]) => ({ type, edge, name, id: id++, label: type === 'root' ? `GC root ${name}` : `${type} \`${edge}\`` }));
  return {
    kind,
    title: `a ${kind} finding`,
    retainedSize: 175_000,
    growth: 58_000,
    series: [56_000, 112_000, 171_000],
    count: 300,
    nodeIds: [1, 2, 3],
    path,
    holderId: null,
    cutIndex: null,
    location: null,
    evidence: ['Entries across the series: 100 → 200 → 300.'],
    fix: 'Bound the map.',
    details: null,
    ...over,
  };
}

/** The path of the fixture app's leak, as the engine reported it on a real run. */
export const SESSION_CACHE_PATH: [string, string, string][] = [
  ['root', '(Global handles)', '(Global handles)'],
  ['internal', 'native_to_javascript', 'TCP'],
  ['property', '<symbol owner_symbol>', 'Server'],
  ['property', '_events', 'Object'],
  ['property', 'request', ''],
  ['internal', 'context', 'system / Context'],
  ['context', 'sessionCache', 'Map'],
];
