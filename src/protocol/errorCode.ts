/**
 * Every code Heapscope gives an error it raises, in one place: the engine API's errors, the RPC
 * layer's, the inspector's (InspectorError, CdpError), all carried across process boundaries as
 * the string value and read by the CLI and the extension to word an error or branch on it
 * without matching message text. Compare against these members, never a string literal. (Codes
 * Node itself sets on its errors, such as ENOENT or ESRCH from the file system or `kill`, are
 * Node's and stay as Node spells them.)
 */
export const ErrorCode = {
  /** The caller cancelled: Cancel, Ctrl-C, an aborted signal. */
  Cancelled: 'ECANCELLED',
  /** The engine worker died or never answered; its handles are gone. */
  Worker: 'EWORKER',
  /** A snapshot file is not a valid heap snapshot; or an RPC message that could not be read. */
  Parse: 'EPARSE',
  /** Building the graph of a parsed snapshot failed (no more specific code). */
  Graph: 'EGRAPH',
  /** No open snapshot with that handle (closed, or the engine restarted). */
  NoHandle: 'EHANDLE',
  /** No node with that id in the snapshot. */
  NoNode: 'ENODE',
  /** An engine call with arguments it cannot take (e.g. a diff of one snapshot). */
  BadArgs: 'EARGS',
  /** The snapshot file does not exist. */
  NoFile: 'ENOENT',
  /** The snapshot file exists but cannot be read (the message names the system's code). */
  Unreadable: 'EIO',
  /** No process with that pid (or no such worker thread). */
  NoProcess: 'ENOPROC',
  /** The pid is not a Node.js process: it was not signalled (SIGUSR1 would kill most programs). */
  NotNode: 'ENOTNODE',
  /** The OS refused: the process belongs to another user. */
  Permission: 'EPERM',
  /** The inspector port the target would open is held by another process. */
  PortBusy: 'EPORTBUSY',
  /** The endpoint answered for a different pid than the one asked for. */
  WrongPid: 'EWRONGPID',
  /** The target did not answer in time (main thread blocked, or SIGUSR1 disabled). */
  TimedOut: 'ETIMEDOUT',
  /** The target went away (exited, or closed the connection) during the operation. */
  Exited: 'EEXITED',
  /** The target cannot be switched on as asked: --disable-sigusr1, or a non-loopback --inspect-port. */
  Refused: 'EREFUSED',
  /** The endpoint could not be reached or is not a Node.js inspector. */
  Connect: 'ECONNECT',
  /** The target answered a CDP command with an error. */
  Cdp: 'ECDP',
  /** The preflight found the snapshot would not fit in the target's memory: nothing was captured. */
  NoRoom: 'ENOROOM',
  /** The snapshot could not be written to disk (full, gone, no permission); the partial file was removed. */
  Disk: 'EDISK',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
