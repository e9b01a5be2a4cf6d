import { listLinuxNodeProcesses } from './linuxProcesses';
import { NodeProcessInfo } from './nodeProcess';
import { listDarwinNodeProcesses, listWindowsNodeProcesses } from './otherPlatformProcesses';

/**
 * Every Node.js process the current user can see, except this one: pid, argv, cwd, and whether
 * its inspector is listening (and where). Linux reads /proc; macOS uses ps/lsof; Windows uses
 * PowerShell and netstat.
 */
export function listNodeProcesses(): Promise<NodeProcessInfo[]> {
  switch (process.platform) {
    case 'linux':
      return listLinuxNodeProcesses();
    case 'win32':
      return listWindowsNodeProcesses();
    default:
      return listDarwinNodeProcesses();
  }
}
