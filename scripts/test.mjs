// `npm test`: bundle, type-check, then run every test/**/*.test.ts with Node's test runner
// (TypeScript is loaded through tsx, so one test file can be run alone while others are in flux:
// `node --import tsx --test test/engine/foo.test.ts`).
// Optional args select suites by folder prefix under test/, e.g. `npm test -- engine inspector`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// The real-world corpus's libraries live in their own package (test/realworld/), so the
// extension's own dependencies stay lean; they are installed here when missing or out of date.
const corpusLock = join('test', 'realworld', 'package-lock.json');
const corpusInstalled = join('test', 'realworld', 'node_modules', '.package-lock.json');
if (existsSync(corpusLock) && (!existsSync(corpusInstalled) || statSync(corpusInstalled).mtimeMs < statSync(corpusLock).mtimeMs)) {
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'realworld:install']);
}
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);
// The webview has its own tsconfig (DOM types, no Node types).
if (existsSync('webview/tsconfig.json')) run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview', '--noEmit']);
const only = process.argv.slice(2);
const files = find('test')
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(join('test', o))))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
