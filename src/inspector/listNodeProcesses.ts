import { listLinuxNodeProcesses } from './linuxProcesses';
import { NodeProcessInfo } from './nodeProcess';
import { listDarwinNodeProcesses, listWindowsNodeProcesses } from './otherPlatformProcesses';
import { ProbeOptions } from './probeOptions';

/**
 * Every Node.js process the current user can see, except this one: pid, argv, cwd, and whether
 * its inspector is listening (and where). Linux reads /proc; macOS uses ps/lsof; Windows uses
 * PowerShell and netstat. No traffic goes to a port unless the process's flags name it, or say
 * its inspector port is random (--inspect-port=0), or `options.probe` asks for it.
 */
export function listNodeProcesses(options: ProbeOptions = {}): Promise<NodeProcessInfo[]> {
  switch (process.platform) {
    case 'linux':
      return listLinuxNodeProcesses(options);
    case 'win32':
      return listWindowsNodeProcesses(options);
    default:
      return listDarwinNodeProcesses(options);
  }
}
