// Installs what the end-to-end tests and `npm start` need, outside the project's dependencies:
// Debian's Chromium (and the build tools code-server's native modules need) through apt, and
// code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) under .cache/code-server.
// code-server's own postinstall cannot run here (it refuses
// root and downloads ripgrep from GitHub), so its steps are done by hand.
// Idempotent: a marker file written last makes a second run return at once.
//   node scripts/install-code-server.mjs          install when missing, print the entry path
//   import { ensureCodeServer } from './install-code-server.mjs'   the same, from a test harness
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync, lstatSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'build-essential', 'pkg-config', 'python3'];
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where code-server lives; HEAPSCOPE_CODE_SERVER_DIR overrides (e.g. to share one install). */
export function codeServerDir() {
  return process.env.HEAPSCOPE_CODE_SERVER_DIR ?? join(repoRoot, '.cache', 'code-server');
}

/** The script to run with Node to start code-server. */
export function codeServerEntry(dir = codeServerDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export const CHROMIUM = '/usr/bin/chromium';

function run(cmd, args, options = {}) {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options, env: { ...process.env, ...options.env } });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function log(line) {
  process.stderr.write(`[install-code-server] ${line}\n`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

function link(target, path) {
  try {
    lstatSync(path);
    return;
  } catch {
    symlinkSync(target, path);
  }
}

function installCodeServer(dir) {
  const marker = join(dir, `.installed-${CODE_SERVER_VERSION}`);
  // A half-finished earlier attempt is not trusted: start over.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'heapscope-code-server', private: true }, null, 2));
  // The machine's npm config says yes=false; node-pty's build runs `npx node-gyp`.
  const npmEnv = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const npm = 'npm';
  run(npm, ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env: npmEnv });
  run(npm, ['rebuild', 'argon2'], { cwd: dir, env: npmEnv });

  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  run(npm, ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscodeDir, env: npmEnv });
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
  run(npm, ['rebuild'], { cwd: vscodeDir, env: npmEnv });

  link('node_modules', join(vscodeDir, 'node_modules.asar'));
  link('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run(npm, ['install', '--omit=dev'], { cwd: join(vscodeDir, 'extensions'), env: npmEnv });

  if (!existsSync(codeServerEntry(dir))) throw new Error(`code-server entry missing after install: ${codeServerEntry(dir)}`);
  writeFileSync(marker, new Date().toISOString() + '\n');
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Runs `fn` holding a lock directory next to the install, so test files run in parallel (or two
 * `npm start`s) never install into one folder at once. A lock left by a dead process is taken over.
 */
function withInstallLock(dir, fn) {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being written; look again
      }
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another install holds ${lock} for too long`);
      sleep(1000);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs what is missing; returns the paths the harness needs. Fast when all is there. */
export function ensureCodeServer() {
  const dir = codeServerDir();
  const marker = join(dir, `.installed-${CODE_SERVER_VERSION}`);
  const ready = () => existsSync(marker) && existsSync(codeServerEntry(dir)) && missingAptPackages().length === 0;
  if (!ready()) {
    withInstallLock(dir, () => {
      ensureAptPackages();
      if (existsSync(marker) && existsSync(codeServerEntry(dir))) return;
      const started = Date.now();
      log(`installing code-server ${CODE_SERVER_VERSION} into ${dir}`);
      installCodeServer(dir);
      log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing although the chromium package is installed`);
  return { dir, entry: codeServerEntry(dir), chromium: CHROMIUM, version: readFileSync(marker, 'utf8').trim() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = ensureCodeServer();
    console.log(r.entry);
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
