import { get } from 'node:http';
import { InspectorError } from './inspectorError';
import { ErrorCode } from '../protocol/errorCode';

/** One entry of an inspector's /json/list. */
export interface InspectorListEntry {
  id: string;
  title: string;
  url: string;
  type: string;
  webSocketDebuggerUrl: string;
}

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function getJson(host: string, port: number, path: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get({ host, port, path, timeout: timeoutMs, headers: { host: `${hostForUrl(host)}:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > 1 << 20) req.destroy(new Error('answer too large for an inspector'));
      });
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error(`not JSON (HTTP ${res.statusCode})`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * Asks host:port whether it is a Node.js inspector (GET /json/version). Resolves to the version
 * string ("node.js/v20.20.2"), or null for anything else, including no answer.
 */
export async function probeNodeInspector(host: string, port: number, timeoutMs = 1000): Promise<string | null> {
  try {
    const v = (await getJson(host, port, '/json/version', timeoutMs)) as { Browser?: unknown };
    return typeof v?.Browser === 'string' && v.Browser.startsWith('node.js') ? v.Browser : null;
  } catch {
    return null;
  }
}

/** GET /json/list of an inspector; a Node process has exactly one target. */
export async function listInspectorTargets(host: string, port: number, timeoutMs = 2000): Promise<InspectorListEntry[]> {
  let list: unknown;
  try {
    list = await getJson(host, port, '/json/list', timeoutMs);
  } catch (error) {
    throw new InspectorError(ErrorCode.Connect, `no inspector answers at ${hostForUrl(host)}:${port}: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(list)) throw new InspectorError(ErrorCode.Connect, `${hostForUrl(host)}:${port} is not an inspector (/json/list is not a list)`);
  return list.filter(
    (e): e is InspectorListEntry => typeof e === 'object' && e !== null && typeof (e as InspectorListEntry).webSocketDebuggerUrl === 'string',
  );
}
