// Bundles every entry point with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node-side bundles: the extension host, the engine worker, the CLI. */
const nodeEntries = {
  extension: 'src/extension.ts',
  engineWorker: 'src/engine/engineWorker.ts',
  // Next to the engine worker (and the CLI) as startGraphThread expects.
  graphThread: 'src/engine/thread/graphThread.ts',
  cli: 'src/cli.ts',
};
const webEntries = {
  webview: 'webview/main.ts',
};

function present(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));
}

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  outdir: 'dist',
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: present(nodeEntries),
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.context({
    ...common,
    entryPoints: present(webEntries),
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
