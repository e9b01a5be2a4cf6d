/**
 * End to end in a real VS Code (code-server + Chromium), in the user's own TypeScript project: a
 * server compiled by tsc in the workspace is attached to and a leak series captured; the Output
 * channel shows the attach steps; the closure finding opens the .ts file at the leak's line with
 * its CodeLens there; snapshots land in .heapscope/ (offered to .gitignore), are listed with their
 * series after Developer: Reload Window, and the Findings panel comes back with the same findings;
 * deleting the series removes its files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { E2eSession, startCodeServer } from './codeServer';
import { leakInSource, TS_SERVER_DIR } from '../engine/sourcemap/leakSource';
import { freePort } from '../freePort';

let session: E2eSession;
let workspace: string;
let server: ChildProcess;
let serverPid = 0;
let titlesBefore: string[] = [];
const leak = leakInSource();


const snapshotDir = () => join(workspace, '.heapscope');

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'heapscope-tsws-'));
  cpSync(join(TS_SERVER_DIR, 'src'), join(workspace, 'src'), { recursive: true });
  cpSync(join(TS_SERVER_DIR, 'tsconfig.json'), join(workspace, 'tsconfig.json'));
  // The user's build: tsc writes dist/*.js with .js.map files beside them.
  // (@types/node from this repository: the temp folder has no node_modules.)
  const typeRoots = join(require.resolve('@types/node/package.json'), '..', '..');
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', workspace, '--typeRoots', typeRoots], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  session = await startCodeServer({ workspace });
}, { timeout: 600_000 });

after(async () => {
  await session?.close();
  server?.kill();
  rmSync(workspace, { recursive: true, force: true });
});

/** The content frame of the visible webview that shows `selector` (the Findings panel, a snapshot editor). */
async function webviewWith(selector: string, timeoutMs = 90_000) {
  const frames = session.page.locator('iframe.webview.ready');
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    for (let i = 0; i < (await frames.count()); i++) {
      const frame = session.page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if ((await frame.locator(selector).count()) > 0) return frame;
    }
  }
  throw new Error(`no webview shows ${selector}`);
}

function pane(name: string) {
  return session.page.locator('.pane', { has: session.page.locator('.pane-header', { hasText: name }) });
}

test('Attach to the tsc-compiled server; the Heapscope Output channel shows the attach steps', { timeout: 180_000 }, () => session.shot('ts-attach-log', async () => {
  const { page } = session;
  const inspectPort = await freePort();
  server = spawn(process.execPath, [`--inspect-port=127.0.0.1:${inspectPort}`, join(workspace, 'dist', 'server.js'), '--interval-ms', '1000', '--max-rounds', '40'], { stdio: ['ignore', 'pipe', 'inherit'] });
  serverPid = await new Promise<number>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { pid: number }).pid));
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  await session.runCommand('Heapscope: Attach to Node Process…');
  await session.pickQuickItem(String(serverPid), 'server.js');
  await pane('Targets').locator('.monaco-list-row', { hasText: String(serverPid) }).first().waitFor({ timeout: 60_000 });

  await session.runCommand('Output: Show Output Channels...');
  await session.pickQuickItem('Heapscope', 'Heapscope');
  const output = page.locator('.part.panel .monaco-editor .view-lines').first();
  await output.locator('.view-line', { hasText: '[attach] attached to' }).first().waitFor({ timeout: 30_000 });
  const text = (await output.innerText()).replace(/\u00a0/g, ' ');
  assert.match(text, new RegExp(`\\[attach\\] attaching to pid ${serverPid}`));
  assert.match(text, new RegExp(`\\[attach\\] switching on the inspector of pid ${serverPid}`));
  assert.match(text, /\[activate\] Heapscope /);
  await session.screenshot('ts-output-channel');
}));

test('A leak series of the TypeScript server: the closure finding opens reportJobs.ts at the leak, with its CodeLens', { timeout: 400_000 }, () => session.shot('ts-source-map', async () => {
  const { page } = session;
  await session.startSeries(3, 2);

  // Snapshots go to .heapscope/ in the workspace; Heapscope offers (once) to keep it out of git.
  const offer = page.locator('.notification-toast', { hasText: 'Add it to .gitignore?' });
  await offer.waitFor({ timeout: 240_000 });
  await offer.locator('.monaco-button', { hasText: 'Add to .gitignore' }).click();

  const frame = session.webview();
  const closure = frame.locator('.findings-list .finding[data-kind="long-lived-closure"]').first();
  await closure.waitFor({ timeout: 240_000 });
  titlesBefore = await frame.locator('.findings-list .finding .title').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  assert.ok(titlesBefore.length >= 1);
  assert.match(readFileSync(join(workspace, '.gitignore'), 'utf8'), /^\.heapscope\/$/m);
  await closure.click();
  // The growth chart names its lines.
  assert.match((await frame.locator('.growth-chart .legend').textContent()) ?? '', /Heap \(all objects\).*Retained by this finding/);
  const link = frame.locator('.details .source-link');
  const expected = `${join(workspace, 'src', 'reportJobs.ts')}:${leak.line}:${leak.column}`;
  assert.equal(await link.textContent(), expected);
  assert.match((await frame.locator('.details .source-map').textContent()) ?? '', new RegExp(`compiled: .*dist/reportJobs\\.js:\\d+:\\d+`));
  await session.screenshot('ts-findings');
  await link.click();
  await page.locator('.tab.active', { hasText: 'reportJobs.ts' }).waitFor({ timeout: 30_000 });
  await page.locator('.statusbar-item', { hasText: new RegExp(`^Ln ${leak.line}, Col ${leak.column}`) }).waitFor({ timeout: 10_000 });
  const lens = page.locator('.contentWidgets .codelens-decoration', { hasText: 'this closure keeps' });
  await lens.first().waitFor({ timeout: 30_000 });
  assert.match((await lens.first().textContent()) ?? '', /this closure keeps [\d.]+ [kMG]?i?B alive via `rows`/);
  await session.screenshot('ts-codelens');
}));

