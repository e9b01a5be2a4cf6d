import { readFile } from 'node:fs/promises';
import { ProfileFrame, ProfileSites, frameKey } from './profileSites';

export class ProfileFormatError extends Error {
  constructor(file: string, what: string) {
    super(`${file}: not a V8 sampling heap profile (${what})`);
    this.name = 'ProfileFormatError';
  }
}

/**
 * Reads a `.heapprofile` (CDP's SamplingHeapProfile: `{head, samples}`) into live bytes per site.
 * A site is the innermost frame that has a script: builtins (`fill`, `push`) and V8's own frames
 * have none, so their bytes go to the JavaScript function that called them, which is where a
 * developer would change the code. Each site also keeps every function on its stacks, so a finding
 * can be matched by any of them. The file is the target's data: every field is checked. Iterative
 * walk (an explicit stack of [node, parent frame chain]); O(profile nodes × stack depth).
 */
export async function readSamplingProfile(file: string): Promise<ProfileSites> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw error;
    throw new ProfileFormatError(file, (error as Error).message);
  }
  const head = (json as { head?: unknown } | null)?.head;
  if (!isNode(head)) throw new ProfileFormatError(file, 'no head node');
  const sites: ProfileSites['sites'] = new Map();
  let totalBytes = 0;
  const stack: { node: unknown; chain: string[]; site: ProfileFrame | null }[] = [{ node: head, chain: [], site: null }];
  while (stack.length > 0) {
    const { node, chain, site: parentSite } = stack.pop()!;
    if (!isNode(node)) throw new ProfileFormatError(file, 'a node without callFrame, selfSize or children');
    const frame = toFrame(node.callFrame);
    if (!frame) throw new ProfileFormatError(file, 'a callFrame without scriptId, lineNumber or columnNumber');
    const hasScript = frame.scriptId > 0 && frame.url !== '';
    const key = hasScript ? frameKey(frame.scriptId, frame.line, frame.column) : null;
    const here = key ? [...chain, key] : chain;
    const site = hasScript ? frame : parentSite;
    if (node.selfSize > 0 && site) {
      const siteKey = frameKey(site.scriptId, site.line, site.column);
      let entry = sites.get(siteKey);
      if (!entry) sites.set(siteKey, (entry = { frame: site, bytes: 0, frames: new Set() }));
      entry.bytes += node.selfSize;
      for (const k of here) entry.frames.add(k);
    }
    totalBytes += node.selfSize;
    for (const child of node.children) stack.push({ node: child, chain: here, site });
  }
  return { sites, totalBytes };
}

interface RawNode {
  callFrame: unknown;
  selfSize: number;
  children: unknown[];
}

function isNode(v: unknown): v is RawNode {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as Partial<RawNode>;
  return typeof n.selfSize === 'number' && n.selfSize >= 0 && Array.isArray(n.children) && typeof n.callFrame === 'object';
}

function toFrame(v: unknown): ProfileFrame | null {
  if (typeof v !== 'object' || v === null) return null;
  const f = v as Record<string, unknown>;
  const scriptId = Number(f.scriptId);
  if (!Number.isInteger(scriptId) || typeof f.lineNumber !== 'number' || typeof f.columnNumber !== 'number') return null;
  return {
    functionName: typeof f.functionName === 'string' ? f.functionName : '',
    url: typeof f.url === 'string' ? f.url : '',
    scriptId,
    line: f.lineNumber,
    column: f.columnNumber,
  };
}
