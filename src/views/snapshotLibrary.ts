import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { profilePathFor } from '../inspector/inspector';
import { Analysis, FindingsStore } from './findingsStore';
import { log } from './heapscopeLog';
import { isSeriesId, isSnapshotFileName, MANIFEST_SUFFIX, parseManifest, SeriesManifest } from './seriesManifest';
import { snapshotDirectory } from './snapshotDirectory';
import { SnapshotEntry, SnapshotStore } from './snapshotStore';

/**
 * The snapshots on disk in the snapshot directory (snapshotDirectory.ts): listed into the store at
 * start-up, sized, grouped into series by the JSON saved beside them (seriesManifest.ts), with
 * each series' last analysis saved there and restored after a reload. Deletes only files it
 * lists, inside that directory. Every name it writes is its own (`series-<ms>.series.json`).
 */
export class SnapshotLibrary implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly analyses = new Map<string, SeriesManifest['analysis']>();
  private readonly written = new Map<string, string>();
  private offered = false;
  /** While the directory is read, its entries are listed but no manifest is rewritten. */
  private scanning = 0;
  /** Resolves once the directory has been read and the last analysis restored. */
  restored: Promise<void>;

  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly store: SnapshotStore,
    private readonly findings: FindingsStore,
    private readonly memento: vscode.Memento,
  ) {
    this.subscriptions = [
      store.onDidChange(() => void this.onStoreChange()),
      findings.onDidChange((a) => void this.onAnalysis(a)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('heapscope.snapshotDirectory')) this.restored = this.scan();
      }),
    ];
    this.restored = this.scan();
  }

  get dir(): string {
    return snapshotDirectory(this.globalStorage).dir;
  }

  /** Bytes on disk of every listed snapshot. */
  totalBytes(): number {
    return this.store.list().reduce((sum, e) => sum + (e.bytes ?? 0), 0);
  }

  private async scan(): Promise<void> {
    this.scanning++;
    try {
      await this.list(this.dir);
    } finally {
      this.scanning--;
    }
  }

  private async list(dir: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      log.info('snapshots', `no snapshots yet in ${dir}`);
      return;
    }
    const manifests: SeriesManifest[] = [];
    for (const name of names.filter((n) => n.endsWith(MANIFEST_SUFFIX))) {
      const m = parseManifest(await readFile(path.join(dir, name), 'utf8').catch(() => ''));
      if (m && `${m.series}${MANIFEST_SUFFIX}` === name) manifests.push(m);
    }
    const inSeries = new Map<string, { series: SeriesManifest; time: number }>();
    for (const m of manifests) for (const s of m.snapshots) inSeries.set(s.file, { series: m, time: s.time });
    for (const m of manifests) this.analyses.set(m.series, m.analysis);
    let count = 0;
    for (const name of names.filter(isSnapshotFileName).sort()) {
      const file = path.join(dir, name);
      const s = await stat(file).catch(() => null);
      if (!s || !s.isFile()) continue;
      const m = inSeries.get(name);
      const existing = this.store.list().find((e) => e.file === file);
      this.store.upsert({
        file, origin: existing?.origin ?? 'captured', time: m?.time ?? s.mtimeMs, info: existing?.info ?? null,
        pid: m?.series.pid ?? existing?.pid ?? null, series: m?.series.series ?? existing?.series ?? null, bytes: s.size,
      });
      count++;
    }
    const latest = manifests.filter((m) => m.analysis).sort((a, b) => b.analysis!.time - a.analysis!.time)[0];
    if (latest?.analysis && !this.findings.current) {
      const files = latest.snapshots.map((s) => path.join(dir, s.file));
      this.findings.set({ handles: [], series: latest.analysis.series, findings: latest.analysis.findings, time: latest.analysis.time, files });
    }
    log.info('snapshots', `listed ${count} snapshots and ${manifests.length} series in ${dir}${latest ? `; restored the findings of ${latest.series}` : ''}`);
  }

  private async onStoreChange(): Promise<void> {
    const dir = this.dir;
    for (const e of this.store.list()) {
      if (e.bytes !== undefined) continue;
      e.bytes = null;
      const s = await stat(e.file).catch(() => null);
      this.store.upsert({ ...e, bytes: s ? s.size : null });
    }
    if (this.scanning > 0) return;
    const series = new Set(this.store.list().filter((e) => e.series && path.dirname(e.file) === dir).map((e) => e.series!));
    for (const id of series) await this.writeManifest(id);
    if (this.store.list().some((e) => e.origin === 'captured' && path.dirname(e.file) === dir)) void this.offerGitignore();
  }

  private async onAnalysis(analysis: Analysis | null): Promise<void> {
    if (!analysis?.files || analysis.handles.length === 0) return;
    const entries = analysis.files.map((f) => this.store.list().find((e) => e.file === f));
    const id = entries[0]?.series;
    if (!id || !entries.every((e) => e?.series === id)) return;
    this.analyses.set(id, { series: analysis.series, findings: analysis.findings, time: analysis.time });
    await this.writeManifest(id);
  }

  private async writeManifest(id: string): Promise<void> {
    if (!isSeriesId(id)) return;
    const dir = this.dir;
    const members = this.store.list().filter((e) => e.series === id && path.dirname(e.file) === dir);
    if (members.length === 0) return;
    const manifest: SeriesManifest = {
      version: 1,
      series: id,
      pid: members[0].pid,
      snapshots: members.map((e) => ({ file: path.basename(e.file), time: e.time })),
      analysis: this.analyses.get(id) ?? null,
    };
    const text = JSON.stringify(manifest);
    if (this.written.get(id) === text) return;
    this.written.set(id, text);
    const target = path.join(dir, `${id}${MANIFEST_SUFFIX}`);
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, text);
      await rename(temp, target);
    } catch (error) {
      this.written.delete(id);
      await rm(temp, { force: true });
      log.error('snapshots', `saving ${target}`, error);
    }
  }

  /** Deletes listed snapshot files (inside the directory only) and forgets them. */
  async delete(entries: readonly SnapshotEntry[]): Promise<void> {
    const dir = this.dir;
    for (const e of entries) {
      if (path.dirname(e.file) !== dir || !isSnapshotFileName(path.basename(e.file))) {
        log.warn('snapshots', `not deleting ${e.file}: it is not in ${dir}`);
        continue;
      }
      await rm(e.file, { force: true });
      // The allocation profile captured with it, when there is one (same name, .heapprofile).
      await rm(profilePathFor(e.file), { force: true });
      this.store.forget(e.file);
      log.info('snapshots', `deleted ${e.file}`);
    }
  }

  /** Deletes every snapshot of a series and its JSON; drops its findings if they are shown. */
  async deleteSeries(id: string): Promise<void> {
    if (!isSeriesId(id)) return;
    await this.delete(this.store.list().filter((e) => e.series === id));
    await rm(path.join(this.dir, `${id}${MANIFEST_SUFFIX}`), { force: true });
    this.analyses.delete(id);
    this.written.delete(id);
    const shown = this.findings.current?.files;
    if (shown && shown.every((f) => !this.store.list().some((e) => e.file === f))) this.findings.set(null);
    log.info('snapshots', `deleted ${id}`);
  }

  /** Once per workspace: offer to keep the default `.heapscope/` folder out of git. */
  private async offerGitignore(): Promise<void> {
    const where = snapshotDirectory(this.globalStorage);
    if (this.offered || !where.isDefaultInWorkspace || !where.folder || this.memento.get('heapscope.gitignoreOffered')) return;
    this.offered = true;
    const gitignore = path.join(where.folder, '.gitignore');
    const text = await readFile(gitignore, 'utf8').catch(() => '');
    if (/^\/?\.heapscope\/?\s*$/m.test(text)) return;
    await this.memento.update('heapscope.gitignoreOffered', true);
    const choice = await vscode.window.showInformationMessage('Heapscope keeps snapshots in .heapscope/ in this folder. Add it to .gitignore?', 'Add to .gitignore', 'Not now');
    if (choice !== 'Add to .gitignore') return;
    await writeFile(gitignore, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}.heapscope/\n`);
    log.info('snapshots', `added .heapscope/ to ${gitignore}`);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
