import * as vscode from 'vscode';
import { SnapshotInfo } from '../protocol/engineApi';

export interface SnapshotEntry {
  file: string;
  /** Where it came from: captured this session, or opened from disk. */
  origin: 'captured' | 'opened';
  /** Capture or open time, ms since the epoch. */
  time: number;
  /** Set once the engine has loaded it. */
  info: SnapshotInfo | null;
  /** The process it was captured from; series group by it. */
  pid: number | null;
  /** Series id when captured as part of a leak series. */
  series: string | null;
  /** Size of the file on disk; undefined until looked up, null when it could not be. */
  bytes?: number | null;
}

/** The snapshots of this session, in the order they arrived. Feeds the Snapshots view. */
export class SnapshotStore implements vscode.Disposable {
  private readonly entries: SnapshotEntry[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  list(): readonly SnapshotEntry[] {
    return this.entries;
  }

  /** Adds or updates the entry for a file. */
  upsert(entry: SnapshotEntry): SnapshotEntry {
    const existing = this.entries.find((e) => e.file === entry.file);
    if (existing) Object.assign(existing, { ...entry, info: entry.info ?? existing.info });
    else this.entries.push(entry);
    this.changed.fire();
    return existing ?? entry;
  }

  forget(file: string): void {
    const i = this.entries.findIndex((e) => e.file === file);
    if (i >= 0) {
      this.entries.splice(i, 1);
      this.changed.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
