/**
 * Runs the packaged extension in a real VS Code (code-server 4.100.3, VS Code 1.100.3) and drives
 * it with Debian's Chromium through playwright-core (code-server is installed by
 * scripts/install-code-server.mjs).
 * Everything lives in a fresh temp folder; code-server runs in its own process group (the
 * extension host and the engine worker are its children) and the whole group is killed on close,
 * also if the test process exits early.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, FrameLocator, Page, chromium } from 'playwright-core';
import { freePort } from '../freePort';

export const repoRoot = resolve(__dirname, '..', '..');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export interface E2eOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** User keybindings (keybindings.json entries), e.g. for the test-only commands of src/views/testHooks.ts. */
  keybindings?: { key: string; command: string }[];
  /** Extra environment for code-server, and so for the extension host it starts. */
  env?: Record<string, string>;
}

export interface E2eSession {
  page: Page;
  url: string;
  /** Where code-server's own log goes (kept under test-results/). */
  log: string;
  screenshot(name: string): Promise<string>;
  /** F1, type the command's title, pick it. */
  runCommand(title: string): Promise<void>;
  /** Picks a row of the open quick pick by its text, after typing `filter` (the list is virtualised). */
  pickQuickItem(text: string | RegExp, filter?: string): Promise<void>;
  /** Runs Capture Leak Series… on the attached process and answers its two questions. */
  startSeries(count: number, seconds: number): Promise<void>;
  /** The content frame of the active (or only visible) webview. */
  webview(): FrameLocator;
  /** Runs a test body; on failure saves `<name>-failed.png` before rethrowing. */
  shot<T>(name: string, body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let vsixCache: string | null = null;

/** Packages the extension once per test process. */
export async function packagedExtension(): Promise<string> {
  if (!vsixCache) {
    const { packageVsix } = await import('../../scripts/package.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'heapscope-vsix-'));
    vsixCache = packageVsix(join(dir, 'heapscope.vsix')).file;
  }
  return vsixCache;
}


async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function startCodeServer(options: E2eOptions): Promise<E2eSession> {
  const { ensureCodeServer } = await import('../../scripts/install-code-server.mjs');
  const { entry, chromium: chromiumPath } = ensureCodeServer();
  const vsix = await packagedExtension();
  const root = mkdtempSync(join(tmpdir(), 'heapscope-e2e-'));
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  const config = join(root, 'config.yaml');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(config, 'auth: none\ncert: false\n');
  const settingsFile = join(userData, 'User', 'settings.json');
  const userSettings: Record<string, unknown> = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'window.restoreWindows': 'none',
    'editor.codeLens': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...options.settings,
  };
  writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  if (options.keybindings) writeFileSync(join(userData, 'User', 'keybindings.json'), JSON.stringify(options.keybindings, null, 2));

  const install = spawnSync(process.execPath, [entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (install.status !== 0) throw new Error(`installing the extension failed: ${install.stderr || install.stdout}`);

  const port = await freePort();
  const log = join(resultsDir, `code-server-${port}.log`);
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, [
    entry, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', options.workspace,
  ], { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...options.env } });
  const onExit = () => killGroup(child, 'SIGKILL');
  process.on('exit', onExit);
  // The test runner stops a file that runs too long with SIGTERM; 'exit' alone would not fire.
  const onSignal = () => {
    killGroup(child, 'SIGKILL');
    process.exit(1);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    browser = null;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Children that ignored SIGTERM (extension host, engine worker) go with the group.
    killGroup(child, 'SIGKILL');
    process.off('exit', onExit);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    // VS Code's own logs (the extension host's, and the Heapscope Output channel's) outlive the
    // temp folder, beside code-server's log, so a failed run can be read afterwards.
    const logs = join(userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(resultsDir, `vscode-logs-${port}`), { recursive: true });
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`;
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, child, 30_000);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    // The workbench draws before the extension host has scanned extensions; commands from our
    // package.json exist only once the Heapscope view container has appeared.
    await page.locator('.activitybar .action-item a[aria-label^="Heapscope"]').waitFor({ timeout: 120_000 });

    const session: E2eSession = {
      page,
      url,
      log,
      async screenshot(name) {
        const file = join(resultsDir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async runCommand(title) {
        const widget = page.locator('.quick-input-widget');
        const input = widget.locator('.quick-input-box input');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        // A quick pick that is still closing (an attach picker just chosen from) can shut the
        // palette F1 opens, before or after the title is typed: then open it again, a few times.
        for (let attempt = 1; ; attempt++) {
          await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
          await page.keyboard.press('F1');
          try {
            await input.waitFor({ state: 'visible', timeout: 10_000 });
            await input.fill(`>${title}`, { timeout: 10_000 });
            await row.click({ timeout: attempt >= 3 ? 30_000 : 10_000 });
            return;
          } catch (error) {
            if (attempt >= 3) throw error;
            await page.keyboard.press('Escape');
          }
        }
      },
      async startSeries(count, seconds) {
        await session.runCommand('Heapscope: Capture Leak Series…');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await input.fill(String(count));
        await input.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'Seconds between snapshots' }).waitFor();
        await input.fill(String(seconds));
        await input.press('Enter');
      },
      async pickQuickItem(text, filter) {
        if (filter !== undefined) await page.locator('.quick-input-widget .quick-input-box input').fill(filter);
        await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first().click({ timeout: 30_000 });
      },
      async shot(name, body) {
        try {
          return await body();
        } catch (error) {
          await page.screenshot({ path: join(resultsDir, `${name}-failed.png`) }).catch(() => undefined);
          throw error;
        }
      },
      webview() {
        return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}
