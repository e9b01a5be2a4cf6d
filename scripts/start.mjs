// `npm start`, the main job: build and package the extension, install code-server if missing,
// start the leaky sample server and code-server (127.0.0.1, random free port, extension
// installed, the sample's folder open), and print the URL to open. Ctrl+C stops both.
//   node scripts/start.mjs [--port N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './install-code-server.mjs';
import { packageVsix } from './package.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function say(line) {
  process.stdout.write(`${line}\n`);
}

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : await freePort();

say('Building and packaging the extension…');
const { file: vsix, bytes } = packageVsix();
say(`  ${vsix} (${(bytes / 1024).toFixed(1)} KiB)`);

say('Checking code-server (installs it on first run, about 2 minutes)…');
const { entry } = ensureCodeServer();

const home = join(repoRoot, '.cache', 'start');
const userData = join(home, 'user-data');
const extensions = join(home, 'extensions');
const config = join(home, 'config.yaml');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensions, { recursive: true });
writeFileSync(config, 'auth: none\ncert: false\n');
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
}, null, 2));
const install = spawnSync(process.execPath, [entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix, '--force'], { encoding: 'utf8' });
if (install.status !== 0) {
  console.error(install.stderr || install.stdout);
  process.exit(1);
}

// The sample gets its own inspector port so switching it on never collides with another 9229.
const inspectPort = await freePort();
const sample = spawn(process.execPath, [`--inspect-port=127.0.0.1:${inspectPort}`, join(repoRoot, 'samples', 'leakyServer.js'), '--exit-with-stdin'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ready = await new Promise((resolveReady, reject) => {
  createInterface({ input: sample.stdout }).once('line', (line) => resolveReady(JSON.parse(line)));
  sample.once('exit', (code) => reject(new Error(`the sample server exited with ${code}`)));
});

const log = join(home, 'code-server.log');
const workspace = join(repoRoot, 'samples');
const server = spawn(process.execPath, [
  entry, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
  '--user-data-dir', userData, '--extensions-dir', extensions,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  '--ignore-last-opened', workspace,
], { detached: true, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });

function stop() {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  sample.kill();
}
process.on('SIGINT', () => {
  stop();
  process.exit(0);
});
process.on('SIGTERM', () => {
  stop();
  process.exit(0);
});
process.on('exit', stop);
server.on('exit', (code) => {
  console.error(`code-server exited (${code}); its log: ${log}`);
  sample.kill();
  process.exit(1);
});

// Wait until it answers before printing the URL.
for (let i = 0; i < 150; i++) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (r.ok) break;
  } catch {
    // not yet
  }
  await new Promise((r) => setTimeout(r, 200));
}

say('');
say(`Leaky sample server: pid ${ready.pid}, ${ready.url} (leaks a little every 2 s)`);
say(`Open VS Code with Heapscope:  http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
say('Then: F1 → "Heapscope: Attach to Node Process…" → pick leakyServer.js → "Heapscope: Capture Leak Series…".');
say(`code-server log: ${log}. Ctrl+C stops everything.`);
