// `npm run package`: a production bundle (esbuild, minified), then a .vsix with @vscode/vsce.
// Everything the extension runs is in dist/ (bundled), so the package carries no node_modules.
//   node scripts/package.mjs [--out FILE]      prints the .vsix path and its size
//   import { packageVsix } from './package.mjs'
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}\n${r.stdout}`);
  return r.stdout;
}

/** Builds and packages; returns the .vsix path and its size in bytes. */
/** What the extension loads at run time; .vscodeignore must let each of them in. */
const RUNTIME_FILES = ['dist/extension.js', 'dist/engineWorker.js', 'dist/graphThread.js', 'dist/webview.js'];

export function packageVsix(outFile = join(repoRoot, 'out', 'heapscope.vsix')) {
  mkdirSync(dirname(outFile), { recursive: true });
  run(['scripts/build.mjs', '--production']);
  // A missing dist/graphThread.js would not fail anything: the engine would quietly run single-threaded.
  const listed = run([join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies']).split('\n').map((l) => l.trim());
  const missing = RUNTIME_FILES.filter((f) => !listed.includes(f));
  if (missing.length > 0) throw new Error(`the package would leave out ${missing.join(', ')}: see .vscodeignore`);
  run([
    join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
    'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', outFile,
  ]);
  return { file: outFile, bytes: statSync(outFile).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const { file, bytes } = packageVsix(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  console.log(`${file} ${(bytes / 1024).toFixed(1)} KiB`);
}
