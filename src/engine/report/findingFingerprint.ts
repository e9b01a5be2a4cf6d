import { createHash } from 'node:crypto';
import { Finding, FindingPathStep } from '../../protocol/finding';

/**
 * How many of the path's meaningful steps, counted back from the holder, the fingerprint keeps.
 * The start of a path (which module record, which handle scope, which timer list leads into the
 * app) can change between runs of the same code; the steps nearest the holder name the app's own
 * variables and properties and do not.
 */
const HOLDER_STEPS = 5;

/** Edge types that are V8's bookkeeping rather than the user's code. */
const SKIPPED_EDGE_TYPES = new Set(['root', 'internal', 'hidden', 'weak', 'shortcut']);

/** What identifies a finding across runs: readable `key`, and its hash as the `fingerprint`. */
export interface FindingIdentity {
  /** e.g. "unbounded-collection: storageClients→Map / value→StorageClient". */
  key: string;
  /** 32 hex digits of SHA-256 over `key`. */
  fingerprint: string;
}

/**
 * A fingerprint stable across runs of the same program: the finding's kind plus the holder's path
 * through the user's code, as edge and node names. Node ids, byte counts and element indices are
 * left out (they change from run to run), digit runs in names become `#` (generated names such
 * as `tenant-17` or `Array(12)`), V8's internal, hidden, weak and root steps are skipped, and
 * V8's own node names (`system / Context`, `(anonymous)`) are left blank.
 */
export function findingIdentity(finding: Pick<Finding, 'kind' | 'path' | 'cutIndex'>): FindingIdentity {
  // The cut edge leaves the holder for the leaked group: keep it (it names what leaks), stop after it.
  const end = finding.cutIndex !== null ? finding.cutIndex + 1 : finding.path.length;
  const steps = finding.path.slice(0, end).filter((s) => !SKIPPED_EDGE_TYPES.has(s.type));
  const key = `${finding.kind}: ${collapseRuns(steps.map(stepKey)).slice(-HOLDER_STEPS).join(' / ')}`;
  return { key, fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 32) };
}

/**
 * Repeated steps (a listener chain linked by `next`, a promise chain) as one `step+`: their number
 * changes from run to run, and without this a long chain would push the holder out of the key.
 */
function collapseRuns(keys: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i + 1;
    while (j < keys.length && keys[j] === keys[i]) j++;
    out.push(j - i > 1 ? `${keys[i]}+` : keys[i]);
    i = j;
  }
  return out;
}

function stepKey(step: FindingPathStep): string {
  const edge = step.type === 'element' || /^\d+$/.test(step.edge) ? '[]' : normalise(step.edge);
  return `${edge}→${isSystemName(step.name) ? '' : normalise(step.name)}`;
}

/** Snapshot names are arbitrary strings: bounded, digits folded, separators of the key escaped. */
function normalise(name: string): string {
  return name.slice(0, 60).replace(/\d+/g, '#').replace(/[\s/→]+/g, ' ').trim();
}

function isSystemName(name: string): boolean {
  return name.startsWith('system / ') || (name.startsWith('(') && name.endsWith(')'));
}
