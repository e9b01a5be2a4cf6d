/**
 * Builds (once, cached under .cache/devtools/) an esbuild bundle of Chrome DevTools' own heap
 * snapshot worker from the chrome-devtools-frontend devDependency, so it runs in Node. It is our
 * independent reference: nothing of it is copied into src/.
 *
 * To make it run in Node: ESM output (its HostRuntime uses top-level await), the generated
 * i18n `locales.js` (absent from the npm package) replaced by a one-locale stub, and a
 * Promise.withResolvers polyfill for Node 20 in the banner.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

const REPO = resolve(__dirname, '..', '..');
const FRONTEND = join(REPO, 'node_modules', 'chrome-devtools-frontend');
const WORKER = join(FRONTEND, 'front_end', 'entrypoints', 'heap_snapshot_worker');

const stubLocales: Plugin = {
  name: 'stub-devtools-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\/locales\.js$/ }, () => ({ path: 'locales', namespace: 'devtools-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'devtools-stub' }, () => ({
      loader: 'js',
      contents: [
        "export const LOCALES = ['en-US'];",
        "export const BUNDLED_LOCALES = ['en-US'];",
        "export const DEFAULT_LOCALE = 'en-US';",
        "export const REMOTE_FETCH_PATTERN = '';",
        "export const LOCAL_FETCH_PATTERN = '';",
      ].join('\n'),
    }));
  },
};

const POLYFILL = `if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}`;

/** Path of the bundle for the installed chrome-devtools-frontend version, building it if needed. */
export async function devToolsBundle(): Promise<string> {
  const version = JSON.parse(readFileSync(join(FRONTEND, 'package.json'), 'utf8')).version as string;
  const dir = join(REPO, '.cache', 'devtools');
  const out = join(dir, `heapSnapshotWorker-${version}.mjs`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const esbuild = await import('esbuild');
  // Built to a unique name and renamed, so test files building at once never see half a file.
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp.mjs`;
  await esbuild.build({
    stdin: {
      contents: [
        `export * as Loader from ${JSON.stringify(join(WORKER, 'HeapSnapshotLoader.ts'))};`,
        `export * as Snapshot from ${JSON.stringify(join(WORKER, 'HeapSnapshot.ts'))};`,
      ].join('\n'),
      resolveDir: REPO,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    banner: { js: POLYFILL },
    plugins: [stubLocales],
    logLevel: 'error',
  });
  renameSync(tmp, out);
  return out;
}