test('After Developer: Reload Window the Snapshots view lists the series, and the Findings panel and the snapshot editor are back', { timeout: 300_000 }, () => session.shot('ts-reload', async () => {
  const { page } = session;
  const files = () => readdirSync(snapshotDir()).sort();
  const snapshots = files().filter((f) => f.endsWith('.heapsnapshot'));
  assert.equal(snapshots.length, 3, files().join(', '));
  assert.equal(files().filter((f) => /^series-\d+\.series\.json$/.test(f)).length, 1, files().join(', '));
  // One snapshot open in Heapscope's editor (beside the Findings panel), from the Snapshots view.
  await pane('Snapshots').locator('.monaco-list-row', { hasText: snapshots[2] }).first().click();
  await page.locator('.tab.active', { hasText: snapshots[2] }).waitFor({ timeout: 30_000 });
  await (await webviewWith('.vtable-toolbar .count')).locator('.vtable-toolbar .count', { hasText: 'constructors' }).waitFor({ timeout: 90_000 });
  server.kill();
  await session.runCommand('Developer: Reload Window');
  await page.locator('.activitybar .action-item a[aria-label^="Heapscope"]').waitFor({ timeout: 120_000 });
  const rows = pane('Snapshots').locator('.monaco-list-row');
  await rows.filter({ hasText: `Series of pid ${serverPid}` }).first().waitFor({ timeout: 60_000 });
  await rows.nth(3).waitFor({ timeout: 30_000 });
  assert.equal(await rows.filter({ hasText: /heapscope-\d+-.*\.heapsnapshot/ }).count(), 3);
  assert.match((await pane('Snapshots').locator('.pane-header').textContent()) ?? '', /3 · [\d.]+ [kMG]?i?B on disk/);
  // The Findings panel is restored by its serializer, with the findings saved beside the series.
  const frame = await webviewWith('.findings-list .finding');
  const titlesAfter = await frame.locator('.findings-list .finding .title').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  assert.deepEqual(titlesAfter, titlesBefore);
  // The snapshot editor is back too, loading its file again in the engine.
  await page.locator('.tab', { hasText: snapshots[2] }).waitFor({ timeout: 30_000 });
  await (await webviewWith('.vtable-toolbar .count')).locator('.vtable-toolbar .count', { hasText: 'constructors' }).waitFor({ timeout: 90_000 });
  await session.screenshot('ts-after-reload');
}));

test('A narrow editor stacks the findings list, the path and the details', { timeout: 60_000 }, () => session.shot('ts-narrow', async () => {
  const { page } = session;
  await page.setViewportSize({ width: 820, height: 900 });
  const frame = await webviewWith('.findings-list .finding');
  await frame.locator('.findings-list .finding').first().click();
  const [list, detail] = await Promise.all([frame.locator('.findings-left').boundingBox(), frame.locator('.finding-detail').boundingBox()]);
  assert.ok(list && detail);
  assert.ok(detail.y >= list.y + list.height - 1, `details below the list: list ${JSON.stringify(list)}, details ${JSON.stringify(detail)}`);
  await session.screenshot('ts-narrow');
  await page.setViewportSize({ width: 1400, height: 900 });
}));

test('Delete Series removes its snapshots and its saved findings from disk', { timeout: 120_000 }, () => session.shot('ts-delete-series', async () => {
  const { page } = session;
  const series = pane('Snapshots').locator('.monaco-list-row', { hasText: `Series of pid ${serverPid}` }).first();
  // A click that lands while the context menu is still being laid out is lost (the menu stays
  // open, no dialog comes): let the menu settle, and if the click was lost choose the hovered item
  // from the keyboard; else open the menu again, a few times at most.
  const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete' }).first();
  const dialogShown = (ms: number) => confirm.waitFor({ state: 'visible', timeout: ms }).then(() => true, () => false);
  for (let attempt = 1; ; attempt++) {
    await series.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Delete Series' }).first();
    await item.waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    await item.hover();
    await item.click();
    if (await dialogShown(3_000)) break;
    if (await item.isVisible()) await page.keyboard.press('Enter');
    if (await dialogShown(3_000)) break;
    assert.ok(attempt < 3, 'the Delete Series confirmation never appeared');
    await page.keyboard.press('Escape');
  }
  await confirm.click();
  await pane('Snapshots').locator('.monaco-list-row', { hasText: `Series of pid ${serverPid}` }).first().waitFor({ state: 'detached', timeout: 30_000 });
  const left = existsSync(snapshotDir()) ? readdirSync(snapshotDir()) : [];
  assert.deepEqual(left, []);
  await session.screenshot('ts-series-deleted');
}));
