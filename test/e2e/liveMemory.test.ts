/**
 * End to end in a real VS Code (code-server + Chromium) against a real growing Node process:
 * Attach → Heapscope: Show Live Memory draws the d3 chart with a legend naming each line; with
 * auto-capture switched on (small thresholds in the user settings) the growth triggers a leak
 * series, which is marked on the chart and analysed into the Findings panel.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2eSession, startCodeServer } from './codeServer';
import { freePort } from '../freePort';

let session: E2eSession;
let workspace: string;
let target: ChildProcess;


before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'heapscope-ws-live-'));
  session = await startCodeServer({
    workspace,
    settings: {
      'heapscope.autoCapture.enabled': true,
      'heapscope.autoCapture.growMB': 8,
      'heapscope.autoCapture.windowSeconds': 4,
      'heapscope.autoCapture.cooldownSeconds': 600,
      'heapscope.autoCapture.count': 3,
      'heapscope.autoCapture.intervalSeconds': 1,
    },
  });
}, { timeout: 600_000 });

after(async () => {
  await session?.close();
  target?.kill('SIGKILL');
  rmSync(workspace, { recursive: true, force: true });
});

test('Show Live Memory draws the chart and legend; auto-capture fires on growth and is marked', { timeout: 300_000 }, () => session.shot('live-memory', async () => {
  const { page } = session;
  // Grows about 2.5 MB a second (10 arrays of 3,000 numbers every 100 ms) into a Map that never forgets.
  const script = join(workspace, 'growingTarget.js');
  writeFileSync(script, "const sessions = new Map();\nlet next = 0;\nsetInterval(() => { for (let i = 0; i < 10; i++) sessions.set(next++, { payload: new Array(3000).fill(i) }); }, 100);\nsetTimeout(() => process.exit(0), 300_000);\nconsole.log(JSON.stringify({ pid: process.pid }));\n");
  target = spawn(process.execPath, [`--inspect-port=127.0.0.1:${await freePort()}`, script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve) => target.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(String(d)) as { pid: number }).pid)));

  await session.runCommand('Heapscope: Attach to Node Process…');
  await session.pickQuickItem('growingTarget.js', 'growingTarget.js');
  await page.locator('.pane-body .monaco-list-row', { hasText: String(pid) }).first().waitFor({ timeout: 60_000 });
  // The Targets view offers the live view and the auto-capture switch for the attached process.
  await page.locator('.pane-body .monaco-list-row', { hasText: 'Show Live Memory' }).first().waitFor({ timeout: 10_000 });
  await page.locator('.pane-body .monaco-list-row', { hasText: 'Auto-Capture: On' }).first().waitFor({ timeout: 10_000 });

  await session.runCommand('Heapscope: Show Live Memory');
  const frame = session.webview();
  await frame.locator('svg.live-chart').waitFor({ timeout: 30_000 });
  const legend = await frame.locator('.live-legend li').allTextContents();
  assert.deepEqual(legend.map((t) => t.replace(/\s[\d.]+ [KMG]?i?B$/, '')), ['heap used', 'heap total', 'external', 'array buffers', 'RSS']);
  await frame.locator('.live-meta, .meta', { hasText: `pid ${pid}` }).first().waitFor();
  // A few samples in: every line has points, and heap used climbs.
  await frame.locator('.page-header .meta', { hasText: /\b[3-9] samples|\b\d\d+ samples/ }).waitFor({ timeout: 30_000 });
  const d = await frame.locator('path.live-line[data-figure="heapUsed"]').getAttribute('d');
  assert.ok(d && d.split(/[ML]/).length > 3, `heapUsed path: ${d}`);
  await session.screenshot('live-memory-chart');

  // 2.5 MB/s against 8 MB held for 4 s: the trigger fires within about 15 s.
  await frame.locator('.live-capture text', { hasText: 'auto-capture: 3 snapshots' }).waitFor({ timeout: 60_000 });
  await session.screenshot('live-memory-auto-capture');
  // The series is analysed like one from the command: the Findings panel names the growing Map.
  const findings = session.webview().locator('.findings-list .finding[data-kind="unbounded-collection"]');
  await findings.first().waitFor({ timeout: 180_000 });
  assert.match((await findings.first().textContent()) ?? '', /sessions/);
  await session.screenshot('live-memory-findings');
  // Back on the live panel, the capture is still marked and sampling has resumed.
  await page.locator('.tab', { hasText: 'Live Memory' }).click();
  const back = session.webview();
  await back.locator('.live-capture').first().waitFor({ timeout: 30_000 });
  await back.locator('.live-status', { hasText: 'Auto-capture finished' }).waitFor({ timeout: 30_000 });
  // Sampling paused for the capture: the lines break there (a second M in the path) instead of sloping across.
  await back.locator('.page-header .meta', { hasText: /\b\d+ samples/ }).waitFor();
  await new Promise((r) => setTimeout(r, 2500));
  const after = (await back.locator('path.live-line[data-figure="heapUsed"]').getAttribute('d')) ?? '';
  assert.ok((after.match(/M/g) ?? []).length >= 2, `heapUsed path after the capture: ${after.slice(0, 80)}`);
  await session.screenshot('live-memory-after-capture');
}));
