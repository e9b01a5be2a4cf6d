/** What a Node command line says about its inspector. */
export interface InspectFlags {
  /** Started with --inspect / --inspect-brk / --inspect-wait: the inspector was on from the start. */
  activeFromStart: boolean;
  /** Host the inspector binds to ('127.0.0.1' unless a flag says otherwise). */
  host: string;
  /** Port it binds to: 9229 by default, 0 means "any free port". */
  port: number;
  /** --disable-sigusr1: SIGUSR1 will not switch the inspector on. */
  sigusr1Disabled: boolean;
}

export const DEFAULT_INSPECTOR_PORT = 9229;

/**
 * Reads the inspector flags from a Node argv (node's own options only: they come before the script)
 * and NODE_OPTIONS. Later flags win, as in Node; NODE_OPTIONS is applied before the command line.
 */
export function parseInspectFlags(argv: readonly string[], nodeOptions = ''): InspectFlags {
  const flags: InspectFlags = { activeFromStart: false, host: '127.0.0.1', port: DEFAULT_INSPECTOR_PORT, sigusr1Disabled: false };
  const nodeArgs: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '--' || a === '-e' || a === '--eval' || a === '-p' || a === '--print') break;
    nodeArgs.push(a);
  }
  const fromEnv = nodeOptions.split(/\s+/).filter((s) => s.length > 0);
  for (const a of [...fromEnv, ...nodeArgs]) {
    const m = /^--(inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(?:=(.*))?$/.exec(a);
    if (m) {
      if (m[1] !== 'inspect-port' && m[1] !== 'debug-port') flags.activeFromStart = true;
      if (m[2] !== undefined) applyHostPort(flags, m[2]);
    } else if (a === '--disable-sigusr1') {
      flags.sigusr1Disabled = true;
    }
  }
  return flags;
}

function applyHostPort(flags: InspectFlags, value: string): void {
  // Forms: "9230", "0.0.0.0", "0.0.0.0:9230", "[::1]:9230".
  const bracket = /^\[(.*)\](?::(\d+))?$/.exec(value);
  if (bracket) {
    flags.host = bracket[1];
    if (bracket[2] !== undefined) flags.port = Number(bracket[2]);
    return;
  }
  if (/^\d+$/.test(value)) {
    flags.port = Number(value);
    return;
  }
  const colon = value.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(value.slice(colon + 1))) {
    flags.host = value.slice(0, colon);
    flags.port = Number(value.slice(colon + 1));
  } else {
    flags.host = value;
  }
}
