import * as vscode from 'vscode';
import * as path from 'node:path';
import { CallOptions } from '../protocol/rpc';
import { SnapshotInfo } from '../protocol/engineApi';
import { EngineHost } from './engineHost';
import { SnapshotStore } from './snapshotStore';

/**
 * Loads snapshot files into the engine once per worker and remembers their handles, so the
 * custom editor, Compare and Analyze share one parse of each file.
 */
export class SnapshotLoader implements vscode.Disposable {
  private readonly loaded = new Map<string, { generation: number; info: Promise<SnapshotInfo> }>();

  constructor(private readonly engine: EngineHost, private readonly store: SnapshotStore) {}

  load(file: string, options: CallOptions, origin: 'captured' | 'opened' = 'opened'): Promise<SnapshotInfo> {
    const key = path.resolve(file);
    const cached = this.loaded.get(key);
    if (cached && cached.generation === this.engine.generation) return cached.info;
    const remote = this.engine.remote;
    const info = remote.open({ file: key }, options);
    const entry = { generation: this.engine.generation, info };
    this.loaded.set(key, entry);
    const existing = this.store.list().find((e) => e.file === key);
    if (!existing) this.store.upsert({ file: key, origin, time: Date.now(), info: null, pid: null, series: null });
    info.then(
      (loadedInfo) => {
        const e = this.store.list().find((x) => x.file === key);
        if (e) this.store.upsert({ ...e, info: loadedInfo });
      },
      () => {
        // A failed or cancelled load is forgotten so the next attempt starts afresh.
        if (this.loaded.get(key) === entry) this.loaded.delete(key);
      },
    );
    return info;
  }

  dispose(): void {
    this.loaded.clear();
  }
}
