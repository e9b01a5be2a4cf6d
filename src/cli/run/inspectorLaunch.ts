import { basename } from 'node:path';
import { describeLinuxProcess, pidsListeningOn } from '../../inspector/inspector';
import { parentOf, processGroupMembers } from './processGroup';

/**
 * How the app's inspector gets its loopback port:
 * - `node …` directly: `--inspect=127.0.0.1:PORT` right after the binary, so the inspector is on
 *   from the first line of the app and nothing else is touched;
 * - anything else (`npm start`, a shell script, `tsx server.ts`): NODE_OPTIONS gets
 *   `--inspect-port=127.0.0.1:PORT`, which only chooses the port and switches nothing on. Every
 *   Node process of the command inherits it (npm itself is one), so heapscope afterwards picks the
 *   app among them (findAppPid) and switches on the inspector of that one process only, as
 *   `heapscope capture --pid` does. `--inspect` in NODE_OPTIONS instead would start an inspector in
 *   each of them, and the first (npm) would take the port.
 */
export interface LaunchPlan {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** True when the command is node itself, started with its inspector on. */
  direct: boolean;
}

export function launchPlan(command: readonly string[], inspectorPort: number, env: NodeJS.ProcessEnv): LaunchPlan {
  const flag = `127.0.0.1:${inspectorPort}`;
  if (isNodeBinary(command[0])) {
    return { argv: [command[0], `--inspect=${flag}`, ...command.slice(1)], env, direct: true };
  }
  const nodeOptions = [env.NODE_OPTIONS, `--inspect-port=${flag}`].filter(Boolean).join(' ');
  return { argv: [...command], env: { ...env, NODE_OPTIONS: nodeOptions }, direct: false };
}

export function isNodeBinary(command: string): boolean {
  return command === process.execPath || /^(node|nodejs)(\d+)?(\.exe)?$/i.test(basename(command));
}

/**
 * The app among the Node processes of its process group: the one listening on the app's port, else
 * the only one that is not an ancestor of another Node process of the group (npm → sh → node:
 * node). Throws, naming the candidates, when that leaves more than one or none.
 */
export async function findAppPid(pgid: number, appPort: number): Promise<number> {
  if (process.platform !== 'linux') {
    throw new Error('on this platform heapscope run can only find the app when the command is `node …` itself');
  }
  const members = processGroupMembers(pgid);
  const details = (await Promise.all(members.map((pid) => describeLinuxProcess(pid)))).filter((d): d is NonNullable<typeof d> => d !== null && d.isNode);
  if (details.length === 0) throw new Error(`no Node.js process runs in the app's process group (pids ${members.join(', ') || 'none'})`);
  const listening = new Set(await pidsListeningOn(appPort));
  const onPort = details.filter((d) => listening.has(d.pid));
  if (onPort.length === 1) return onPort[0].pid;
  const leaves = details.filter((d) => !details.some((other) => other.pid !== d.pid && hasAncestor(other.pid, d.pid)));
  if (leaves.length === 1) return leaves[0].pid;
  const names = details.map((d) => `${d.pid} (${d.commandLine.slice(0, 60)})`).join(', ');
  throw new Error(`cannot tell which Node.js process is the app: ${names}; start it with \`node …\` directly, or make it listen on $PORT`);
}

/** Walks the parents from `pid` up; true when `ancestor` is met. */
function hasAncestor(pid: number, ancestor: number): boolean {
  let current = pid;
  for (let hops = 0; hops < 64 && current > 1; hops++) {
    const parent = parentOf(current);
    if (parent === ancestor) return true;
    if (parent === null) return false;
    current = parent;
  }
  return false;
}
