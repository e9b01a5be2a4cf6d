import { InspectFlags } from './inspectFlags';

/** Whether listing processes may send GET /json/version to ports other than a known inspector's. */
export interface ProbeOptions {
  /**
   * The user asked to probe (`heapscope ps --probe`, the picker's "Probe ports" item): every
   * loopback port of every Node process is asked whether it is an inspector. Default false.
   */
  probe?: boolean;
}

/**
 * A process's ports may be probed only where its flags say the inspector's port is chosen at
 * random (--inspect=0, --inspect-port=0: on, or to be switched on, at a port nobody knows), or
 * when the user asked. Everything else listening in a Node process is the app's own server.
 */
export function mayProbe(flags: InspectFlags, options: ProbeOptions): boolean {
  return options.probe === true || flags.port === 0;
}
