/**
 * End to end in a real VS Code (code-server + Chromium): opening a .heapsnapshot through the
 * palette shows the Summary table in Heapscope's editor; a 100,000-constructor table scrolls with
 * only the visible rows in the DOM; a constructor named with markup renders as text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2eSession, startCodeServer } from './codeServer';
import { HOSTILE, writeBigSnapshot, writeSnapshotPair } from './bigSnapshot';

const CLASSES = 100_000;
let session: E2eSession;
let workspace: string;

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'heapscope-ws-'));
  writeBigSnapshot(join(workspace, 'big.heapsnapshot'), CLASSES);
  writeSnapshotPair(join(workspace, 'pair-a.heapsnapshot'), join(workspace, 'pair-b.heapsnapshot'), 10, 40);
  session = await startCodeServer({ workspace });
}, { timeout: 600_000 });

after(async () => {
  await session?.close();
  rmSync(workspace, { recursive: true, force: true });
});

test('Open Heap Snapshot… shows the Summary by constructor', { timeout: 120_000 }, () => session.shot('summary-table', async () => {
  await session.runCommand('Heapscope: Open Heap Snapshot…');
  await session.pickQuickItem('big.heapsnapshot');
  const frame = session.webview();
  await frame.locator('.vtable-toolbar .count', { hasText: `${(CLASSES + 3).toLocaleString('en-US')} constructors` }).waitFor({ timeout: 90_000 });
  const firstRow = frame.locator('.vtable-row.top').first();
  await firstRow.waitFor();
  // Sorted by retained size, largest first: the global that holds everything.
  assert.match(await firstRow.innerText(), /Window/);
  await session.screenshot('summary-table');
}));

test('100,000 rows: scrolling keeps a few dozen rows in the DOM and reaches the end', { timeout: 120_000 }, () => session.shot('summary-table-end', async () => {
  const frame = session.webview();
  const viewport = frame.locator('.vtable-viewport');
  const domRows = await frame.locator('.vtable-row:not([hidden])').count();
  assert.ok(domRows > 5 && domRows < 100, `rows in the DOM: ${domRows}`);
  // Scroll in steps, timing each frame, as a user dragging the scrollbar would.
  const timing = await viewport.evaluate(async (el) => {
    // Runs in the webview; the test's own tsconfig has no DOM types.
    const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
    const frames: number[] = [];
    const renders: number[] = [];
    const step = el.scrollHeight / 60;
    for (let i = 1; i <= 60; i++) {
      const t0 = performance.now();
      el.scrollTop = step * i;
      await new Promise<void>((r) => raf(() => raf(() => r())));
      frames.push(performance.now() - t0);
      renders.push(Number((el as unknown as { dataset: Record<string, string> }).dataset.renderMs));
    }
    // No helper functions in here: tsx would wrap them in a __name() the page does not have.
    const f = [...frames].sort((x, y) => x - y);
    const r = [...renders].sort((x, y) => x - y);
    return { frameMedian: f[30], frameP95: f[57], renderMedian: r[30], renderP95: r[57], renderMax: r[59] };
  });
  console.log(`100,003 rows, 60 scroll jumps: table render median ${timing.renderMedian.toFixed(2)} ms, p95 ${timing.renderP95.toFixed(2)} ms, max ${timing.renderMax.toFixed(2)} ms; ` +
    `two-frame wait median ${timing.frameMedian.toFixed(1)} ms, p95 ${timing.frameP95.toFixed(1)} ms (headless, software rendering)`);
  // The last row of the table is drawn (its page fetched from the engine) once scrolled to the end.
  await frame.locator(`.vtable-row.top:not([hidden])[data-index="${CLASSES + 3 - 1}"] .label`, { hasText: /\S/ }).waitFor({ timeout: 30_000 });
  assert.ok((await frame.locator('.vtable-row:not([hidden])').count()) < 100);
  // The table's own work per frame must fit well inside a 16 ms frame. The median is the stable
  // figure on a shared 2-core machine; the tail (printed above) moves with the machine's load.
  assert.ok(timing.renderMedian < 8, `median table render ${timing.renderMedian} ms`);
  await session.screenshot('summary-table-end');
}));

test('snapshot strings that look like markup render as text; filter and expand work from the keyboard', { timeout: 120_000 }, () => session.shot('hostile-string-as-text', async () => {
  const frame = session.webview();
  // DevTools-style class naming shortens an object named "<img …>" to the class "<img>"; its
  // instances keep the full hostile name.
  await frame.locator('input.filter').fill('img');
  await frame.locator('.vtable-toolbar .count', { hasText: /^1 constructors$/ }).waitFor({ timeout: 30_000 });
  const classRow = frame.locator('.vtable-row.top:not([hidden]) .label').first();
  assert.equal(await classRow.textContent(), '<img>');
  await frame.locator('.vtable-viewport').focus();
  await session.page.keyboard.press('Home');
  await session.page.keyboard.press('ArrowRight');
  const instance = frame.locator('.vtable-row.child:not([hidden]) .label').first();
  await instance.waitFor({ timeout: 30_000 });
  assert.match((await instance.textContent()) ?? '', new RegExp(`^${HOSTILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} @\\d+$`));
  // Its retainers: one level further down.
  await session.page.keyboard.press('ArrowDown');
  await session.page.keyboard.press('ArrowRight');
  const retainer = frame.locator('.vtable-row.child[aria-level="3"]:not([hidden]) .label').first();
  await retainer.waitFor({ timeout: 30_000 });
  assert.match((await retainer.textContent()) ?? '', /\(object elements\)|\(array\)/);
  assert.equal(await frame.locator('img').count(), 0, 'no <img> element was created from snapshot text');
  assert.notEqual(await session.page.title(), 'pwned');
  await session.screenshot('hostile-string-as-text');
}));

test('hidden and shown again, the table restores its filter from getState', { timeout: 60_000 }, () => session.shot('state-restored', async () => {
  const { page } = session;
  await session.runCommand('File: New Untitled Text File');
  await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor();
  await page.locator('.tab', { hasText: 'big.heapsnapshot' }).click();
  const frame = session.webview();
  await frame.locator('.vtable-toolbar .count', { hasText: /^1 constructors$/ }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('input.filter').inputValue(), 'img');
  assert.equal(await frame.locator('.vtable-row.top:not([hidden]) .label').first().textContent(), '<img>');
}));

test('Compare Snapshots… shows A → B per constructor, biggest growth first', { timeout: 90_000 }, () => session.shot('comparison', async () => {
  await session.runCommand('Heapscope: Compare Snapshots…');
  await session.pickQuickItem('pair-a.heapsnapshot', 'pair-a');
  await session.pickQuickItem('pair-b.heapsnapshot', 'pair-b');
  const frame = session.webview();
  await frame.locator('.page-header h2', { hasText: 'pair-a.heapsnapshot → pair-b.heapsnapshot' }).waitFor({ timeout: 60_000 });
  const first = frame.locator('.vtable-row.top:not([hidden])').first();
  await first.locator('.label', { hasText: 'LeakyThing' }).waitFor({ timeout: 30_000 });
  const cells = await first.locator('.vtable-cell').allTextContents();
  // Constructor, # New, # Deleted, # Delta, Alloc. size, Freed size, Size delta.
  assert.deepEqual(cells.slice(1, 4), ['40', '0', '+40']);
  assert.equal(cells[6], '+2.5 KiB'); // 40 × 64 bytes
  const temp = frame.locator('.vtable-row.top:not([hidden])', { has: frame.locator('.label', { hasText: /^Temp$/ }) });
  assert.deepEqual((await temp.locator('.vtable-cell').allTextContents()).slice(1, 4), ['0', '5', '-5']);
  await session.screenshot('comparison');
}));
